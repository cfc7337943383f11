"""Finding a highlight's place in a transcript, as Hypothesis does for web pages.

A highlight stores its quote (``exact`` with ~32 characters of ``prefix``/``suffix``) and its
display-text offsets. When a transcript is opened, :func:`anchor_annotation` tries in turn:

1. the stored offsets, if the display text is the one they were taken from (same text hash)
   and the text there still equals the quote;
2. the exact quote; among repeats the one whose surroundings best match prefix and suffix,
   then the one nearest the old position;
3. the quote with whitespace runs matching any whitespace (re-wrapped lines, a paragraph
   break that became a space);
4. a fuzzy match: at most ``MAX_ERROR_RATIO`` of the quote's length in edits (Levenshtein,
   computed by rapidfuzz), scored the same way;
5. otherwise the highlight is an orphan: it keeps its quote and note, loses its offsets, and
   can be re-attached to a new selection (:func:`place`).

The fuzzy search does not slide over the whole text: the quote's words (and two words either
side) are looked up in an index of the text's words, built once per text; each hit votes for
where the quote would start, and only the best few places are aligned. A reworded quote keeps
most of its words, so the place it moved to gets the votes. Quotes of fewer than three words
(one long token, a script without spaces) are cut into pieces looked up by scanning instead.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import LCSseq, Levenshtein

from reader.core.annotations.lookup import whitespace_matches
from reader.core.annotations.model import AnchorStatus, Annotation, TextQuote
from reader.core.model import Transcript

CONTEXT_CHARS = 32  # prefix/suffix length, as Hypothesis
MAX_ERROR_RATIO = 0.3  # edits allowed in a fuzzy match, as a fraction of the quote's length
MAX_ERRORS = 256  # and never more than this (Hypothesis' bound)
MIN_FUZZY_LENGTH = 10  # shorter quotes match too many places with a few edits
_WORD = re.compile(r"\w+")
_MIN_PIECE = 8  # pieces shorter than this occur everywhere and vote for nothing
_MAX_PIECES = 48  # per quote
_MAX_HITS_PER_PIECE = 50  # a piece occurring more often than this is not informative
_PLACES_TO_ALIGN = 12
_SOLID_RUN = 4  # equal characters in a row that an alignment is trusted with
_STEP = 6  # how far an end of an alignment is moved at a time, looking for fewer edits
# Hypothesis' weights for choosing among candidate places.
_W_QUOTE, _W_PREFIX, _W_SUFFIX, _W_POSITION = 50.0, 20.0, 20.0, 2.0


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    errors: int  # edits between the quote and text[start:end]
    method: str  # "exact", "whitespace" or "fuzzy"


def describe(text: str, start: int, end: int) -> TextQuote:
    """The TextQuoteSelector for ``text[start:end]``; raises ValueError for an empty or
    out-of-range span."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"not a span of the text: {start}..{end} (length {len(text)})")
    before = text[max(0, start - CONTEXT_CHARS) : start]
    return TextQuote(text[start:end], before, text[end : end + CONTEXT_CHARS])


def locate(text: str, quote: TextQuote, hint: int | None = None) -> Match | None:
    """Where ``quote`` is in ``text`` (steps 2 to 4 above), or None. ``hint`` is the old start
    offset, used to choose among equally good places."""
    exact = quote.exact
    if not exact:
        return None
    starts = occurrences(text, exact)
    if starts:
        return _best(text, quote, hint, ((s, s + len(exact), 0) for s in starts), "exact")
    spans = whitespace_matches(text, exact, edges=True) if any(map(str.isspace, exact)) else []
    if spans:
        return _best(text, quote, hint, ((s, e, 0) for s, e in spans), "whitespace")
    return _fuzzy(text, quote, hint)


def occurrences(text: str, needle: str, limit: int | None = None) -> list[int]:
    """Start offsets of every occurrence of ``needle`` (overlapping ones too), at most
    ``limit`` (then the list is cut short)."""
    found: list[int] = []
    position = text.find(needle)
    while position >= 0:
        found.append(position)
        if limit is not None and len(found) > limit:
            break
        position = text.find(needle, position + 1)
    return found


def _context_similarity(expected: str, actual: str) -> float:
    if not expected:
        return 1.0
    return float(Levenshtein.normalized_similarity(expected, actual))


