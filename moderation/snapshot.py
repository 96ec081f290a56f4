"""Saving an engine's state to a stream and loading it back.

Rebuilding an engine replays every question in the order it first saw them,
which costs as much as clustering them did: a quarter of an hour for two
million questions. A snapshot is the engine pickled, minus the shared models
(the morphological analyser and both word-vector tables), which are loaded once per
process and put back on loading; it is written and read in seconds.

A snapshot is only valid for the code and models that wrote it: features,
concept ids and cluster profiles depend on the lexicon, the analyser and the
rules. Its header carries a fingerprint of the ``moderation`` sources, of the
versions of the packages holding the models, and a caller's label (such as
the event's municipalities and topics); :func:`load` refuses a snapshot whose
fingerprint differs, and the caller replays from its own records instead.

Pickle runs code named in the file it reads: load only snapshots this
deployment wrote itself, from a directory nobody else can write to.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import IO, Any

from moderation.engine import Engine
from moderation.errors import ModerationError
from moderation.morphology import Morphology, shared_morphology
from moderation.vectors import VectorTable, load_english, load_russian

MAGIC = b"LIVELINE-ENGINE-SNAPSHOT\n"
# The packages whose data the engine's state is derived from.
_MODEL_PACKAGES = (
    "pymorphy3",
    "pymorphy3-dicts-ru",
    "wordfreq",
    "snowballstemmer",
    "numpy",
)
_MORPHOLOGY = "morphology"
_RUSSIAN = "russian-vectors"
_ENGLISH = "english-vectors"


class SnapshotMismatch(ModerationError):
    """The snapshot was written by other code, models or settings, or is damaged."""


@cache
def code_fingerprint() -> str:
    """The fingerprint of the installed moderation code and its models."""
    return fingerprint_of(Path(__file__).parent)


def fingerprint_of(sources: Path) -> str:
    """A digest of the ``.py`` and data files in ``sources`` and of the models'
    versions."""
    digest = hashlib.sha256()
    for path in sorted([*sources.glob("*.py"), *sources.glob("data/*")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for package in _MODEL_PACKAGES:
        try:
            version = metadata.version(package)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{package}={version};".encode())
    return digest.hexdigest()


def save(engine: Engine, stream: IO[bytes], *, label: str = "") -> None:
    """Write ``engine`` to ``stream`` with the code's fingerprint and ``label``."""
    stream.write(MAGIC)
    header = {"code": code_fingerprint(), "label": label}
    pickle.dump(header, stream, protocol=pickle.HIGHEST_PROTOCOL)
    _ModelsOut(stream, protocol=pickle.HIGHEST_PROTOCOL).dump(engine)


def load(stream: IO[bytes], *, label: str = "") -> Engine:
    """Read an engine written by :func:`save` with the same code and ``label``.

    Raises:
        SnapshotMismatch: another kind of file, a snapshot of other code or
            models, another label, or a damaged or truncated snapshot.
    """
    if stream.read(len(MAGIC)) != MAGIC:
        raise SnapshotMismatch("not an engine snapshot")
    try:
        header = pickle.load(stream)
        if not isinstance(header, dict):
            raise SnapshotMismatch("the snapshot header is damaged")
        if header.get("code") != code_fingerprint():
            raise SnapshotMismatch("the snapshot was written by other code or models")
        if header.get("label") != label:
            raise SnapshotMismatch(
                f"the snapshot is of {header.get('label')!r}, not {label!r}"
            )
        engine = _ModelsIn(stream).load()
    except SnapshotMismatch:
        raise
    except Exception as exc:  # noqa: BLE001 - unpickling fails in many ways
        raise SnapshotMismatch(f"the snapshot is damaged: {exc!r}") from exc
    if not isinstance(engine, Engine):
        raise SnapshotMismatch("the snapshot holds no engine")
    return engine


def dumps(engine: Engine, *, label: str = "") -> bytes:
    """:func:`save` into bytes."""
    buffer = io.BytesIO()
    save(engine, buffer, label=label)
    return buffer.getvalue()


def loads(data: bytes, *, label: str = "") -> Engine:
    """:func:`load` from bytes."""
    return load(io.BytesIO(data), label=label)


class _ModelsOut(pickle.Pickler):
    # The shared models are written as a name and put back on loading.
    def persistent_id(self, obj: Any) -> str | None:
        if isinstance(obj, Morphology):
            return _MORPHOLOGY
        if isinstance(obj, VectorTable):
            if obj is load_russian():
                return _RUSSIAN
            if obj is load_english():
                return _ENGLISH
        return None


class _ModelsIn(pickle.Unpickler):
    def persistent_load(self, pid: Any) -> Any:
        if pid == _MORPHOLOGY:
            return shared_morphology()
        if pid == _RUSSIAN:
            return load_russian()
        if pid == _ENGLISH:
            return load_english()
        raise pickle.UnpicklingError(f"unknown model {pid!r}")
