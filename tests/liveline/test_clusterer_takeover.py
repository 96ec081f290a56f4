"""Two `liveline clusterer` processes: the second takes over when the first dies."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from liveline.clock import utcnow
from liveline.events import create_event
from liveline.intake import Draft
from liveline.models import SUBMISSIONS, Event
from liveline.writer import SubmissionWriter

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow]


def start_clusterer(
    postgres_url: str, redis_url: str, data_dir: Path, **settings: str
) -> subprocess.Popen[bytes]:
    """A clusterer on its own data directory, its log in ``clusterer.log`` there."""
    data_dir.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "LIVELINE_DATABASE_URL": postgres_url,
        "LIVELINE_REDIS_URL": redis_url,
        "LIVELINE_DATA_DIR": str(data_dir),
        **{f"LIVELINE_{name.upper()}": value for name, value in settings.items()},
    }
    with (data_dir / "clusterer.log").open("wb") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "liveline.cli", "clusterer"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
            cwd=data_dir,
        )


def store(engine: Engine, event: Event, texts: list[str]) -> None:
    async def submit() -> None:
        with SubmissionWriter(engine) as writer:
            for text in texts:
                draft = Draft(
                    event.id or 0, text, None, None, None, "Сургут", None, "ru", False
                )
                await writer.submit(draft, channel="api", deadline_days=10)

    asyncio.run(submit())


def wait_until_clustered(
    engine: Engine, count: int, timeout: float = 40.0
) -> list[str]:
    deadline = time.monotonic() + timeout
    query = sa.select(SUBMISSIONS.c.cluster_key).where(
        SUBMISSIONS.c.clustered_seq.is_not(None)
    )
    while time.monotonic() < deadline:
        with engine.connect() as connection:
            keys = list(
                connection.execute(
                    query.order_by(SUBMISSIONS.c.clustered_seq)
                ).scalars()
            )
        if len(keys) >= count:
            return keys
        time.sleep(0.2)
    raise AssertionError(
        f"only {len(keys)} of {count} submissions were clustered in time"
    )


def test_second_clusterer_takes_over_when_the_first_is_killed(
    postgres_url: str, redis_url: str, tmp_path: Path, postgres_engine: Engine
) -> None:
    engine = postgres_engine
    now = utcnow()
    event = create_event(
        engine,
        "takeover",
        title="Прямая линия",
        opens_at=now - timedelta(hours=1),
        municipalities=["Сургут"],
    )
    # Two machines, one volume for snapshots that both mount.
    shared = {"snapshot_dir": str(tmp_path / "shared"), "snapshot_interval": "0.2"}
    first = start_clusterer(postgres_url, redis_url, tmp_path / "a", **shared)
    second = None
    try:
        store(engine, event, ["Когда отремонтируют дорогу на улице Ленина в Сургуте?"])
        [key] = wait_until_clustered(engine, 1)
        snapshot = tmp_path / "shared" / f"event-{event.id}.engine"
        deadline = time.monotonic() + 20
        while not snapshot.exists():
            assert time.monotonic() < deadline, "no snapshot was written"
            time.sleep(0.1)
        second = start_clusterer(postgres_url, redis_url, tmp_path / "b", **shared)
        time.sleep(2)
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        store(engine, event, ["Когда починят дорогу на ул. Ленина в Сургуте?"])
        keys = wait_until_clustered(engine, 2)
        assert keys == [key, key], "the successor rebuilt the clusters it took over"
        log = (tmp_path / "b" / "clusterer.log").read_text()
        assert "1 clustered submissions from the snapshot, 0 replayed" in log
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait(10)