def _score(text: str, quote: TextQuote, hint: int | None, start: int, end: int,
           errors: int) -> float:
    prefix, suffix = quote.prefix, quote.suffix
    score = _W_QUOTE * (1.0 - errors / max(1, len(quote.exact)))
    score += _W_PREFIX * _context_similarity(prefix, text[max(0, start - len(prefix)) : start])
    score += _W_SUFFIX * _context_similarity(suffix, text[end : end + len(suffix)])
    if hint is not None:
        score += _W_POSITION * (1.0 - abs(start - hint) / max(1, len(text)))
    else:
        score += _W_POSITION
    return score


def _best(text: str, quote: TextQuote, hint: int | None,
          candidates: Iterable[tuple[int, int, int]], method: str) -> Match | None:
    best: Match | None = None
    best_score = -1.0
    for start, end, errors in candidates:
        score = _score(text, quote, hint, start, end, errors)
        if score > best_score:
            best, best_score = Match(start, end, errors, method), score
    return best


def max_errors(quote_length: int) -> int:
    """Edits a fuzzy match of a quote this long may have (0: no fuzzy matching)."""
    if quote_length < MIN_FUZZY_LENGTH:
        return 0
    return min(MAX_ERRORS, int(quote_length * MAX_ERROR_RATIO))


