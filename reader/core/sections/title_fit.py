"""Whether a phrase reads as an entry of a table of contents, and where a long one may be cut.

Rules, not a model: a title names something, is not a sentence in the first person or a remark
("That's right"), spells no letters and no web address ("e-y-e hyphen o-n dot a-i"), and ends
where a phrase ends, not on "the", "of" or a verb whose object was cut off.
"""

from __future__ import annotations

import re
from collections.abc import Sequence


def _words(text: str) -> list[str]:
    return text.split()


STOP_WORDS = """a about above after again all also am an and any are as at be because been
before being both but by can could did do does doing don't down during each even few for from
further get got had has have having he her here him his how i i'm if in into is it it's its
just know kind let's like lot really me more most much my no nor not now of off on once one
only or other our out over own people right said same say she should so some something sort
such than that that's the their them then there these they thing things think this those
through to too under until up us very want was way we well were what when where which while
who why will with would yeah yes you your you're going actually maybe mean okay ok gonna
there's what's can't didn't doesn't isn't i've i'd we're they're"""
STOP = frozenset(STOP_WORDS.split())
# A cut may not leave one of these last: the phrase would stop before the word it needs.
DANGLING = frozenset(_words("""a an the this that these those your my our their his her its some any
each every no of to in on at for from with about into onto by as than like and or but nor so
because if when where while which who whom whose what how why whether is are was were be been
being am do does did have has had will would can could should may might must shall very more
most less much many such there they we i he she not also first between through across
against among around behind beyond during over under within without toward towards upon via
versus per"""))
# A whole question may end on a preposition ("Where did it come from"), not on these.
_END_DANGLING = DANGLING - frozenset(_words("""in on at for from with about by through
across around behind beyond over under within without upon"""))
# Dropped from the end of a title ("The primary difference between" -> "The primary
# difference"): words that need a next one and leave a phrase whole when they go.
TRAILING = frozenset(_words("""a an the and or but nor between than as your my our their his her
its"""))
_VAGUE = frozenset({"terms", "bit", "couple", "number", "part", "lots", "types", "kinds"})
# A word taking one of these as its next word takes an object: no cut between them.
OBJECT_START = frozenset(_words("""the a an this these those it them him her us me your my our their
his its some any all"""))
_FIRST_PERSON = frozenset({"i", "i'm", "i've", "i'd", "i'll", "we", "we're", "we've", "we'd",
                           "we'll", "my", "me", "our", "us", "let's", "let"})
# Titles that open like a remark, not a topic ("That's right", "It's a different person").
_REMARK = frozenset({"it's", "that's", "there's", "here's", "it'd", "that'd", "it", "you",
                     "you're", "you've", "you'd", "you'll", "they", "they're", "that", "cause"})
# A piece of a sentence, not a phrase: "Because we have some examples throughout history".
_FRAGMENT = frozenset({"because", "although", "though", "since", "of", "to", "which", "whom",
                       "whose", "whereas", "unless"})
# A set-up before the question, not its topic: "If you look at...", "Still we're able...".
_SETUP = frozenset({"if", "as", "when", "while", "still", "so", "and", "but", "now", "then"})
_SUBJECT = _FIRST_PERSON | {"you", "you're", "they", "they're", "it", "it's", "there's"}
# Letters spelled out ("e-y-e hyphen o-n dot a-i") and web addresses.
SPELLING = re.compile(r"\b(?:[a-z]-){2,}[a-z]\b|\bhyphen\b|https?:|www\.|"
                      r"\b[a-z0-9-]+\.(?:com|org|net|ai|io|co)\b", re.IGNORECASE)


def is_fit_title(title: str, *, strict: bool = True) -> bool:
    """Would a reader accept ``title`` in a table of contents: it names something (a word of
    three letters that is not a stop word), is not a remark or a sentence in the first person
    ("I don't remember the exact comment"), spells no letters and no address, and does not end
    on a word that needs another ("...being done to address"). Only ``strict``: it does not
    open like a remark ("It's a different person") or a set-up ("If you look at..."), and a
    single word is not an adverb."""
    words = [w.strip(".,;:!?\"“”‘’()…").replace("’", "'").casefold() for w in title.split()]
    words = [w for w in words if w]
    if not words or words[0] in _FIRST_PERSON or words[0] in _FRAGMENT:
        return False
    if strict and (words[0] in _REMARK or len(words) > 1 and words[0] in _SETUP
                   and words[1] in _SUBJECT):
        return False
    if strict and len(words) == 1 and (len(words[0]) < 4 or words[0].endswith("ly")):
        return False  # one word names a topic only if it is a noun, not "Always" or "Side"
    if SPELLING.search(title):
        return False
    if not title.endswith("…") and words[-1] in _END_DANGLING:
        return False
    return any(len(w) >= 3 and w not in STOP and w not in DANGLING for w in words)


def ends_phrase(words: Sequence[str], count: int) -> bool:
    """May a title stop after ``words[:count]``: its last word needs nothing after it (not
    "the", "of", "is"), and the next word does not start that word's object ("address | the
    problem", "in terms | of X")."""
    last = words[count - 1].replace("’", "'").casefold()
    if last.endswith(","):
        return last.rstrip(",") not in DANGLING
    if last.strip(".;:") in DANGLING:
        return False
    if count >= len(words):
        return True
    following = words[count].casefold().strip(",.;:")
    # "In terms | of X", "a bit | of X": a word that says nothing without its "of".
    if following == "of" and (last in STOP or last in _VAGUE):
        return False
    return following not in OBJECT_START and not is_pronoun_that(words, count)


def is_pronoun_that(words: Sequence[str], index: int) -> bool:
    """Is ``words[index]`` "that" standing for a thing ("to address that in your research"),
    not opening a clause ("the models that people use")?"""
    if words[index].casefold().strip(",.;:") != "that":
        return False
    if words[index].endswith((",", ".", ";", ":")) or index + 1 >= len(words):
        return True
    return words[index + 1].casefold() in {"in", "on", "at", "for", "with", "from", "to", "as",
                                           "into", "by", "about", "or", "and", "going"}


