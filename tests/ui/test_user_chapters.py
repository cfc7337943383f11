"""The user's own chapters in the window: added at the reading place, renamed, deleted, an
automatic section kept; shown in the sidebar beside the automatic ones and still there after a
restart (they live in the sidecar)."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QInputDialog

from reader.core.annotations import sidecar_path
from reader.core.model import ChapterKind
from reader.ui.chapter_panel import KIND_ROLE
from reader.ui.two_line_delegate import SECONDARY_ROLE
from tests.conftest import EYE, LEX


def _select(window, path: Path) -> None:
    assert window.library.select_path(path)


def _sidebar(window) -> list[tuple[str, str]]:
    model = window.chapters.chapter_model
    return [(model.index(row).data(), model.index(row).data(KIND_ROLE))
            for row in range(model.rowCount())]


def test_a_chapter_added_at_the_cursor_shows_in_the_sidebar_and_survives_a_restart(
        open_window, library_dir, qtbot, monkeypatch) -> None:
    path = library_dir / EYE.name
    window = open_window()
    _select(window, path)
    paragraph = window.transcript.blocks[20]
    middle = paragraph.start + len(paragraph.text) // 2
    window.view.scroll_to_offset(paragraph.start)  # the paragraph is on screen...
    window.view.select_range(middle, middle)  # ...and the user clicked in its middle
    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda *args, **kwargs: ("Deep Blue and search", True)))
    window.chapter_actions.add_action.trigger()

    assert ("Deep Blue and search", "user") in _sidebar(window)
    row = [title for title, _ in _sidebar(window)].index("Deep Blue and search")
    assert window.chapters.chapter_model.index(row).data(SECONDARY_ROLE) == "your chapter"
    chapter = window.transcript.chapters[row]
    assert chapter.start == paragraph.start  # a chapter starts at a paragraph
    stored = json.loads(sidecar_path(path).read_text(encoding="utf-8"))
    assert [a["body"][0]["value"] for a in stored["annotations"]
            if a.get("tr:kind") == "chapter"] == ["Deep Blue and search"]
    window.close()

    again = open_window()
    _select(again, path)
    assert ("Deep Blue and search", "user") in _sidebar(again)
    # The automatic sections are still there, in italics, around it.
    kinds = [kind for _, kind in _sidebar(again)]
    assert kinds.count("auto") >= 5
    assert again.transcript.chapters == tuple(sorted(again.transcript.chapters,
                                                     key=lambda c: c.start))


def test_rename_delete_and_keep_an_automatic_section(open_window, library_dir) -> None:
    path = library_dir / EYE.name
    window = open_window()
    _select(window, path)
    actions = window.chapter_actions
    automatic = window.transcript.chapters[0]
    assert automatic.kind is ChapterKind.AUTO

    kept = actions.keep(automatic.id)
    titles = _sidebar(window)
    assert titles[0] == (automatic.title, "user")  # shown once, as the user's own
    assert (automatic.title, "auto") not in titles

    actions.rename(kept, "Where Ilya grew up")
    assert _sidebar(window)[0] == ("Where Ilya grew up", "user")
    window.close()

    again = open_window()
    _select(again, path)
    assert _sidebar(again)[0] == ("Where Ilya grew up", "user")
    again.chapter_actions.delete(kept)
    assert _sidebar(again)[0] == (automatic.title, "auto")  # the automatic section is back
    again.close()

    third = open_window()
    _select(third, path)
    assert "user" not in [kind for _, kind in _sidebar(third)]


def test_user_chapters_join_the_source_chapters_in_reading_order(open_window, library_dir
                                                                  ) -> None:
    path = library_dir / LEX.name
    window = open_window()
    _select(window, path)
    source = window.transcript.chapters
    assert source[4].block_index - source[3].block_index > 2
    window.chapter_actions.add_chapter(window.transcript.blocks[source[3].block_index + 2].start,
                                       "My note on scaling")
    chapters = window.transcript.chapters
    assert len(chapters) == len(source) + 1
    assert [c.title for c in chapters[3:6]] == [source[3].title, "My note on scaling",
                                                source[4].title]
    # Going to the next chapter from the source chapter lands on the user's one.
    window.go_to_chapter(3)
    window.next_chapter()
    assert window.chapters.current_chapter() == 4
    assert window.transcript.chapters[4].kind is ChapterKind.USER
