"""Word vectors, loaded once per process: a table per language.

A table maps the clusterer's lemma of a word (pymorphy3's normal form for
Russian, the Snowball stem for English) to a vector of :data:`DIMENSIONS`
numbers. Both ship with this package in ``data/``: they were distilled once,
offline, from sentence encoders published on PyPI (Russian: Google's
multilingual Universal Sentence Encoder; English: all-MiniLM-L6-v2) by
``scripts/distill_word_vectors.py``, so nothing is downloaded at run time. A
message's vector is the rarity-weighted mean of its content lemmas' vectors:
cheap (a gather and a dot product) and good enough once places and numbers
have already ruled out the wrong merges. The tables were fitted so that this
mean follows the encoder's vector of the whole message, less what all
residents' messages share: unrelated messages come out near a cosine of zero.

The two languages share the columns of one matrix, not one space: a Russian
vector is never compared with an English one, because a cluster never holds
questions of two languages and a question's vector only uses the lemmas of its
own language.
"""

from __future__ import annotations

from array import array
from functools import cache
from pathlib import Path

import numpy as np

from moderation.errors import ModelMissing

DIMENSIONS = 128
_DATA = Path(__file__).parent / "data"
RUSSIAN_FILE = _DATA / "russian_vectors.npz"
ENGLISH_FILE = _DATA / "english_vectors.npz"


class VectorTable:
    """Lemma to vector, from one of the bundled int8 tables."""

    def __init__(self, path: Path) -> None:
        if not path.exists():
            raise ModelMissing(f"word vectors not found at {path}")
        with np.load(path) as table:
            self._rows = {str(key): row for row, key in enumerate(table["words"])}
            self._vectors = table["vectors"]
            self._scales = table["scales"]
        if self._vectors.shape[1] != DIMENSIONS:
            raise ModelMissing(
                f"word vectors at {path} have {self._vectors.shape[1]} dimensions,"
                f" not {DIMENSIONS}"
            )

    def get(self, lemma: str) -> np.ndarray | None:
        """The vector of ``lemma``, or None when the table does not hold it."""
        row = self._rows.get(lemma)
        if row is None:
            return None
        return self._vectors[row].astype(np.float32) * self._scales[row]


class WordVectors:
    """Lemma to unit vector, with a row-per-lemma cache for fast gathers.

    A lemma in Latin letters is looked up in the English table, any other in
    the Russian one.
    """

    def __init__(self, russian: VectorTable, english: VectorTable) -> None:
        self._russian = russian
        self._english = english
        self._rows: dict[str, int] = {}
        # Per row: 1 when it holds an English vector.
        self.english = array("b")
        self._used = 0
        self._matrix = np.zeros((1024, DIMENSIONS), dtype=np.float32)

    @property
    def matrix(self) -> np.ndarray:
        """Rows of the lemmas looked up so far; index them with :meth:`row`."""
        return self._matrix

    def row(self, lemma: str) -> int:
        """The matrix row of ``lemma``'s unit vector, or -1 when it has none."""
        found = self._rows.get(lemma)
        if found is not None:
            return found
        english = "a" <= lemma[:1] <= "z"
        vector = (self._english if english else self._russian).get(lemma)
        if vector is None:
            self._rows[lemma] = -1
            return -1
        row = self._used
        self._used += 1
        if row >= len(self._matrix):
            grown = np.zeros((len(self._matrix) * 2, DIMENSIONS), dtype=np.float32)
            grown[: len(self._matrix)] = self._matrix
            self._matrix = grown
        norm = float(np.linalg.norm(vector))
        self._matrix[row] = vector / norm if norm else vector
        self.english.append(english)
        self._rows[lemma] = row
        return row


@cache
def load_russian() -> VectorTable:
    """The bundled Russian table.

    Raises:
        ModelMissing: the table is not installed with the package.
    """
    return VectorTable(RUSSIAN_FILE)


@cache
def load_english() -> VectorTable:
    """The bundled English table.

    Raises:
        ModelMissing: the table is not installed with the package.
    """
    return VectorTable(ENGLISH_FILE)
