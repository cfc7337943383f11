"""The query language, forgiving: what a user types becomes a tree, never an error.

    scaling laws          both words (in any order, anywhere in the passage), ranked
    "open source"         the words next to each other, in this order
    gpu OR tpu            either (OR binds tighter than the space: ``a b OR c`` is a and (b or c))
    NOT sam, -sam         without
    comput*               words starting with "comput"
    sutskevr~  sutskevr~2 words within one (two) letter edits
    title:lex  chapter:alexnet  speaker:craig  note:why  tag:method   one field only
    (a OR b) -c           parentheses group

Operators are only operators in capitals (``or`` is an ordinary, ignored word). Typographic
quotes work as quotes. When the syntax does not hold together (``AND OR ((``, an unclosed quote,
``title:`` with nothing after it) the whole query is searched as plain words and
:attr:`ParsedQuery.notes` says so in one gentle line.

This module knows nothing about the index: words are kept as typed; the engine folds and stems
them (:mod:`.text`, :mod:`.engine`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from reader.core.search import text as textmod

FIELDS = ("title", "chapter", "speaker", "note", "tag")
QUOTES = "\"“”„‟«»"
MAX_FUZZY_DISTANCE = 2
# A query is bounded before it is read: a pasted page must answer as quickly as a few words,
# and Whoosh's matchers recurse once per term (a thousand terms overflow Python's stack).
MAX_WORDS = 64  # words and phrases; the rest is left out, with a note
MAX_QUERY_CHARS = 2000  # read at most this much (cut at a space)
MAX_TOKENS = 3 * MAX_WORDS  # words with their operators, fields and brackets
MAX_NESTING = 8  # brackets within brackets

TermKind = Literal["word", "prefix", "fuzzy"]


@dataclass(frozen=True, slots=True)
class Term:
    """A word as typed (it may still hold several words, ``gpt-3``: the engine makes that a
    phrase). ``field`` None means the text of passages and notes."""

    text: str
    field: str | None = None
    kind: TermKind = "word"
    distance: int = 0  # fuzzy only


@dataclass(frozen=True, slots=True)
class Phrase:
    text: str
    field: str | None = None


@dataclass(frozen=True, slots=True)
class All:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    item: Node


Node = Term | Phrase | All | AnyOf | Not


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    text: str  # as typed
    node: Node | None  # None: nothing to search for
    notes: tuple[str, ...] = ()
    literal: bool = False  # the syntax did not hold; searched as plain words


class QuerySyntaxError(ValueError):
    """Why a query could not be read as written (the parser falls back to plain words)."""


# --- tokens ------------------------------------------------------------------------------

_TOKEN = re.compile(
    rf"""
    (?P<space>\s+)
  | (?P<open>\()
  | (?P<close>\))
  | (?P<neg>-(?=[^\s\-]))
  | (?P<field>(?i:{"|".join(FIELDS)}):)
  | (?P<quoted>[{QUOTES}][^{QUOTES}]*[{QUOTES}]?)
  | (?P<bare>[^\s(){QUOTES}]+)
    """,
    re.VERBOSE,
)
_OPERATORS = {"AND", "OR", "NOT"}
_FUZZY = re.compile(r"^(?P<word>.+?)~(?P<distance>\d?)$")

Token = tuple[str, str]  # (kind, text)


def _tokens(query: str) -> list[Token]:
    out: list[Token] = []
    depth = 0
    for match in _TOKEN.finditer(query):
        kind = match.lastgroup or "bare"
        value = match.group()
        if kind == "space":
            continue
        if kind == "quoted":
            if len(value) < 2 or value[-1] not in QUOTES:
                raise QuerySyntaxError(f"the quote before “{value[1:].strip()[:20]}” is not "
                                       f"closed")
            kind, value = "phrase", value[1:-1]
        elif kind == "bare" and value in _OPERATORS:
            kind = value
        elif kind == "field":
            value = value[:-1].lower()
        depth += kind == "open"
        depth -= kind == "close"
        if depth > MAX_NESTING:
            raise QuerySyntaxError("the brackets are nested too deeply")
        out.append((kind, value))
    return out


def _first_words(tokens: list[Token]) -> tuple[list[Token], bool]:
    """The tokens up to the :data:`MAX_WORDS`-th word (or :data:`MAX_TOKENS` tokens), and
    whether any were left out."""
    words = 0
    for at, (kind, _) in enumerate(tokens):
        if at == MAX_TOKENS:
            return tokens[:at], True
        if kind in ("bare", "phrase"):
            words += 1
            if words == MAX_WORDS:
                return tokens[:at + 1], at + 1 < len(tokens)
    return tokens, False


def _bounded_text(query: str) -> tuple[str, bool]:
    """At most :data:`MAX_QUERY_CHARS` characters of ``query``, cut at a space."""
    if len(query) <= MAX_QUERY_CHARS:
        return query, False
    head = query[:MAX_QUERY_CHARS + 1]
    cut = head.rsplit(None, 1)[0] if len(head.split(None, 1)) > 1 else head[:-1]
    return cut, True


def _without_repeats(items: list[Node]) -> tuple[Node, ...]:
    """``a a a`` means ``a``: each term once (they are frozen, so equal ones compare equal)."""
    return tuple(dict.fromkeys(items))


def shorten(text: str, width: int = 80) -> str:
    """``text`` on one line, at most ``width`` characters (with "…"): for echoing a query."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[:width - 1].rstrip() + "…"