def _pieces(exact: str, allowed: int) -> list[tuple[int, str]]:
    """Non-overlapping pieces of the quote with their offsets. With ``allowed + 1`` pieces,
    every match with at most ``allowed`` edits keeps one piece intact; pieces are kept at
    least _MIN_PIECE long, which gives up that guarantee only for edits spread evenly
    through a long quote (a different text, in practice)."""
    count = max(1, min(allowed + 1, _MAX_PIECES, len(exact) // _MIN_PIECE))
    size = len(exact) // count
    return [(i * size, exact[i * size : (i + 1) * size]) for i in range(count)]


@functools.lru_cache(maxsize=4)
def _word_index(text: str) -> dict[str, list[int]]:
    """Where each word of ``text`` starts. Built once per text, so the fuzzy search of many
    highlights (a heavily edited transcript) looks words up instead of scanning the text."""
    index: dict[str, list[int]] = {}
    for word in _WORD.finditer(text):
        index.setdefault(word.group(), []).append(word.start())
    return index


def _whole_words(text: str, cut_before: bool, cut_after: bool) -> list[tuple[int, str]]:
    """(offset, word) for the words of ``text``, leaving out a first or last word that may be
    cut off (the text starts or ends inside a word)."""
    words = [(m.start(), m.group()) for m in _WORD.finditer(text)]
    if words and cut_before and words[0][0] == 0:
        words.pop(0)
    if words and cut_after and words[-1][0] + len(words[-1][1]) == len(text):
        words.pop()
    return words


def _word_voters(quote: TextQuote) -> list[tuple[int, str]]:
    """(offset from the quote's start, word): the quote's whole words, and the two words on
    either side of it."""
    exact, prefix, suffix = quote.exact, quote.prefix, quote.suffix
    inside = _whole_words(exact, _joins(prefix[-1:], exact[:1]), _joins(exact[-1:], suffix[:1]))
    before = _whole_words(prefix, True, _joins(prefix[-1:], exact[:1]))[-2:]
    after = _whole_words(suffix, _joins(exact[-1:], suffix[:1]), True)[:2]
    return (inside + [(offset - len(prefix), word) for offset, word in before]
            + [(len(exact) + offset, word) for offset, word in after])


def _joins(left: str, right: str) -> bool:
    """Do these two characters belong to one word (so a word is cut between them)?"""
    return bool(left and right and _WORD.match(left) and _WORD.match(right))


def _votes(text: str, quote: TextQuote, allowed: int) -> list[tuple[int, int]]:
    """(implied start of the quote, voter) for each exact hit of a word or piece of the quote,
    or of the context next to it. Words come from the text's word index; a quote with fewer
    than three whole words (one long token, a script without spaces) is cut into pieces that
    are looked up by scanning."""
    voters = _word_voters(quote)
    if len(voters) >= 3:
        index = _word_index(text)
        votes: list[tuple[int, int]] = []
        for voter, (offset, word) in enumerate(voters):
            hits = index.get(word, ())
            if len(hits) <= _MAX_HITS_PER_PIECE:
                votes.extend((hit - offset, voter) for hit in hits)
        return votes
    exact = quote.exact
    pieces = _pieces(exact, allowed)
    tail, head = quote.prefix[-16:], quote.suffix[:16]
    if len(tail) >= _MIN_PIECE:
        pieces.append((-len(tail), tail))  # the prefix ends where the quote starts
    if len(head) >= _MIN_PIECE:
        pieces.append((len(exact), head))  # the suffix starts where the quote ends
    votes = []
    for voter, (offset, piece) in enumerate(pieces):
        found = occurrences(text, piece, limit=_MAX_HITS_PER_PIECE)
        if len(found) <= _MAX_HITS_PER_PIECE:
            votes.extend((hit - offset, voter) for hit in found)
    return votes


def _places(votes: list[tuple[int, int]], tolerance: int,
            hint: int | None) -> list[tuple[int, int]]:
    """Clusters of implied starts no further apart than ``tolerance`` (edits shift them), as
    (first, last) start, most votes (distinct voters) first, then nearest ``hint``."""
    clusters: list[tuple[int, int, set[int]]] = []
    for start, voter in sorted(votes):
        if clusters and start - clusters[-1][0] <= tolerance:
            first, _, voters = clusters[-1]
            voters.add(voter)
            clusters[-1] = (first, start, voters)
        else:
            clusters.append((start, start, {voter}))
    anchor = hint if hint is not None else 0
    clusters.sort(key=lambda c: (-len(c[2]), abs(c[0] - anchor)))
    return [(first, last) for first, last, _ in clusters[:_PLACES_TO_ALIGN]]


def _align(text: str, exact: str, low: int, high: int, allowed: int) -> tuple[int, int, int]:
    """The span of ``text`` near ``text[low:high]`` closest to ``exact``, as (start, end,
    edits); edits > allowed means no match.

    A global alignment of the quote with the window places the window's extra text anywhere
    it costs nothing, so only its solid runs of equal characters are trusted: the first gives
    the start, the last the end. Each end is then moved, one at a time, to where the edit
    distance is smallest (rapidfuzz computes each distance)."""
    window = text[low:high]
    solid = [op for op in Levenshtein.opcodes(exact, window)
             if op.tag == "equal" and op.src_end - op.src_start >= _SOLID_RUN]
    if not solid:
        return low, high, allowed + 1
    start = low + solid[0].dest_start - solid[0].src_start
    end = low + solid[-1].dest_end + (len(exact) - solid[-1].src_end)
    start, end = max(0, start), min(len(text), end)
    edits = Levenshtein.distance(exact, text[start:end])
    for _ in range(3):  # each round moves the end, then the start; stops when neither helps
        before = (start, end)
        end, edits = _best_end(text, exact, start, end, edits, allowed)
        start, edits = _best_start(text, exact, start, end, edits, allowed)
        if (start, end) == before:
            break
    return start, end, edits if edits <= allowed else allowed + 1


def _best_end(text: str, exact: str, start: int, end: int, edits: int,
              allowed: int) -> tuple[int, int]:
    """Move ``end`` to where the distance is smallest: a few characters either way, further
    only while the best place is at the edge of what was tried."""
    low_limit, high_limit = max(start + 1, end - allowed), min(len(text), end + allowed)
    best = (edits, 0, end)
    low = high = end
    while True:
        low, high = max(low_limit, low - _STEP), min(high_limit, high + _STEP)
        for moved in range(low, high + 1):
            cost = Levenshtein.distance(exact, text[start:moved], score_cutoff=best[0])
            best = min(best, (cost, abs(moved - end), moved))
        if not (best[2] in (low, high) and (low, high) != (low_limit, high_limit)):
            return best[2], best[0]


def _best_start(text: str, exact: str, start: int, end: int, edits: int,
                allowed: int) -> tuple[int, int]:
    """The same for ``start``."""
    low_limit, high_limit = max(0, start - allowed), min(end - 1, start + allowed)
    best = (edits, 0, start)
    low = high = start
    while True:
        low, high = max(low_limit, low - _STEP), min(high_limit, high + _STEP)
        for moved in range(low, high + 1):
            cost = Levenshtein.distance(exact, text[moved:end], score_cutoff=best[0])
            best = min(best, (cost, abs(moved - start), moved))
        if not (best[2] in (low, high) and (low, high) != (low_limit, high_limit)):
            return best[2], best[0]


def _fuzzy(text: str, quote: TextQuote, hint: int | None) -> Match | None:
    exact = quote.exact
    allowed = max_errors(len(exact))
    if allowed == 0:
        return None
    candidates: list[tuple[int, int, int]] = []
    for first, last in _places(_votes(text, quote, allowed), allowed, hint):
        low = max(0, first - allowed)
        high = min(len(text), last + len(exact) + allowed)
        # Every span of the window is at least this far from the quote: a cheap way to skip
        # the places a common piece ("of the ") voted for in an unrelated passage.
        if len(exact) - LCSseq.similarity(exact, text[low:high]) > allowed:
            continue
        start, end, edits = _align(text, exact, low, high, allowed)
        if edits <= allowed:
            candidates.append((start, end, edits))
    return _best(text, quote, hint, candidates, "fuzzy")


def block_times(transcript: Transcript, start: int, end: int) -> tuple[float | None, float | None]:
    """Media time range of the blocks a span covers: the first block's start time, the last
    block's end time (its start time if it has no end)."""
    if not transcript.blocks:
        return None, None
    first = transcript.blocks[transcript.block_index_at(start)]
    last = transcript.blocks[transcript.block_index_at(max(start, end - 1))]
    return first.start_time, last.end_time if last.end_time is not None else last.start_time


def place(annotation: Annotation, transcript: Transcript, start: int, end: int) -> Annotation:
    """``annotation`` attached to ``text[start:end]``: quote, context and times taken from
    the transcript, status anchored. Keeps the object if nothing changes. ``modified`` is not
    touched (re-anchoring is not an edit; a re-attach by the user is, see the store)."""
    quote = describe(transcript.text, start, end)
    start_time, end_time = block_times(transcript, start, end)
    if (annotation.quote == quote and (annotation.start, annotation.end) == (start, end)
            and annotation.status is AnchorStatus.ANCHORED
            and (annotation.start_time, annotation.end_time) == (start_time, end_time)):
        return annotation  # the common case on opening a file: nothing to rebuild
    return dataclasses.replace(annotation, quote=quote, start=start, end=end,
                               status=AnchorStatus.ANCHORED, start_time=start_time,
                               end_time=end_time)


def _still_placed(annotation: Annotation, transcript: Transcript) -> bool:
    """Is an annotation whose offsets hold exactly as :func:`place` would make it? (Checked
    without building anything: opening a file with thousands of highlights does this for
    each.)"""
    text, quote = transcript.text, annotation.quote
    start, end = annotation.start or 0, annotation.end or 0
    return (annotation.status is AnchorStatus.ANCHORED
            and quote.prefix == text[max(0, start - CONTEXT_CHARS) : start]
            and quote.suffix == text[end : end + CONTEXT_CHARS]
            and (annotation.start_time, annotation.end_time) == block_times(transcript, start,
                                                                            end))


def orphan(annotation: Annotation) -> Annotation:
    if annotation.status is AnchorStatus.ORPHANED and annotation.start is None:
        return annotation
    return dataclasses.replace(annotation, start=None, end=None, start_time=None,
                               end_time=None, status=AnchorStatus.ORPHANED)


def anchor_annotation(annotation: Annotation, transcript: Transcript, *,
                      offsets_hold: bool) -> Annotation:
    """``annotation`` anchored onto ``transcript`` (the same object when nothing moved).

    ``offsets_hold``: the stored offsets were taken from this very display text (the sidecar's
    text hash equals the transcript's), so they are tried first, and an orphan stays one."""
    text = transcript.text
    start, end = annotation.start, annotation.end
    in_range = start is not None and end is not None and 0 <= start < end <= len(text)
    if offsets_hold and annotation.status is AnchorStatus.ORPHANED:
        return orphan(annotation)
    if in_range and start is not None and end is not None:
        if not annotation.exact:  # a hand-written position without a quote: trusted
            return place(annotation, transcript, start, end)
        if offsets_hold and text[start:end] == annotation.exact:
            return annotation if _still_placed(annotation, transcript) else place(
                annotation, transcript, start, end)
    match = locate(text, annotation.quote, hint=start)
    if match is None:
        return orphan(annotation)
    return place(annotation, transcript, match.start, match.end)
