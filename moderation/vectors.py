"""Russian word vectors: natasha's bundled navec model, loaded once per process.

navec (300 dimensions, 250,000 words of news) ships inside the natasha package,
so nothing is downloaded. A message's vector is the rarity-weighted mean of its
content lemmas' vectors: cheap (a gather and a dot product) and good enough
once places and numbers have already ruled out the wrong merges.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import natasha
import numpy as np
from navec import Navec

from moderation.errors import ModelMissing

DIMENSIONS = 300
_NAVEC_FILE = "data/emb/navec_news_v1_1B_250K_300d_100q.tar"


class WordVectors:
    """Lemma to unit vector, with a row-per-lemma cache for fast gathers."""

    def __init__(self, navec: Navec) -> None:
        self._navec = navec
        self._rows: dict[str, int] = {}
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
        self._matrix[row] = vector / norm if norm else vector
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