# --- parser ------------------------------------------------------------------------------


class _Parser:
    """and_expr := or_expr ([AND] or_expr)* ; or_expr := unary (OR unary)* ;
    unary := NOT unary | - atom | atom ; atom := ( and_expr ) | [field:] term"""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.at = 0

    def peek(self) -> str | None:
        return self.tokens[self.at][0] if self.at < len(self.tokens) else None

    def take(self) -> Token:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def parse(self) -> Node | None:
        if not self.tokens:
            return None
        node = self.and_expr()
        if self.peek() == "close":
            raise QuerySyntaxError("a “)” has no “(” before it")
        return node

    def and_expr(self) -> Node:
        items = [self.or_expr()]
        while self.peek() not in (None, "close"):
            if self.peek() == "AND":
                self.take()
                if self.peek() in (None, "close", "AND", "OR"):
                    raise QuerySyntaxError("AND has nothing after it")
            items.append(self.or_expr())
        kept = _without_repeats(items)
        return kept[0] if len(kept) == 1 else All(kept)

    def or_expr(self) -> Node:
        items = [self.unary()]
        while self.peek() == "OR":
            self.take()
            if self.peek() in (None, "close", "AND", "OR"):
                raise QuerySyntaxError("OR has nothing after it")
            items.append(self.unary())
        if len(items) > 1 and any(isinstance(item, Not) for item in items):
            raise QuerySyntaxError("NOT cannot be one side of OR")
        kept = _without_repeats(items)
        return kept[0] if len(kept) == 1 else AnyOf(kept)

    def unary(self) -> Node:
        kind = self.peek()
        if kind in ("NOT", "neg"):
            self.take()
            if self.peek() in (None, "close", "AND", "OR", "NOT", "neg"):
                raise QuerySyntaxError("NOT has nothing after it" if kind == "NOT"
                                       else "“-” has nothing after it")
            return Not(self.unary() if kind == "NOT" else self.atom())
        if kind in ("AND", "OR"):
            raise QuerySyntaxError(f"{kind} has nothing before it")
        return self.atom()

    def atom(self) -> Node:
        kind, value = self.take()
        if kind == "open":
            if self.peek() == "close":
                raise QuerySyntaxError("“()” holds nothing")
            if self.peek() is None:
                raise QuerySyntaxError("a “(” is never closed")
            node = self.and_expr()
            if self.peek() != "close":
                raise QuerySyntaxError("a “(” is never closed")
            self.take()
            return node
        if kind == "close":
            raise QuerySyntaxError("a “)” has no “(” before it")
        field = None
        if kind == "field":
            field = value
            if self.peek() not in ("bare", "phrase", *_OPERATORS):
                raise QuerySyntaxError(f"“{value}:” has nothing after it")
            kind, value = self.take()
        if kind == "phrase":
            return Phrase(value, field)
        if kind in _OPERATORS:  # "title:OR": the word itself
            return Term(value, field)
        return _term(value, field)


def _term(value: str, field: str | None) -> Term:
    if value.endswith("*") and value.rstrip("*") and textmod.WORD_RE.fullmatch(
            value.rstrip("*")):
        return Term(value.rstrip("*"), field, "prefix")
    fuzzy = _FUZZY.match(value)
    if fuzzy and textmod.WORD_RE.fullmatch(fuzzy["word"]):
        distance = min(int(fuzzy["distance"] or 1), MAX_FUZZY_DISTANCE)
        return Term(fuzzy["word"], field, "fuzzy", max(distance, 1))
    return Term(value, field)


def parse(query: str) -> ParsedQuery:
    """The query as a tree; broken syntax gives the plain words and a note saying so. Only
    the first :data:`MAX_WORDS` words are searched (a note says so)."""
    text, cut = _bounded_text(query)
    try:
        tokens, dropped = _first_words(_tokens(text))
        node = _Parser(tokens).parse()
    except QuerySyntaxError as problem:
        return literal(query, f"Searched for the words as typed: {problem}.")
    notes = (_WORDS_LEFT_OUT,) if dropped else (_CHARS_LEFT_OUT,) if cut else ()
    return ParsedQuery(query, node, notes)


_WORDS_LEFT_OUT = f"Only the first {MAX_WORDS} words were searched."
_CHARS_LEFT_OUT = f"Only the first {MAX_QUERY_CHARS} characters were searched."


def literal(query: str, note: str = "") -> ParsedQuery:
    """Every word of ``query`` must match (the first :data:`MAX_WORDS`); no operators,
    fields or wildcards."""
    text, cut = _bounded_text(query)
    found = [Term(word) for word, _, _ in textmod.words(text)]
    notes = [note] if note else []
    if len(found) > MAX_WORDS:
        found = found[:MAX_WORDS]
        notes.append(_WORDS_LEFT_OUT)
    elif cut:
        notes.append(_CHARS_LEFT_OUT)
    kept = _without_repeats(list(found))
    node: Node | None = None
    if kept:
        node = kept[0] if len(kept) == 1 else All(kept)
    return ParsedQuery(query, node, tuple(notes), literal=True)


def positive_terms(node: Node | None) -> list[Term | Phrase]:
    """The terms and phrases a hit matched because of (not the excluded ones)."""
    if node is None or isinstance(node, Not):
        return []
    if isinstance(node, Term | Phrase):
        return [node]
    return [leaf for item in node.items for leaf in positive_terms(item)]
