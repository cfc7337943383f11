"""A section without a fit question is named by the phrase it repeats: a phrase never runs
across a comma, a full stop or a dash, keeps the spelling it has where it is first said, and
prefers the words the rest of the transcript says least."""

from __future__ import annotations

from collections import Counter

from reader.core.sections.topics import TranscriptWords, topic_title, word_counts


def test_a_topic_phrase_does_not_run_across_a_comma_or_a_dash() -> None:
    # Read across the breaks, "Deep learning models" would be said three times.
    text = ("Deep learning, models came later. Deep learning - models again. "
            "Deep learning. Models, models.")
    assert topic_title(text, Counter()) == "Deep learning"


def test_a_topic_title_is_spelled_as_it_is_first_said() -> None:
    text = "Our GPU clusters' costs grew. The gpu clusters were full. Gpu Clusters again."
    assert topic_title(text, Counter()) == "GPU clusters"


def test_the_phrase_the_rest_of_the_transcript_says_least_names_the_section() -> None:
    section = "Protein folding and drug design. Protein folding, drug design."
    rest = "drug design " * 20 + "Drug-design is the company's business."
    assert topic_title(section, word_counts(section + " " + rest)) == "Protein folding"
    assert topic_title(section, TranscriptWords(section + " " + rest)) == "Protein folding"
    elsewhere = "protein folding " * 20
    assert topic_title(section, TranscriptWords(section + " " + elsewhere)) == "Drug design"


def test_words_are_counted_without_their_closing_apostrophes_or_hyphens() -> None:
    counts = word_counts("Rock'n'roll and goin' and so-called GOIN' don't -- 'quote'")
    assert counts["goin"] == 2
    assert counts["rock'n'roll"] == counts["so-called"] == counts["don't"] == 1
    assert counts["quote"] == 1
    assert TranscriptWords("Goin' goin").get("goin", 0) == 2
    assert TranscriptWords("nothing").get("absent", 0) == 0
