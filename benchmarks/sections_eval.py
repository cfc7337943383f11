"""How well automatic sections find interviewer turns in transcripts without speaker labels.

    .venv/bin/python benchmarks/sections_eval.py [--gaps 0.5] [--split tune|report|all]

Speaker-labelled interviews from ../shared/corpus are turned into bare text like the bundled
Eye on AI file: one sentence per line, hard-wrapped at 90 columns, a blank line between lines,
and a larger gap (three newlines) at only a share of the changes of speaker (``--gaps``;
chosen by a fixed random seed). The labels, timestamps and bracketed notes ("[laughs]") are
dropped. The app then reads the bare text as it reads any raw transcript (the raw-text reader,
then automatic sections) and each section start is mapped back to the source line of its first
word.

Gold (``--gold stretches``, the default): the first line of every interviewer stretch (turns by
the hosts in a row count once: co-hosts' banter is one stretch) that asks something ("?") or
has at least 15 words; ``--gold turns`` takes every interviewer turn instead. A predicted start
within two lines of text of a gold start (blank lines not counted) is a hit, each gold start
matched once. Baselines: a section every N lines (N = the file's lines / its gold count, the
best any fixed spacing could hope for), and one at every larger gap.

The turn model is trained on Practical AI episodes (``sections_train.py``; the ``tune`` files
are among them); report on ``report`` (three other Practical AI episodes, Lex Fridman #407,
Weaviate #25: other shows, other hosts), which training never sees. ``--cost`` measures the
CPU time of the steps instead.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sentencex import segment  # noqa: E402

from reader.core.formats import rawtext  # noqa: E402
from reader.core.formats.decode import SourceText  # noqa: E402
from reader.core.sections import turns, with_auto_chapters  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"
PRACTICAL_AI = CORPUS / "bulk" / "changelog-practical-ai-md"
PRACTICAL_AI_HOSTS = {"Daniel Whitenack", "Chris Benson"}
# Connor Shorten only opens and closes #25; Etienne Dilocker asks the questions.
WEAVIATE_HOSTS = {"Connor Shorten", "Etienne Dilocker"}
TUNE = [f"practical-ai-{n}" for n in (70, 101, 110, 120, 130, 150, 160, 170, 200, 220, 250, 260)]
REPORT = ["practical-ai-183", "practical-ai-289", "practical-ai-85", "lex-fridman-407",
          "weaviate-25"]
TOLERANCE_LINES = 2
STATEMENT_WORDS = 15
# "stretches": the start of each interviewer stretch (host turns in a row count once: the
# co-hosts' banter is one stretch); "turns": every interviewer turn (--gold turns).
GOLD = "stretches"
WRAP = 90


@dataclass(frozen=True, slots=True)
class Turn:
    speaker: str
    interviewer: bool
    text: str


def _clean(text: str) -> str:
    text = re.sub(r"\\\[[^\]]*\\\]", " ", text)  # \[12:34\], \[laughs\]
    text = re.sub(r"\[\(\d[\d:]*\)\]\([^)]*\)", " ", text)  # [(00:12:21)](https://...)
    text = re.sub(r"\[[^\]]*\]", " ", text)
    return " ".join(text.replace("*", "").split())


def _merge(turns: list[Turn]) -> list[Turn]:
    merged: list[Turn] = []
    for turn in turns:
        if not turn.text:
            continue
        if merged and merged[-1].speaker == turn.speaker:
            merged[-1] = Turn(turn.speaker, turn.interviewer, merged[-1].text + " " + turn.text)
        else:
            merged.append(turn)
    return merged


def practical_ai(name: str) -> list[Turn]:
    turns: list[Turn] = []
    speaker = ""
    for paragraph in (PRACTICAL_AI / f"{name}.md").read_text(encoding="utf-8").split("\n\n"):
        match = re.match(r"\*\*([^*:]+):\*\*\s*(.*)", paragraph.strip(), re.DOTALL)
        if match:
            speaker, paragraph = match.group(1).strip(), match.group(2)
        if speaker and speaker != "Break":
            turns.append(Turn(speaker, speaker in PRACTICAL_AI_HOSTS, _clean(paragraph)))
    return _merge(turns)


def lex_fridman_407() -> list[Turn]:
    path = next((CORPUS / "md").glob("lex-fridman-407-*.txt"))
    turns: list[Turn] = []
    speaker = ""
    for line in path.read_text(encoding="utf-8").split("\n"):
        match = re.match(r"^(Lex Fridman|Guillaume Verdon) \[\(", line)
        if match:
            speaker = match.group(1)
        elif not line.startswith("[("):
            continue  # headings, the table of contents
        turns.append(Turn(speaker, speaker == "Lex Fridman", _clean(line[len(speaker):]
                                                                    if match else line)))
    return _merge(turns)


def weaviate_25() -> list[Turn]:
    path = CORPUS / "json" / "weaviate-podcast-25-speaker-turns-no-timestamps.json"
    rows = json.loads(path.read_text(encoding="utf-8"))
    return _merge([Turn(r["speaker"], r["speaker"].strip() in WEAVIATE_HOSTS,
                         _clean(r["content"]))
                   for r in rows])


def load(name: str) -> list[Turn]:
    if name == "lex-fridman-407":
        return lex_fridman_407()
    if name == "weaviate-25":
        return weaviate_25()
    return practical_ai(name)


def render(turns: list[Turn], gap_share: float, seed: int) -> tuple[list[str], list[int],
                                                                     list[int]]:
    """(source lines, gold start lines, lines where a larger gap was put)."""
    lines, gold, gaps, _ = render_with_speakers(turns, gap_share, seed)
    return lines, gold, gaps


def render_with_speakers(turns: list[Turn], gap_share: float, seed: int) -> tuple[
        list[str], list[int], list[int], list[int]]:
    """:func:`render`, and for each source line the index of the turn it comes from (-1 for a
    blank line)."""
    chance = random.Random(seed)
    lines: list[str] = []
    gold: list[int] = []
    gaps: list[int] = []
    owner: list[int] = []
    for number, turn in enumerate(turns):
        if number and chance.random() < gap_share:
            lines.append("")  # with the usual blank line: three newlines
            owner.append(-1)
            gaps.append(len(lines) + 1)
        first = len(lines) + (1 if lines else 0)
        opens_stretch = not (GOLD == "stretches" and number and turns[number - 1].interviewer)
        if turn.interviewer and opens_stretch and (
                "?" in turn.text or len(turn.text.split()) >= STATEMENT_WORDS):
            gold.append(first)
        for sentence in segment("en", turn.text):
            for line in textwrap.wrap(sentence.strip(), WRAP, break_long_words=False,
                                      break_on_hyphens=False):
                if lines:
                    lines.append("")
                    owner.append(-1)
                lines.append(line)
                owner.append(number)
    return lines, gold, gaps, owner


def text_line_numbers(lines: list[str]) -> list[int]:
    """For each line, its number among the lines of text (blank lines are not counted: the
    tolerance is in lines of the transcript, not in the blank lines between them)."""
    numbers: list[int] = []
    count = 0
    for line in lines:
        numbers.append(count)
        count += bool(line.strip())
    return numbers


def predicted_lines(lines: list[str]) -> list[int]:
    """Line of text holding the first word of each automatic section's start block."""
    text = "\n".join(lines) + "\n"
    transcript = with_auto_chapters(rawtext.read(SourceText(Path("bare.txt"), text, "")))
    word_line = [number for number, line in enumerate(line for line in lines if line.strip())
                 for _ in line.split()]
    starts = []
    for chapter in transcript.chapters:
        words_before = len(transcript.text[: chapter.start].split())
        starts.append(word_line[min(words_before, len(word_line) - 1)])
    return starts


