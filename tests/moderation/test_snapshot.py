"""Engine snapshots: the same state back, refused when they cannot be trusted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from moderation import Engine
from moderation import snapshot as snapshots
from moderation.morphology import shared_morphology
from moderation.snapshot import SnapshotMismatch
from moderation.vectors import load_english, load_russian

DEVSET = Path(__file__).resolve().parents[2] / "bench" / "data" / "devset_ru.jsonl"


def records(count: int) -> list[dict]:
    with DEVSET.open(encoding="utf-8") as lines:
        return [json.loads(line) for _, line in zip(range(count), lines, strict=False)]


def feed(engine: Engine, items: list[dict]) -> list[tuple]:
    decided = []
    for number, record in enumerate(items):
        assignment = engine.add(
            record["id"],
            record["text"],
            municipality=record.get("municipality"),
            at=float(number),
        )
        decided.append((assignment.cluster, assignment.screening))
    return decided


def test_a_loaded_engine_goes_on_as_the_original_would() -> None:
    items = records(240)
    original = Engine()
    feed(original, items[:160])
    restored = snapshots.loads(snapshots.dumps(original, label="demo"), label="demo")

    assert restored.clusters() == original.clusters()
    assert restored.screened() == original.screened()
    assert feed(restored, items[160:]) == feed(original, items[160:])
    assert restored.clusters() == original.clusters()
    assert restored.suggest_merges() == original.suggest_merges()


def test_the_shared_models_are_not_copied_into_the_snapshot() -> None:
    engine = Engine()
    feed(engine, records(20))
    data = snapshots.dumps(engine)
    restored = snapshots.loads(data)
    assert restored._normalizer._morphology is shared_morphology()
    vectors = restored._vocabulary._vectors
    assert vectors is not None
    assert vectors._russian is load_russian()
    assert vectors._english is load_english()
    # Smaller than either table's vectors alone.
    tables = (load_russian(), load_english())
    assert len(data) < min(table._vectors.nbytes for table in tables)


def test_a_snapshot_of_another_label_is_refused() -> None:
    data = snapshots.dumps(Engine(), label="event 1")
    with pytest.raises(SnapshotMismatch, match="event 1"):
        snapshots.loads(data, label="event 2")


def test_a_snapshot_of_other_code_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    data = snapshots.dumps(Engine())
    monkeypatch.setattr(snapshots, "code_fingerprint", lambda: "another release")
    with pytest.raises(SnapshotMismatch, match="other code"):
        snapshots.loads(data)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: b"PK\x03\x04 a zip file",
        lambda data: data[: len(data) // 2],
        lambda data: snapshots.MAGIC + b"\x80\x05garbage",
    ],
    ids=["empty", "other file", "truncated", "damaged header"],
)
def test_a_damaged_snapshot_is_refused(damage) -> None:  # noqa: ANN001
    engine = Engine()
    feed(engine, records(20))
    with pytest.raises(SnapshotMismatch):
        snapshots.loads(damage(snapshots.dumps(engine)))


def test_any_change_to_the_sources_changes_the_fingerprint(tmp_path: Path) -> None:
    sources = Path(snapshots.__file__).parent
    (tmp_path / "data").mkdir()
    for path in [*sources.glob("*.py"), *sources.glob("data/*")]:
        (tmp_path / path.relative_to(sources)).write_bytes(path.read_bytes())
    assert snapshots.fingerprint_of(tmp_path) == snapshots.code_fingerprint()
    lexicon = tmp_path / "lexicon.py"
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "\n# edited\n")
    assert snapshots.fingerprint_of(tmp_path) != snapshots.code_fingerprint()


def test_other_word_vectors_change_the_fingerprint(tmp_path: Path) -> None:
    sources = Path(snapshots.__file__).parent
    (tmp_path / "data").mkdir()
    for path in [*sources.glob("*.py"), *sources.glob("data/*")]:
        (tmp_path / path.relative_to(sources)).write_bytes(path.read_bytes())
    table = next((tmp_path / "data").glob("*.npz"))
    table.write_bytes(table.read_bytes() + b"\0")
    assert snapshots.fingerprint_of(tmp_path) != snapshots.code_fingerprint()
