"""Word vectors, loaded once per process: navec for Russian, a table for English.

navec (300 dimensions, 250,000 words of news) ships inside the natasha package,
so nothing is downloaded. English vectors (128 dimensions, about 19,000
Snowball stems) ship with this package in ``data/english_vectors.npz``, distilled
from the all-MiniLM-L6-v2 sentence encoder by
``scripts/distill_english_vectors.py``. A message's vector is the
rarity-weighted mean of its content lemmas' vectors: cheap (a gather and a dot
product) and good enough once places and numbers have already ruled out the
wrong merges.

Both kinds share one matrix of :data:`DIMENSIONS` columns; English vectors fill
the first 128 and leave the rest zero. A cluster never holds questions of two
languages, so a Russian vector is never compared with an English one.
"""

from __future__ import annotations

from array import array
from functools import cache
from pathlib import Path

import natasha
import numpy as np
from navec import Navec

from moderation.errors import ModelMissing

DIMENSIONS = 300
_NAVEC_FILE = "data/emb/navec_news_v1_1B_250K_300d_100q.tar"
ENGLISH_FILE = Path(__file__).parent / "data" / "english_vectors.npz"


class EnglishVectors:
    """English Snowball stem to vector, from the bundled int8 table."""

    def __init__(self, path: Path = ENGLISH_FILE) -> None:
        if not path.exists():
            raise ModelMissing(f"English word vectors not found at {path}")
        with np.load(path) as table:
            self._rows = {str(stem): row for row, stem in enumerate(table["words"])}
            self._vectors = table["vectors"]
            self._scales = table["scales"]

    def get(self, stem: str) -> np.ndarray | None:
        """The vector of ``stem``, or None when the table does not hold it."""
        row = self._rows.get(stem)
        if row is None:
            return None
        return self._vectors[row].astype(np.float32) * self._scales[row]


class WordVectors:
    """Lemma to unit vector, with a row-per-lemma cache for fast gathers.

    A lemma in Latin letters is looked up among the English vectors (when
    given), any other among navec's.
    """

    def __init__(self, navec: Navec, english: EnglishVectors | None = None) -> None:
        self._navec = navec
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
        if english:
            vector = self._english.get(lemma) if self._english else None
        else:
            vector = self._navec.get(lemma)
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
        self._matrix[row, : len(vector)] = vector / norm if norm else vector
        self.english.append(english)
        self._rows[lemma] = row
        return row


@cache
def load_navec() -> Navec:
    """natasha's navec model, read from the installed package.

    Raises:
        ModelMissing: the natasha package has no navec file.
    """
    path = Path(natasha.__file__).parent / _NAVEC_FILE
    if not path.exists():
        raise ModelMissing(f"navec embeddings not found at {path}")
    return Navec.load(str(path))


@cache
def load_english() -> EnglishVectors:
    """The bundled English vectors.

    Raises:
        ModelMissing: the table is not installed with the package.
    """
    return EnglishVectors()
