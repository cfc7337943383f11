"""What a query tree means for the index: which fields, which indexed terms, what to mark.

The meaning lives here; the engine (:mod:`.engine`) only supplies a :class:`QueryBuilder`
that makes its own query objects, so another engine implements the builder and keeps the
language as it is:

- words are folded and stemmed as the index was; a multi-word "word" (``gpt-3``) is a phrase;
  a word the index leaves out (too common) is dropped with a note;
- plain words search passage text, note text and (whole) tags;
- ``prefix*`` matches the word as typed and its stem; ``fuzzy~`` becomes the indexed words
  within the distance (same first letter), so they can be marked in snippets;
- ``title:`` and ``chapter:`` select the passages and notes of the transcripts (chapters)
  whose record (chapter document) matches, without adding to the score;
- exclusions subtract from what the other parts of the same group match; a group of
  exclusions only finds nothing, and says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Protocol

from reader.core.search import documents as d
from reader.core.search import text as textmod
from reader.core.search.matching import MatchedWords
from reader.core.search.query import AnyOf, Node, Not, Phrase, Term, shorten
from reader.core.search.text import Analysis

TEXT_FIELDS = (d.BODY, d.NOTE)  # what plain words search, besides whole tags

Query = Any  # the engine's own query objects


class QueryBuilder(Protocol):
    analysis: Analysis  # as the index was made

    def near(self, field: str, form: str, maxdist: int) -> list[str]: ...
    def holds(self, field: str, term: str) -> bool: ...  # is the term in the index?
    def term(self, field: str, term: str) -> Query: ...
    def phrase(self, field: str, terms: list[str]) -> Query: ...
    def prefix(self, field: str, prefix: str) -> Query: ...
    def fuzzy(self, field: str, text: str, maxdist: int) -> Query: ...
    def any_of(self, items: list[Query]) -> Query: ...
    def all_of(self, items: list[Query]) -> Query: ...
    def but_not(self, wanted: Query, unwanted: Query) -> Query: ...
    def nothing(self) -> Query: ...
    def filter(self, field: str, values: list[str]) -> Query: ...  # any value; no score
    def stored_matching(self, q: Query) -> list[dict[str, Any]]: ...


class Translator:
    def __init__(self, build: QueryBuilder) -> None:
        self.build = build
        self._notes: list[str] = []
        self._common: list[str] = []  # words left out as too common, each once
        self.matched = MatchedWords(build.analysis.term_of)

    @property
    def notes(self) -> list[str]:
        """Gentle lines about the query: the words left out (in one line), then the rest."""
        if not self._common:
            return list(self._notes)
        named = [f"“{shorten(word, 30)}”" for word in self._common]
        listed = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"
        verb = "is too common a word" if len(named) == 1 else "are too common"
        return [f"{listed} {verb} to search for; left out.", *self._notes]

    def node(self, node: Node, positive: bool = True) -> Query | None:
        if isinstance(node, Term):
            return self.term(node, positive)
        if isinstance(node, Phrase):
            if node.field == d.TAG:  # tag:"open question" is one (whole) tag
                return self.tag(Term(node.text, d.TAG))
            return self.phrase(node.text, node.field, positive)
        if isinstance(node, AnyOf):
            items = [q for item in node.items if (q := self.node(item, positive)) is not None]
            return None if not items else items[0] if len(items) == 1 else \
                self.build.any_of(items)
        return self.all_of((node,) if isinstance(node, Not) else node.items, positive)

    def all_of(self, items: Iterable[Node], positive: bool) -> Query | None:
        wanted, unwanted = [], []
        for item in items:
            if isinstance(item, Not):
                if (q := self.node(item.item, False)) is not None:
                    unwanted.append(q)
            elif (q := self.node(item, positive)) is not None:
                wanted.append(q)
        if not wanted:
            if unwanted:
                self._notes.append("A search made only of exclusions finds nothing: add a word "
                                  "to look for.")
            return None
        q = wanted[0] if len(wanted) == 1 else self.build.all_of(wanted)
        if unwanted:
            q = self.build.but_not(q, unwanted[0] if len(unwanted) == 1 else
                                   self.build.any_of(unwanted))
        return q

    def term(self, node: Term, positive: bool) -> Query | None:
        if node.field == d.TAG:
            return self.tag(node)
        if node.kind == "word":
            return self.phrase(node.text, node.field, positive)
        forms = self.build.analysis.forms(node.text)

        def make(field: str) -> Query:
            if node.kind == "prefix":
                for form in forms if positive else ():
                    self.matched.add_prefix(field, form)
                return self.build.any_of([self.build.prefix(field, form) for form in forms])
            near = sorted({t for form in forms
                           for t in self.build.near(field, form, node.distance)})
            if positive:
                self.matched.add(field, near)
            if not near:
                return self.build.nothing()
            return self.build.any_of([self.build.term(field, t) for t in near])

        return self.in_fields(node.field, make)

    def tag(self, node: Term) -> Query | None:
        key = textmod.tag_key(node.text)
        if not key:
            return None
        if node.kind == "prefix":
            return self.build.prefix(d.TAG, key)
        if node.kind == "fuzzy":
            return self.build.fuzzy(d.TAG, key, node.distance)
        return self.build.term(d.TAG, key)

    def phrase(self, text: str, field: str | None, positive: bool) -> Query | None:
        found = self.build.analysis.terms(text)
        if not found:
            if textmod.words(text) and text not in self._common:
                self._common.append(text)
            return None

        def make(f: str) -> Query:
            if positive:
                self.matched.add(f, found)
            return self.build.term(f, found[0]) if len(found) == 1 else \
                self.build.phrase(f, found)

        q = self.in_fields(field, make, needs=found)
        key = textmod.tag_key(text)
        if field is None and len(textmod.words(text)) == 1 and self.build.holds(d.TAG, key):
            q = self.build.any_of([q, self.build.term(d.TAG, key)])
        return q

    def in_fields(self, field: str | None, make: Callable[[str], Query],
                  needs: list[str] | None = None) -> Query:
        """``make(field)`` for the field asked for, or each text field that can match (one
        holding all of ``needs``): Whoosh intersects plain terms much faster than unions of
        a term with fields that lack it."""
        if field is None:
            fields = [f for f in TEXT_FIELDS if f == d.BODY or needs is None
                      or all(self.build.holds(f, t) for t in needs)]
            return make(fields[0]) if len(fields) == 1 else \
                self.build.any_of([make(f) for f in fields])
        if field in (d.TITLE, d.CHAPTER):
            return self.owned_by(field, make(field))
        return make(field)

    def owned_by(self, field: str, q: Query) -> Query:
        """Passages and notes of the transcripts (chapters) whose title matches ``q``."""
        found = self.build.stored_matching(q)
        if field == d.TITLE:
            keys = sorted({d.transcript_key(data["path"]) for data in found if "path" in data})
            return self.build.filter(d.OWNER, [d.owner(kind, key) for key in keys
                                               for kind in (d.PASSAGE, d.NOTE_KIND)])
        return self.build.filter(d.CHAPTER_KEY, [data["ckey"] for data in found
                                                 if "ckey" in data])
