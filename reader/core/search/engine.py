"""The one module that speaks Whoosh (2.7.4, frozen since 2016): swap the engine here.

Everything else in the search package works with plain data: :class:`IndexDocument` in,
stored dicts and scores out, the query tree of :mod:`.query` translated here.

How Whoosh is used, and why (measurements in the project's design notes):

- one analyzer for every text field: words as :mod:`.text` finds them, folded, common words
  left out (positions renumbered, so a phrase with "of the" in it still matches), then the
  Snowball English stemmer (it drops a possessive ``'s``; Porter keeps ``alex'``), all memoised
  in one dict lookup per word, since the analyzer is most of the build's Python time;
- separate files per segment (``compound=False``): a searcher opens in about a millisecond
  instead of 50, and a refresh after an update costs a few ms instead of 100;
- one process writes, with a big buffer and the garbage collector paused for a full build, and
  never Whoosh's multiprocessing writer (it forks, which Qt and Python 3.12+ warn about);
- whatever Whoosh raises while opening or reading an index becomes :class:`EngineError`: the
  index is a cache, and the caller rebuilds it.
"""

from __future__ import annotations

import gc
import os
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.analysis import Filter, RegexTokenizer
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.lang import stemmer_for_language
from whoosh.writing import CLEAR, LockError

from reader.core.search import documents as d
from reader.core.search import text as textmod
from reader.core.search.query import AnyOf, Node, Not, Phrase, Term

FULL_BUILD_MB = 1024  # writer buffer for a full build (Whoosh flushes runs to disk beyond it)
UPDATE_MB = 128
TEXT_FIELDS = (d.BODY, d.NOTE)  # what plain words search, besides whole tags


class EngineError(Exception):
    """The index could not be opened or read (damaged, half-written, not an index)."""


class EngineBusy(Exception):
    """Another writer holds the engine's own write lock."""


# --- analysis ----------------------------------------------------------------------------

_stem = stemmer_for_language("en")
_TERMS: dict[str, str | None] = {}


def term_of(word: str) -> str | None:
    """The indexed form of one word as written (None for a common word not indexed)."""
    term = _TERMS.get(word, "")
    if term == "":
        folded = textmod.fold(word)
        term = None if folded in textmod.STOP_WORDS else _stem(folded)
        _TERMS[word] = term
    return term


def fold_and_stem(word: str) -> tuple[str, str]:
    folded = textmod.fold(word)
    return folded, _stem(folded)


def terms(text: str) -> list[str]:
    """The indexed forms of the words in ``text``, in order (common words left out)."""
    return [t for word, _, _ in textmod.words(text) if (t := term_of(word)) is not None]


class _TermFilter(Filter):  # type: ignore[misc]
    def __call__(self, tokens: Iterable[Any]) -> Iterator[Any]:
        removed = 0
        for token in tokens:
            term = term_of(token.text)
            if term is None:
                removed += 1
                continue
            token.text = term
            if token.positions:
                token.pos -= removed
            yield token


def _analyzer() -> Any:
    return RegexTokenizer(textmod.WORD_PATTERN) | _TermFilter()


def schema() -> Any:
    analyzer = _analyzer()
    return Schema(**{
        d.OWNER: ID(stored=True),
        d.CHAPTER_KEY: ID(),
        d.BODY: TEXT(analyzer=analyzer),
        d.NOTE: TEXT(analyzer=analyzer),
        d.TAG: KEYWORD(commas=True, scorable=True),
        d.SPEAKER: TEXT(analyzer=analyzer),
        d.TITLE: TEXT(analyzer=analyzer),
        d.CHAPTER: TEXT(analyzer=analyzer),
        d.DATA: STORED(),
    })


# --- the index ---------------------------------------------------------------------------


def create(folder: Path) -> None:
    """An empty index in ``folder`` (which exists and holds no other index)."""
    whoosh_index.create_in(str(folder), schema())


def exists(folder: Path) -> bool:
    """Is there an index (a table of contents) in ``folder``? Says nothing about its health."""
    try:
        return any(_TOC.match(name) for name in os.listdir(folder))
    except OSError:
        return False


_TOC = re.compile(r"^_MAIN_\d+\.toc$")  # Whoosh's table of contents, one per commit


