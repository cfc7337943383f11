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
        out.append((kind, value))
    return out


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
        return items[0] if len(items) == 1 else All(tuple(items))

    def or_expr(self) -> Node:
        items = [self.unary()]
        while self.peek() == "OR":
            self.take()
            if self.peek() in (None, "close", "AND", "OR"):
                raise QuerySyntaxError("OR has nothing after it")
            items.append(self.unary())
        if len(items) > 1 and any(isinstance(item, Not) for item in items):
            raise QuerySyntaxError("NOT cannot be one side of OR")
        return items[0] if len(items) == 1 else AnyOf(tuple(items))

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
    """The query as a tree; broken syntax gives the plain words and a note saying so."""
    try:
        node = _Parser(_tokens(query)).parse()
    except QuerySyntaxError as problem:
        return literal(query, f"Searched for the words as typed: {problem}.")
    return ParsedQuery(query, node)


def literal(query: str, note: str = "") -> ParsedQuery:
    """Every word of ``query`` must match; no operators, fields or wildcards."""
    found = [Term(word) for word, _, _ in textmod.words(query)]
    node: Node | None = None
    if found:
        node = found[0] if len(found) == 1 else All(tuple(found))
    return ParsedQuery(query, node, (note,) if note else (), literal=True)


def positive_terms(node: Node | None) -> list[Term | Phrase]:
    """The terms and phrases a hit matched because of (not the excluded ones)."""
    if node is None or isinstance(node, Not):
        return []
    if isinstance(node, Term | Phrase):
        return [node]
    return [leaf for item in node.items for leaf in positive_terms(item)]
