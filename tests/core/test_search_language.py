"""The query language as typed, words as folded, and snippets: no index needed."""

from __future__ import annotations

import pytest

from reader.core.search.query import All, AnyOf, Not, Phrase, Term, parse, positive_terms
from reader.core.search.snippets import ELLIPSIS, WIDTH, make_snippet
from reader.core.search.text import fold, tag_key, words


def test_words_all_must_match_and_or_binds_tighter_than_the_space() -> None:
    assert parse("scaling laws").node == All((Term("scaling"), Term("laws")))
    assert parse("a b OR c").node == All((Term("a"), AnyOf((Term("b"), Term("c")))))
    assert parse("a AND b").node == All((Term("a"), Term("b")))
    assert parse("(a OR b) c").node == All((AnyOf((Term("a"), Term("b"))), Term("c")))


def test_only_capitals_are_operators() -> None:
    assert parse("war or peace").node == All((Term("war"), Term("or"), Term("peace")))
    assert parse("title:OR").node == Term("OR", "title")


def test_exclusions() -> None:
    assert parse("neural -network").node == All((Term("neural"), Not(Term("network"))))
    assert parse("neural NOT network").node == parse("neural -network").node
    assert parse('a -"b c"').node == All((Term("a"), Not(Phrase("b c"))))
    assert parse("end-to-end").node == Term("end-to-end")  # a hyphen inside a word is no NOT
    assert positive_terms(parse("a -b c").node) == [Term("a"), Term("c")]


def test_phrases_with_ascii_or_typographic_quotes() -> None:
    assert parse('"deep learning"').node == Phrase("deep learning")
    assert parse("“deep learning”").node == Phrase("deep learning")
    assert parse("„deep learning“").node == Phrase("deep learning")


def test_prefix_fuzzy_and_fields() -> None:
    assert parse("comput*").node == Term("comput", None, "prefix")
    assert parse("sutskevr~").node == Term("sutskevr", None, "fuzzy", 1)
    assert parse("nueral~2").node == Term("nueral", None, "fuzzy", 2)
    assert parse("x~9").node == Term("x", None, "fuzzy", 2)
    assert parse("Title:Lex").node == Term("Lex", "title")
    assert parse('chapter:"neural nets"').node == Phrase("neural nets", "chapter")
    assert parse("tag:scal*").node == Term("scal", "tag", "prefix")
    assert parse("speaker:craig note:why").node == All((Term("craig", "speaker"),
                                                        Term("why", "note")))
    assert parse("subtitle:x").node == Term("subtitle:x")  # not a field: a word
    assert parse("at 7:01").node == All((Term("at"), Term("7:01")))


@pytest.mark.parametrize(("query", "problem"), [
    ("AND OR ((", "AND has nothing before it"),
    ("scaling ((", "never closed"),
    ("scaling )", "no “(”"),
    ('"unclosed phrase', "not closed"),
    ("title:", "has nothing after it"),
    ("a OR", "OR has nothing after it"),
    ("a NOT", "NOT has nothing after it"),
    ("()", "holds nothing"),
    ("a OR -b", "cannot be one side of OR"),
])
def test_broken_syntax_becomes_plain_words_with_one_gentle_note(query: str,
                                                                 problem: str) -> None:
    parsed = parse(query)
    assert parsed.literal
    assert len(parsed.notes) == 1 and problem in parsed.notes[0]
    assert parsed.notes[0].startswith("Searched for the words as typed")
    found = [word for word, _, _ in words(query)]
    expected = Term(found[0]) if len(found) == 1 else All(tuple(Term(w) for w in found)) \
        if found else None
    assert parsed.node == expected


def test_words_fold_case_accents_and_typographic_apostrophes() -> None:
    assert [w for w, _, _ in words("I don’t know, Zoë’s café.")] == [
        "I", "don’t", "know", "Zoë’s", "café"]
    assert fold("Don’t") == fold("DON'T") == "don't"
    assert fold("Café") == fold("cafe\u0301") == "cafe"
    assert fold("Straße") == "strasse"
    assert [w for w, _, _ in words("cafe\u0301 noir")] == ["cafe\u0301", "noir"]
    assert tag_key("#Open-Question") == tag_key("open-question") == "open-question"


def test_a_short_passage_is_shown_whole_with_its_matches_marked() -> None:
    snippet = make_snippet("GPUs enabled the scale that made results undeniable",
                           lambda w: w.lower() in ("scale", "results"))
    assert snippet.runs == (("GPUs enabled the ", False), ("scale", True),
                            (" that made ", False), ("results", True),
                            (" undeniable", False))
    assert snippet.plain == "GPUs enabled the scale that made results undeniable"
    assert snippet.matches == ((17, 22), (33, 40))


def test_a_long_passage_is_cut_around_its_matches_at_word_boundaries() -> None:
    text = " ".join(f"word{i}" for i in range(200)) + " target " + " ".join(
        f"tail{i}" for i in range(200))
    snippet = make_snippet(text, lambda w: w == "target")
    plain = snippet.plain
    assert plain.startswith(ELLIPSIS) and plain.endswith(ELLIPSIS)
    assert ("target", True) in snippet.runs
    assert len(plain) <= WIDTH + 2
    inner = plain.strip(ELLIPSIS)
    assert inner.split()[0].startswith("word") and inner.split()[-1].startswith("tail")
    assert inner in text  # whole words only: nothing cut in the middle


def test_snippets_show_line_breaks_as_spaces_and_escape_html() -> None:
    snippet = make_snippet("first <b>block</b>\nsecond block", lambda w: w == "second")
    assert snippet.plain == "first <b>block</b> second block"
    assert snippet.marked() == "first &lt;b&gt;block&lt;/b&gt; <b>second</b> block"
