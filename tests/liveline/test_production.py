"""The production arrangement in one test process: PostgreSQL, Redis bus, RQ jobs."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from support import isolated_settings

from liveline.announce import submissions_stream
from liveline.app import create_app
from liveline.models import Event
from realtime.bus import connect_bus
from realtime.jobs import RQJobRunner

pytestmark = [pytest.mark.redis]


def test_submission_is_announced_on_the_redis_stream(
    database_url: str,
    redis_url: str,
    tmp_path: Path,
    make_event: Callable[..., Event],
) -> None:
    event = make_event()
    stream = submissions_stream(event.id or 0)

    async def last_id() -> str:
        bus = connect_bus(redis_url)
        try:
            entries = await bus.read(stream, "0", count=100_000)
            return entries[-1][0] if entries else "0"
        finally:
            await bus.close()

    before = asyncio.run(last_id())
    settings = isolated_settings(
        data_dir=tmp_path,
        database_url=database_url,
        redis_url=redis_url,
        rate_limit_per_ip="1000/minute",
    )
    with TestClient(create_app(settings)) as client:
        assert isinstance(client.app.state.services.jobs, RQJobRunner)  # type: ignore[attr-defined]
        assert client.get("/healthz").json()["checks"] == {
            "database": "ok",
            "redis": "ok",
        }
        response = client.post(
            f"/api/events/{event.slug}/submissions", json={"text": "?"}
        )
        assert response.status_code == 201

    async def announced_after() -> list[str]:
        bus = connect_bus(redis_url)
        try:
            entries = await bus.read(stream, before, block_ms=2000)
            return [message["ids"] for _, message in entries]
        finally:
            await bus.close()

    assert (
        asyncio.run(announced_after()) == ["1"]
        or len(asyncio.run(announced_after())) == 1
    )
