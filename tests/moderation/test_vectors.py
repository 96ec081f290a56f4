"""Word vectors: navec for Russian lemmas, the bundled table for English stems."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from moderation import Engine, EngineConfig
from moderation.errors import ModelMissing
from moderation.vectors import (
    DIMENSIONS,
    EnglishVectors,
    WordVectors,
    load_english,
    load_navec,
)


def cosine(vectors: WordVectors, first: str, second: str) -> float:
    a, b = vectors.matrix[vectors.row(first)], vectors.matrix[vectors.row(second)]
    return float(a @ b)


def test_english_stems_have_vectors_and_unknown_ones_none() -> None:
    english = load_english()
    vector = english.get("garbag")
    assert vector is not None
    assert vector.shape == (128,)
    assert english.get("zzqxv") is None


def test_english_vectors_put_related_words_close() -> None:
    vectors = WordVectors(load_navec(), load_english())
    related = cosine(vectors, "garbag", "trash")
    assert related > 0.6
    assert related > cosine(vectors, "garbag", "pension") + 0.4


def test_each_script_is_looked_up_in_its_own_language() -> None:
    vectors = WordVectors(load_navec(), load_english())
    english, russian = vectors.row("trash"), vectors.row("мусор")
    assert vectors.english[english] and not vectors.english[russian]
    # English vectors fill the first columns of the shared matrix.
    assert not vectors.matrix[english, 128:].any()
    assert vectors.matrix[russian, 128:].any()
    assert np.isclose(np.linalg.norm(vectors.matrix[english]), 1.0)
    assert vectors.matrix.shape[1] == DIMENSIONS


def test_without_the_english_table_latin_words_have_no_vector() -> None:
    vectors = WordVectors(load_navec())
    assert vectors.row("trash") == -1
    assert vectors.row("мусор") >= 0


def test_a_missing_table_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ModelMissing, match="English word vectors"):
        EnglishVectors(tmp_path / "absent.npz")


@pytest.mark.parametrize("use_vectors", [True, False])
def test_an_english_paraphrase_joins_through_word_vectors(
    make_engine: Callable[..., Engine], use_vectors: bool
) -> None:
    engine = make_engine(config=EngineConfig(use_vectors=use_vectors))
    first = engine.add(
        "a", "Why has nobody collected the garbage on our street for two weeks?"
    )
    second = engine.add(
        "b", "Trash pickup keeps getting skipped, who do I call about the rubbish?"
    )
    # Few words in common: only the vectors see "garbage", "trash", "rubbish".
    assert (first.cluster == second.cluster) is use_vectors


def test_a_russian_question_ignores_the_english_vectors_of_latin_words(
    engine: Engine,
) -> None:
    featurizer = engine._featurizer
    with_latin, without = (
        featurizer.featurize(engine._normalizer.normalize(text), None, None)
        for text in ("Когда починят wifi в библиотеке?", "Когда починят в библиотеке?")
    )
    assert len(with_latin.ids) > len(without.ids)
    assert with_latin.dense is not None and without.dense is not None
    assert np.allclose(with_latin.dense, without.dense, atol=1e-6)
