"""Train the turn model that finds interviewer turns in unlabelled text (turn_model.json).

    python benchmarks/sections_train.py [--out reader/core/sections/turn_model.json]

Needs scikit-learn and NumPy, which the app itself never imports: run it from a virtualenv
that has them and the project's dependencies (sentencex). Speaker-labelled Practical AI
episodes from ../shared/corpus are rendered as bare text exactly as ``sections_eval.py`` does
(one sentence per line, hard-wrapped, a larger gap at a share of the speaker changes), read
into sentences as the raw-text reader reads them, and each sentence labelled with who says it.
The episodes ``sections_eval.py`` reports on, and other shows, are never used here.

Two logistic regressions over the features of ``reader/core/sections/features.py``: the
interviewer says the sentence; the speaker changes just before it. A fifth of the training
episodes is kept aside to choose the regularisation and the decoder's settings (scales of the
two models' log-odds, the shortest reply that ends a turn) by boundary F1, as reported.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import pickle
import random
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sections_eval as ev  # noqa: E402

from reader.core.formats import rawtext  # noqa: E402
from reader.core.sections import turns  # noqa: E402
from reader.core.sections.features import FEATURE_NAMES, cues_of, features  # noqa: E402

GAP_SHARES = (0.5, 0.2, 0.0)
# The code that computes the features, as imported: the cache of rendered episodes is kept
# only for the same code.
FEATURE_SOURCES = b"".join((ev.REPO / "reader" / "core" / "sections" / name).read_bytes()
                           for name in ("cues.py", "features.py"))
OUT = ev.REPO / "reader" / "core" / "sections" / turns.MODEL_FILE


@dataclass
class Episode:
    name: str
    sentences: list[turns.Sentence]
    x: np.ndarray
    interviewer: np.ndarray  # 1 where a qualifying interviewer stretch says the sentence
    change: np.ndarray  # 1 where the speaker changes just before the sentence
    line_of: list[int]  # text line of each sentence's first word
    gold: list[int]  # text lines where interviewer stretches start


def training_names() -> list[str]:
    """Practical AI episodes with a guest who talks (not hosts only), none reported on."""
    names = []
    for path in sorted(ev.PRACTICAL_AI.glob("practical-ai-*.md")):
        if path.stem in ev.REPORT:
            continue
        said = ev.practical_ai(path.stem)
        host = sum(len(t.text.split()) for t in said if t.interviewer)
        total = sum(len(t.text.split()) for t in said)
        if total > 2000 and 0.08 < host / total < 0.6:
            names.append(path.stem)
    return names


def sentences_of(lines: list[str]) -> list[turns.Sentence]:
    """The sentences the raw-text reader hands to the turn finder (rawtext._turn_paragraphs)."""
    body = lines
    title = rawtext._title_line(lines)
    if title is not None:
        body = lines[title + 1 :]
    runs = rawtext._runs(body)
    _, runs[0] = rawtext._front_matter(runs[0])
    return rawtext.run_sentences([" ".join(" ".join(run).split()) for run in runs if run])


def episode(name: str, gap_share: float, seed: int) -> Episode:
    said = ev.load(name)
    lines, gold, _, owner = ev.render_with_speakers(said, gap_share, seed)
    numbers = ev.text_line_numbers(lines)
    qualifying = set()  # turns of interviewer stretches that start a section
    for number, turn in enumerate(said):
        if turn.interviewer and (not number or not said[number - 1].interviewer):
            stretch = [number]
            while stretch[-1] + 1 < len(said) and said[stretch[-1] + 1].interviewer:
                stretch.append(stretch[-1] + 1)
            text = " ".join(said[k].text for k in stretch)
            if "?" in text or len(text.split()) >= ev.STATEMENT_WORDS:
                qualifying.update(stretch)
    word_owner: list[int] = []
    word_line: list[int] = []
    for index, line in enumerate(lines):
        for _ in line.split():
            word_owner.append(owner[index])
            word_line.append(numbers[index])
    sentences = sentences_of(lines)
    skip = len(word_owner) - sum(len(s.text.split()) for s in sentences)
    who: list[int] = []
    line_of: list[int] = []
    position = skip
    for sentence in sentences:
        who.append(word_owner[position])
        line_of.append(word_line[position])
        position += len(sentence.text.split())
    x = np.array(features(cues_of([(s.text, s.gap_before) for s in sentences])))
    interviewer = np.array([w in qualifying for w in who], dtype=int)
    change = np.array([0] + [a != b for a, b in itertools.pairwise(who)], dtype=int)
    return Episode(name, sentences, x, interviewer, change, line_of, [numbers[g] for g in gold])


@dataclass
class Fitted:
    """A logistic regression fitted on standardised features, as weights on the raw ones."""

    weights: np.ndarray  # the bias folded into the "bias" feature's weight

    def odds(self, x: np.ndarray) -> list[float]:
        return (x @ self.weights).tolist()  # type: ignore[no-any-return]


def model_json(inner: Fitted, change: Fitted, settings: dict[str, float]) -> str:
    return json.dumps({"features": list(FEATURE_NAMES),
                       "interviewer": [round(float(w), 4) for w in inner.weights],
                       "change": [round(float(w), 4) for w in change.weights], **settings},
                      indent=0)


def fit(episodes: list[Episode], c: float) -> tuple[Fitted, Fitted]:
    x = np.vstack([e.x for e in episodes])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    bias = FEATURE_NAMES.index("bias")
    mean[bias] = 0.0
    models = []
    for target in ("interviewer", "change"):
        y = np.concatenate([getattr(e, target) for e in episodes])
        model = LogisticRegression(C=c, max_iter=500).fit((x - mean) / scale, y)
        weights = model.coef_[0] / scale
        weights[bias] += float(model.intercept_[0]) - float(weights @ mean)  # mean[bias] is 0
        models.append(Fitted(weights))
    return models[0], models[1]


def decoded_f1(episodes: list[Episode], inner: Fitted, change: Fitted,
               model: turns.TurnModel) -> float:
    totals = [0, 0, 0]
    for e in episodes:
        odds = list(zip(inner.odds(e.x), change.odds(e.x), strict=True))
        starts = [e.line_of[t.start] for t in turns.decoded_turns(e.sentences, odds, model)]
        for i, value in enumerate(ev.score(starts, e.gold)):
            totals[i] += value
    return ev.f1(*totals)[2]


def load_episodes(names: list[str]) -> dict[str, list[Episode]]:
    """The rendered episodes, cached between runs (the rendering takes minutes)."""
    key = hashlib.sha256(FEATURE_SOURCES + "\n".join(names).encode()).hexdigest()[:16]
    cache = Path(tempfile.gettempdir()) / f"sections_train_{key}.pickle"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    data = {name: [episode(name, share, seed) for seed, share in enumerate(GAP_SHARES)]
            for name in names}
    cache.write_bytes(pickle.dumps(data))
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--limit", type=int, default=0, help="use only this many episodes")
    args = parser.parse_args()
    names = training_names()
    random.Random(7).shuffle(names)
    if args.limit:
        names = names[: args.limit]
    held = len(names) // 5
    print(f"{len(names)} episodes: {len(names) - held} to fit, {held} to choose settings")
    data = load_episodes(names)
    fitting = [e for n in names[held:] for e in data[n]]
    choosing = [e for n in names[:held] for e in data[n]]
    best: tuple[float, float, dict[str, float]] = (-1.0, 0.0, {})
    for c in (0.01, 0.03):
        inner, change = fit(fitting, c)
        for emission, switch, answer in itertools.product(
                (0.3, 0.5, 0.7, 1.0), (0.5, 0.7, 1.0, 1.5), (0, 20, 40)):
            settings = {"emission_scale": emission, "change_scale": switch,
                        "min_answer_words": answer}
            model = turns.TurnModel.from_json(model_json(inner, change, settings))
            value = decoded_f1(choosing, inner, change, model)
            if value > best[0]:
                best = (value, c, settings)
                print(f"C {c}: F1 {value:.3f} {settings}", flush=True)
    value, c, settings = best
    inner, change = fit(fitting + choosing, c)
    args.out.write_text(model_json(inner, change, settings) + "\n", encoding="utf-8")
    print(f"wrote {args.out} (C {c}, F1 {value:.3f} on the episodes kept aside)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