def _open(folder: Path) -> tuple[Any, Any]:
    """The index and a searcher. Whoosh leaves files open when it fails halfway through
    reading a damaged index; they are closed here, quietly, before EngineError is raised."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            index = whoosh_index.open_dir(str(folder), schema=schema())
            return index, index.searcher()
        except Exception as error:
            problem = _describe(error)
        gc.collect()
    raise EngineError(problem)


class Engine:
    """An open index: a searcher kept open and refreshed when another process committed."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._index, self._searcher = _open(folder)

    def close(self) -> None:
        self._searcher.close()
        self._index.close()

    def searcher(self) -> Any:
        try:
            self._searcher = self._searcher.refresh()
        except Exception as error:
            raise EngineError(_describe(error)) from error
        return self._searcher

    def documents(self, kind: str) -> list[dict[str, Any]]:
        """The stored data of every document of one kind (``documents.RECORD``…)."""
        return self._stored(wq.Prefix(d.OWNER, f"{kind}:"))

    def documents_with_term(self, field: str, term: str, limit: int) -> list[dict[str, Any]]:
        """Stored data of a few documents whose ``field`` holds the indexed ``term``."""
        try:
            hits = self.searcher().search(wq.Term(field, term), limit=limit)
            return [_data(hit.fields()) for hit in hits]
        except Exception as error:
            raise EngineError(_describe(error)) from error

    def _stored(self, q: Any) -> list[dict[str, Any]]:
        searcher = self.searcher()
        try:
            return [_data(searcher.stored_fields(n)) for n in searcher.docs_for_query(q)]
        except Exception as error:
            raise EngineError(_describe(error)) from error

    def similar_terms(self, field: str, word: str, maxdist: int) -> list[tuple[str, int]]:
        """Indexed terms within ``maxdist`` edits of ``word`` (same first letter), with the
        number of documents holding each."""
        reader = self.searcher().reader()
        try:
            found = set(reader.terms_within(field, word, maxdist, prefix=1))
            return [(t, reader.doc_frequency(field, t)) for t in found]
        except Exception as error:
            raise EngineError(_describe(error)) from error

    # --- searching -----------------------------------------------------------------------

    def search(self, node: Node, limit: int, exact_total: bool
               ) -> tuple[list[tuple[float, dict[str, Any]]], int, dict[str, set[str]], list[str]]:
        """(score, stored data) best first, the number of matches (an upper estimate unless
        ``exact_total``), the indexed terms each text field matched, and notes about words
        that were left out."""
        notes: list[str] = []
        searcher = self.searcher()
        q = _Translator(searcher, notes).node(node)
        if q is None:
            return [], 0, {}, notes
        try:
            results = searcher.search(q, limit=limit)
            hits = [(float(hit.score or 0.0), _data(hit.fields())) for hit in results]
            if exact_total or results.scored_length() < limit:
                total = len(results)
            else:
                total = int(results.estimated_length())
            matched = self._matched_terms(node, searcher) if hits else {}
        except Exception as error:
            raise EngineError(_describe(error)) from error
        return hits, total, matched, notes

    def _matched_terms(self, node: Node, searcher: Any) -> dict[str, set[str]]:
        from reader.core.search.query import positive_terms

        leaves = [q for leaf in positive_terms(node)
                  if leaf.field in (None, d.NOTE, d.SPEAKER)
                  and (q := _Translator(searcher, []).node(leaf)) is not None]
        matched: dict[str, set[str]] = {}
        for field, btext in wq.Or(leaves).existing_terms(searcher.reader(), expand=True):
            term = btext.decode("utf-8") if isinstance(btext, bytes) else btext
            matched.setdefault(field, set()).add(term)
        return matched

    # --- writing -------------------------------------------------------------------------

    def writer(self, full: bool) -> EngineWriter:
        try:
            writer = self._index.writer(limitmb=FULL_BUILD_MB if full else UPDATE_MB,
                                        compound=False, timeout=5.0)
        except LockError:
            raise EngineBusy("another program is writing to the search index") from None
        except Exception as error:
            raise EngineError(_describe(error)) from error
        return EngineWriter(writer, full)


class EngineWriter:
    """Adds and deletes documents; nothing is visible before :meth:`commit`."""

    def __init__(self, writer: Any, full: bool) -> None:
        self._writer = writer
        self._full = full
        self._gc_was_enabled = gc.isenabled()
        if full:  # the build allocates millions of small objects that are never garbage
            gc.disable()

    def add(self, document: d.IndexDocument) -> None:
        self._writer.add_document(**{d.OWNER: document.owner, d.DATA: document.data},
                                  **document.text)

    def delete_owner(self, owner: str) -> None:
        self._writer.delete_by_term(d.OWNER, owner)

    def commit(self, replace_all: bool = False, on_merge: Callable[[], None] | None = None
               ) -> None:
        """Make the changes visible; ``replace_all`` drops every older segment (a rebuild in
        place, so searches use the old index until this moment)."""
        if on_merge:
            on_merge()
        try:
            if replace_all:
                self._writer.commit(mergetype=CLEAR)
            else:
                self._writer.commit()
        finally:
            self._restore_gc()

    def cancel(self) -> None:
        try:
            self._writer.cancel()
        finally:
            self._restore_gc()

    def _restore_gc(self) -> None:
        if self._full and self._gc_was_enabled:
            gc.enable()


