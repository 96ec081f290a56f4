"""Word vectors: the bundled tables for Russian lemmas and English stems."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from moderation import Engine, EngineConfig
from moderation.errors import ModelMissing
from moderation.vectors import (
    DIMENSIONS,
    VectorTable,
    WordVectors,
    load_english,
    load_russian,
)


def cosine(vectors: WordVectors, first: str, second: str) -> float:
    a, b = vectors.matrix[vectors.row(first)], vectors.matrix[vectors.row(second)]
    return float(a @ b)


@pytest.mark.parametrize(
    ("table", "known", "unknown"),
    [(load_english, "garbag", "zzqxv"), (load_russian, "мусор", "ъъыщ")],
)
def test_lemmas_have_vectors_and_unknown_ones_none(
    table: Callable[[], VectorTable], known: str, unknown: str
) -> None:
    vector = table().get(known)
    assert vector is not None
    assert vector.shape == (DIMENSIONS,)
    assert table().get(unknown) is None


@pytest.mark.parametrize(
    ("word", "related", "unrelated"),
    [("garbag", "trash", "pension"), ("мусор", "отход", "пенсия")],
)
def test_word_vectors_put_related_words_close(
    word: str, related: str, unrelated: str
) -> None:
    vectors = WordVectors(load_russian(), load_english())
    close = cosine(vectors, word, related)
    # The tables are centred on what all residents' messages share, so an
    # unrelated word sits near zero and a related one well above it.
    assert close > 0.4
    assert close > cosine(vectors, word, unrelated) + 0.3


def test_each_script_is_looked_up_in_its_own_language() -> None:
    vectors = WordVectors(load_russian(), load_english())
    english, russian = vectors.row("trash"), vectors.row("мусор")
    assert vectors.english[english] and not vectors.english[russian]
    trash = load_english().get("trash")
    assert trash is not None
    assert np.allclose(vectors.matrix[english], trash / np.linalg.norm(trash))
    assert np.isclose(np.linalg.norm(vectors.matrix[russian]), 1.0)
    # A Latin word is never looked up among Russian lemmas, nor the reverse.
    assert vectors.row("ремонт") >= 0 and vectors.row("remont") == -1


def test_a_missing_table_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ModelMissing, match="word vectors not found"):
        VectorTable(tmp_path / "absent.npz")


def test_a_table_of_another_width_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "narrow.npz"
    np.savez(
        path,
        words=np.array(["мусор"]),
        vectors=np.ones((1, 16), dtype=np.int8),
        scales=np.ones(1, dtype=np.float32),
    )
    with pytest.raises(ModelMissing, match="16 dimensions"):
        VectorTable(path)


@pytest.mark.parametrize("use_vectors", [True, False])
def test_an_english_paraphrase_joins_through_word_vectors(
    make_engine: Callable[..., Engine], use_vectors: bool
) -> None:
    engine = make_engine(config=EngineConfig(use_vectors=use_vectors))
    first = engine.add(
        "a", "My kid's classroom has 34 students. Will the city hire more teachers?"
    )
    second = engine.add(
        "b", "Overcrowded classes at our elementary, any plan for extra staff?"
    )
    # Few words in common: only the vectors see that 34 students in a room are
    # an overcrowded class, and that teachers are staff.
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
