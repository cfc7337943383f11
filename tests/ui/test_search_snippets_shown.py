"""A result's snippet shows the words it was found for, wherever they are in the passage."""

from __future__ import annotations

from reader.ui.search_results import RowKind, from_first_match
from tests.ui.test_search_window import _ready, _type_query


def test_every_snippet_shown_for_deep_learning_has_a_bold_match(open_window, qtbot) -> None:
    window = open_window()
    _ready(qtbot, window)
    _type_query(qtbot, window, "deep learning")
    panel = window.search_panel
    rows = [row for row in panel.model.rows() if row.kind is RowKind.HIT]
    assert len(rows) >= 5
    for row in rows:
        shown = panel.delegate.shown_runs(row, panel.list.font())
        assert any(is_match and text.strip() for text, is_match in shown), shown


def test_a_late_match_is_shown_after_an_ellipsis_at_a_word() -> None:
    runs = [("The first sentence is long and says nothing of note at all. " * 4, False),
            ("scaling", True), (" at the end.", False)]
    shown = from_first_match(runs, 80)
    assert shown[0] == ("…", False)
    assert shown[1][0].split()[0] in runs[0][0].split()  # a whole word, not a piece
    assert ("scaling", True) in shown
    assert sum(len(text) for text, _ in shown[:2]) <= 80 // 4 + 12
    assert from_first_match(runs[1:], 80) == runs[1:]  # an early match: left as it is