def score(predicted: list[int], gold: list[int]) -> tuple[int, int, int]:
    """(hits, predicted, gold): greedy one-to-one matching within the tolerance."""
    unmatched = sorted(gold)
    hits = 0
    for line in sorted(predicted):
        near = [g for g in unmatched if abs(g - line) <= TOLERANCE_LINES]
        if near:
            unmatched.remove(min(near, key=lambda g: abs(g - line)))
            hits += 1
    return hits, len(predicted), len(gold)


def f1(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = hits / predicted if predicted else 0.0
    recall = hits / gold if gold else 0.0
    both = precision + recall
    return precision, recall, (2 * precision * recall / both if both else 0.0)


def evaluate(names: list[str], gap_share: float) -> dict[str, list[tuple[int, int, int]]]:
    rows: dict[str, list[tuple[int, int, int]]] = {"sections": [], "every N": [], "gaps": []}
    for seed, name in enumerate(names):
        lines, gold, gaps = render(load(name), gap_share, seed)
        numbers = text_line_numbers(lines)
        gold, gaps = [numbers[g] for g in gold], [numbers[g] for g in gaps]
        count = numbers[-1] + 1
        spacing = max(1, round(count / max(1, len(gold))))
        results = {
            "sections": score(predicted_lines(lines), gold),
            "every N": score(list(range(0, count, spacing)), gold),
            "gaps": score([0, *gaps], gold),
        }
        for method, result in results.items():
            rows[method].append(result)
        cells = "  ".join(f"{m} {f1(*r)[2]:.2f}" for m, r in results.items())
        print(f"{name:<20} lines {count:>5}  gold {len(gold):>3}  {cells}  "
              f"(sections P {f1(*results['sections'])[0]:.2f} R {f1(*results['sections'])[1]:.2f})")
    return rows


def role_counts(name: str, gap_share: float, seed: int) -> tuple[int, int, int]:
    """(words in paragraphs marked as the interviewer's that the interviewer says, words in
    marked paragraphs, words the interviewer says): how often the quiet question style lands
    on the right speaker."""
    said = load(name)
    lines, _, _, owner = render_with_speakers(said, gap_share, seed)
    speaker = [said[owner[i]].interviewer for i, line in enumerate(lines) for _ in line.split()]
    transcript = rawtext.read(SourceText(Path("bare.txt"), "\n".join(lines) + "\n", ""))
    skip = len(speaker) - sum(len(b.text.split()) for b in transcript.blocks)
    right = marked = 0
    position = skip
    for block in transcript.blocks:
        count = len(block.text.split())
        if block.role:
            marked += count
            right += sum(speaker[position : position + count])
        position += count
    return right, marked, sum(speaker)


def cost(repeats: int = 5) -> None:
    """CPU time of finding turns (in the raw-text reader) and of the sections step, on the
    bundled interview, an unpunctuated auto-caption file and 1.5 MB of "Hi." (median, max)."""
    eye = REPO / "resources" / "transcripts" / "eye-on-ai-ilya-sutskever.txt"
    captions = CORPUS / "txt" / "lex-fridman-094-ilya-sutskever-autocaption-single-line.txt"
    files = [("Eye on AI", eye.read_text(encoding="utf-8")),
             ("Lex #94 auto-captions", captions.read_text(encoding="utf-8")),
             ("1.5 MB of 'Hi.'", "Hi.\n\n" * 300_000)]
    for label, text in files:
        source = SourceText(Path("bare.txt"), text, "")
        transcript = rawtext.read(source)
        lines = text.split("\n")
        runs = [" ".join(" ".join(run).split()) for run in rawtext._runs(lines)]
        sentences = rawtext.run_sentences(runs) if len(lines) < 100_000 else []
        timings: dict[str, list[float]] = {"turns": [], "sections": []}
        for _ in range(repeats):
            start = time.process_time()
            turns.interviewer_turns(sentences)
            timings["turns"].append(time.process_time() - start)
            start = time.process_time()
            sectioned = with_auto_chapters(transcript)
            timings["sections"].append(time.process_time() - start)
        cells = "  ".join(f"{step} median {statistics.median(t) * 1000:.0f} ms "
                          f"max {max(t) * 1000:.0f} ms" for step, t in timings.items())
        print(f"{label:<22} sentences {len(sentences):>6}  blocks {len(transcript.blocks):>6}  "
              f"{cells}  sections {len(sectioned.chapters)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gaps", type=float, default=0.5,
                        help="share of speaker changes marked by a larger gap (default 0.5)")
    parser.add_argument("--split", choices=("tune", "report", "all"), default="report")
    parser.add_argument("--roles", action="store_true",
                        help="score the paragraphs marked as the interviewer's instead")
    parser.add_argument("--cost", action="store_true",
                        help="measure the CPU time of the steps instead")
    parser.add_argument("--gold", choices=("stretches", "turns"), default="stretches",
                        help="what counts as a section start (default: interviewer stretches)")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"needs the shared corpus at {CORPUS}", file=sys.stderr)
        return 1
    global GOLD
    GOLD = args.gold
    if args.cost:
        cost()
        return 0
    if args.roles:
        totals = [0, 0, 0]
        for seed, name in enumerate({"tune": TUNE, "report": REPORT,
                                     "all": TUNE + REPORT}[args.split]):
            counts = role_counts(name, args.gaps, seed)
            totals = [t + c for t, c in zip(totals, counts, strict=True)]
            print(f"{name:<20} marked words the interviewer's: P {f1(*counts)[0]:.2f} "
                  f"R {f1(*counts)[1]:.2f}")
        print(f"pooled    P {f1(*totals)[0]:.2f} R {f1(*totals)[1]:.2f} F1 {f1(*totals)[2]:.2f}")
        return 0
    names = {"tune": TUNE, "report": REPORT, "all": TUNE + REPORT}[args.split]
    rows = evaluate(names, args.gaps)
    for method, results in rows.items():
        totals = tuple(sum(r[i] for r in results) for i in range(3))
        p, r, f = f1(*totals)  # type: ignore[arg-type]
        mean = sum(f1(*x)[2] for x in results) / len(results)
        print(f"{method:<9} pooled P {p:.2f} R {r:.2f} F1 {f:.2f}   mean F1 {mean:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