def _data(fields: dict[str, Any]) -> dict[str, Any]:
    """A document's stored data, with its owner."""
    return {**fields.get(d.DATA, {}), "owner": fields.get(d.OWNER, "")}


def _describe(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else ""
    return f"{type(error).__name__}: {text}"[:200] if text else type(error).__name__


# --- query translation -------------------------------------------------------------------


class _Translator:
    """The query tree as Whoosh queries. Words are folded and stemmed as the index was;
    a word that is left out (too common) is dropped with a note; ``title:`` and ``chapter:``
    become the set of transcripts (chapters) whose record (chapter document) matches."""

    def __init__(self, searcher: Any, notes: list[str]) -> None:
        self.searcher = searcher
        self.notes = notes

    def node(self, node: Node) -> Any:
        if isinstance(node, Term):
            return self.term(node)
        if isinstance(node, Phrase):
            return self.phrase(node.text, node.field)
        if isinstance(node, AnyOf):
            items = [q for item in node.items if (q := self.node(item)) is not None]
            return None if not items else items[0] if len(items) == 1 else wq.Or(items)
        if isinstance(node, Not):
            return self.all_of((node,))
        return self.all_of(node.items)

    def all_of(self, items: Iterable[Node]) -> Any:
        wanted, unwanted = [], []
        for item in items:
            if isinstance(item, Not):
                if (q := self.node(item.item)) is not None:
                    unwanted.append(q)
            elif (q := self.node(item)) is not None:
                wanted.append(q)
        if not wanted:
            if unwanted:
                self.notes.append("A search made only of exclusions finds nothing: add a word "
                                  "to look for.")
            return None
        q = wanted[0] if len(wanted) == 1 else wq.And(wanted)
        if unwanted:
            q = wq.AndNot(q, unwanted[0] if len(unwanted) == 1 else wq.Or(unwanted))
        return q

    def term(self, node: Term) -> Any:
        if node.field == d.TAG:
            return self.tag(node)
        if node.kind == "word":
            return self.phrase(node.text, node.field)
        folded, stem = fold_and_stem(node.text)
        forms = [folded] if stem == folded else [folded, stem]
        if node.kind == "prefix":
            make: Callable[[str, str], Any] = wq.Prefix
        else:
            def make(field: str, form: str) -> Any:
                return wq.FuzzyTerm(field, form, maxdist=node.distance, prefixlength=1)
        return self.in_fields(node.field, lambda f: wq.Or([make(f, form) for form in forms]))

    def tag(self, node: Term) -> Any:
        key = textmod.tag_key(node.text)
        if not key:
            return None
        if node.kind == "prefix":
            return wq.Prefix(d.TAG, key)
        if node.kind == "fuzzy":
            return wq.FuzzyTerm(d.TAG, key, maxdist=node.distance, prefixlength=1)
        return wq.Term(d.TAG, key)

    def phrase(self, text: str, field: str | None) -> Any:
        found = terms(text)
        if not found:
            if textmod.words(text):
                self.notes.append(f"“{text}” is too common a word to search for; left out.")
            return None

        def make(f: str) -> Any:
            return wq.Term(f, found[0]) if len(found) == 1 else wq.Phrase(f, found)

        q = self.in_fields(field, make)
        if field is None and len(textmod.words(text)) == 1 and (key := textmod.tag_key(text)):
            q = wq.Or([q, wq.Term(d.TAG, key)])
        return q

    def in_fields(self, field: str | None, make: Callable[[str], Any]) -> Any:
        if field is None:
            return wq.Or([make(f) for f in TEXT_FIELDS])
        if field in (d.TITLE, d.CHAPTER):
            return self.owned_by(field, make(field))
        return make(field)

    def owned_by(self, field: str, q: Any) -> Any:
        """Passages and notes of the transcripts (chapters) whose title matches ``q``."""
        try:
            found = [self.searcher.stored_fields(n).get(d.DATA, {})
                     for n in self.searcher.docs_for_query(q)]
        except Exception as error:
            raise EngineError(_describe(error)) from error
        if field == d.TITLE:
            keys = {data["path"] for data in found if "path" in data}
            owners = [wq.Term(d.OWNER, d.owner(kind, d.transcript_key(path)))
                      for path in sorted(keys) for kind in (d.PASSAGE, d.NOTE_KIND)]
        else:
            owners = [wq.Term(d.CHAPTER_KEY, data["ckey"]) for data in found if "ckey" in data]
        if not owners:
            return wq.NullQuery
        return wq.ConstantScoreQuery(wq.Or(owners), 0.0)
