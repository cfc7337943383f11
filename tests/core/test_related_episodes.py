"""A transcript read beside an outline of its episode: the outline is no related transcript."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.core import companions
from reader.core.formats import load_transcript
from reader.core.related import RelatedFinder, offset_of_quote
from tests.conftest import EYE, LEX
from tests.core.test_search_support import open_index

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
CAPTIONS = CORPUS / "vtt" / "lex-fridman-094-ilya-sutskever-whisper-large.vtt"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """The Lex #94 captions paired with the Lex #94 outline, and Eye on AI."""
    if not CAPTIONS.is_file():
        pytest.skip(f"no shared test corpus at {CORPUS}")
    folder = tmp_path / "library"
    folder.mkdir()
    for source in (CAPTIONS, LEX, EYE):
        shutil.copyfile(source, folder / source.name)
    companions.write_choice(folder / CAPTIONS.name, folder / LEX.name)
    captions = load_transcript(folder / CAPTIONS.name)
    if not any(LEX.name in note for note in captions.notes):
        pytest.skip(f"the captions are not read as a timed transcript ({captions.format})")
    return folder


def related_names(library: Path, index_dir: Path, name: str, quote: str) -> list[str]:
    transcript = load_transcript(library / name)
    with open_index(library, index_dir) as index:
        hits = RelatedFinder(index).related(transcript, offset_of_quote(transcript, quote),
                                            10).hits
    return [hit.path.name for hit in hits]


def test_the_captions_paired_outline_is_left_out_of_their_related_passages(
        library: Path, tmp_path: Path) -> None:
    names = related_names(library, tmp_path / "index", CAPTIONS.name, "ImageNet")
    assert names and LEX.name not in names and CAPTIONS.name not in names
    assert EYE.name in names  # the other interview still is related


def test_the_outline_does_not_find_the_captions_it_is_paired_with(
        library: Path, tmp_path: Path) -> None:
    names = related_names(library, tmp_path / "index", LEX.name, "Alex’s fast CUDA kernels")
    assert names and CAPTIONS.name not in names and LEX.name not in names
    assert EYE.name in names


def test_without_the_pairing_the_captions_are_another_transcript(
        library: Path, tmp_path: Path) -> None:
    companions.write_choice(library / CAPTIONS.name, None)  # "no outline"
    names = related_names(library, tmp_path / "index", LEX.name, "Alex’s fast CUDA kernels")
    assert CAPTIONS.name in names


def test_an_outline_paired_by_its_name_is_left_out_too(library: Path, tmp_path: Path) -> None:
    companions.forget_choice(library / CAPTIONS.name)  # the outline matches: episode 94
    assert companions.find_companion(library / CAPTIONS.name) is not None
    names = related_names(library, tmp_path / "index", LEX.name, "Alex’s fast CUDA kernels")
    assert names and CAPTIONS.name not in names
    names = related_names(library, tmp_path / "index", CAPTIONS.name, "ImageNet")
    assert names and LEX.name not in names


def test_two_transcripts_read_beside_one_outline_are_one_episode(
        library: Path, tmp_path: Path) -> None:
    # Whisper's large and small models of Lex #94, both paired with the Lex #94 outline.
    small = CORPUS / "vtt" / "lex-fridman-094-ilya-sutskever-whisper-small.vtt"
    if not small.is_file():
        pytest.skip(f"no {small.name} in the shared corpus")
    shutil.copyfile(small, library / small.name)
    companions.write_choice(library / small.name, library / LEX.name)
    names = related_names(library, tmp_path / "index", CAPTIONS.name, "ImageNet")
    assert names and small.name not in names and LEX.name not in names
    assert EYE.name in names
