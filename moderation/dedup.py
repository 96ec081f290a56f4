"""Exact and near duplicates: copy-paste campaigns and re-sent messages.

Two messages are exact duplicates when their words, lemmatised, without
greetings, signatures and punctuation, are the same. They are near duplicates
when the MinHash estimate of the Jaccard similarity of their word pairs is high
and they name the same places and numbers: "школа №5" and "школа №6" differ by
one word and stay apart. Hashes come from CRC-32, never from Python's ``hash``,
so results do not depend on the process's hash seed.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence

import numpy as np

_PRIME = 4_294_967_311
_PERMUTATIONS = 12
_BANDS = 4
_ROWS = _PERMUTATIONS // _BANDS
_MIN_WORDS_FOR_NEAR = 4
_SEED = np.random.default_rng(20240917)
_A = _SEED.integers(1, 2**31, size=(_PERMUTATIONS, 1), dtype=np.uint64)
_B = _SEED.integers(0, 2**31, size=(_PERMUTATIONS, 1), dtype=np.uint64)


class DuplicateIndex:
    """Remembers every original message and finds the one a new message copies.

    Each original costs one dictionary entry for its exact key, four band
    entries and a 12-number signature.
    """

    def __init__(self, threshold: float = 0.7) -> None:
        self._threshold = threshold
        self._exact: dict[int, int] = {}
        self._bands: dict[int, int] = {}
        self._signatures = np.zeros((1024, _PERMUTATIONS), dtype=np.uint32)
        self._owners: list[int] = []
        self._salts: list[int] = []

    def find_or_add(
        self, item: int, lemmas: Sequence[str], anchor_key: str
    ) -> int | None:
        """The original that ``item`` duplicates; else ``item`` becomes one."""
        if not lemmas:
            return None
        # A 64-bit digest stands for the key: the strings would cost more memory
        # than everything else kept per message.
        exact_key = int.from_bytes(
            hashlib.blake2b(
                (anchor_key + "\x1f" + "\x1f".join(lemmas)).encode(), digest_size=8
            ).digest()
        )
        original = self._exact.get(exact_key)
        if original is not None:
            return original
        signature = None
        band_keys: list[int] = []
        if len(lemmas) >= _MIN_WORDS_FOR_NEAR:
            signature = _minhash(lemmas)
            band_keys = _band_keys(signature, anchor_key)
            salt = zlib.crc32(anchor_key.encode())
            original = self._near(signature, band_keys, salt)
            if original is not None:
                return original

        self._exact[exact_key] = item
        if signature is not None:
            row = len(self._owners)
            if row >= len(self._signatures):
                self._signatures = np.concatenate(
                    [self._signatures, np.zeros_like(self._signatures)]
                )
            self._signatures[row] = signature
            self._owners.append(item)
            self._salts.append(zlib.crc32(anchor_key.encode()))
            for key in band_keys:
                self._bands.setdefault(key, row)
        return None

    def _near(
        self, signature: np.ndarray, band_keys: list[int], salt: int
    ) -> int | None:
        for key in band_keys:
            row = self._bands.get(key)
            if row is None or self._salts[row] != salt:
                continue
            agreement = float(np.mean(self._signatures[row] == signature))
            if agreement >= self._threshold:
                return self._owners[row]
        return None


def _minhash(lemmas: Sequence[str]) -> np.ndarray:
    pairs = {f"{a} {b}" for a, b in zip(lemmas, lemmas[1:], strict=False)}
    shingles = np.fromiter(
        sorted(zlib.crc32(p.encode()) for p in pairs), dtype=np.uint64
    )
    hashed = (_A * shingles + _B) % _PRIME
    return hashed.min(axis=1).astype(np.uint32)


def _band_keys(signature: np.ndarray, anchor_key: str) -> list[int]:
    salt = zlib.crc32(anchor_key.encode())
    keys = []
    for band in range(_BANDS):
        chunk = signature[band * _ROWS : (band + 1) * _ROWS].tobytes()
        keys.append((band << 40) ^ (salt << 8) ^ zlib.crc32(chunk, salt))
    return keys
