"""Accepted means stored, checked on real server processes.

A crowd of clients posts questions to a real ``liveline serve``; the server is
killed (SIGKILL) in the middle of the load, and every tracking code that was
answered 201 must then be found in the database, read directly. A restart with
SIGTERM keeps the status pages of questions sent by the API and by the form.
Both run on SQLite (the embedded mode) and on PostgreSQL with Redis and two web
processes (the production mode), in a schema of the test database of their own.
"""

from __future__ import annotations

import asyncio
import re
import signal
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from serving import (
    REDIS_URL,
    LivelineServer,
    create_open_event,
    liveline_env,
    private_postgres,
    serving,
)

from liveline import db

SLUG = "direct-line"
POSTERS = 32
LOAD_S = 1.5
HIGH_LIMITS = {
    "rate_limit_per_ip": "1000000/minute",
    "rate_limit_per_contact": "1000000/minute",
}


@dataclass
class Backend:
    """Where a server under test keeps its data, and how many processes it runs."""

    directory: Path
    env: dict[str, str]
    database_url: str
    workers: int


@pytest.fixture(
    params=[
        pytest.param("sqlite"),
        pytest.param(
            "postgres",
            marks=[pytest.mark.postgres, pytest.mark.redis],
        ),
    ]
)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    """An empty database with one open event, on SQLite or on PostgreSQL + Redis."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'data' / 'liveline.sqlite3'}"
        env = liveline_env(tmp_path, database_url=url, **HIGH_LIMITS)
        chosen = Backend(tmp_path, env, url, workers=1)
        create_open_event(tmp_path, env, SLUG)
        yield chosen
        return

    with private_postgres() as url:
        env = liveline_env(
            tmp_path, database_url=url, redis_url=REDIS_URL, **HIGH_LIMITS
        )
        create_open_event(tmp_path, env, SLUG)
        yield Backend(tmp_path, env, url, workers=2)


def stored_codes(database_url: str) -> set[str]:
    """The tracking codes in the database, read without any server."""
    engine = db.create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(sa.text("SELECT tracking_code FROM submissions"))
            return {row[0] for row in rows}
    finally:
        engine.dispose()


@dataclass
class Load:
    """What the clients were told while the server ran."""

    accepted: list[str] = field(default_factory=list)
    refused: Counter[int] = field(default_factory=Counter)
    failed: int = 0


async def post_then_kill(server: LivelineServer, seconds: float) -> Load:
    """Post from ``POSTERS`` clients for ``seconds``, then kill the server."""
    load = Load()
    stop = asyncio.Event()
    limits = httpx.Limits(max_connections=POSTERS, max_keepalive_connections=POSTERS)
    path = f"/api/events/{SLUG}/submissions"

    async def poster(client: httpx.AsyncClient, number: int) -> None:
        sent = 0
        while not stop.is_set():
            sent += 1
            question = {
                "text": f"Клиент {number}, вопрос {sent}",
                "municipality": "Сургут",
            }
            try:
                response = await client.post(path, json=question)
            except httpx.HTTPError:
                load.failed += 1
                continue
            if response.status_code == 201:
                load.accepted.append(response.json()["tracking_code"])
            else:
                load.refused[response.status_code] += 1

    async with httpx.AsyncClient(
        base_url=server.base_url, timeout=5.0, limits=limits
    ) as client:
        posters = [asyncio.create_task(poster(client, n)) for n in range(POSTERS)]
        await asyncio.sleep(seconds)
        # Killed from the event loop itself, which is blocked meanwhile: every
        # poster has a request in flight when the signal lands.
        exit_status = server.kill()
        stop.set()
        await asyncio.wait_for(asyncio.gather(*posters), timeout=15)
    assert exit_status == -signal.SIGKILL
    return load


@pytest.mark.slow
def test_every_acknowledged_submission_is_in_the_database_after_a_kill(
    backend: Backend,
) -> None:
    server = LivelineServer(backend.directory, backend.env, workers=backend.workers)
    try:
        server.start()
        load = asyncio.run(post_then_kill(server, LOAD_S))
    finally:
        server.kill()

    assert not load.refused, f"refusals under load: {dict(load.refused)}"
    assert len(load.accepted) >= 50, f"too little load: {len(load.accepted)}"
    assert len(set(load.accepted)) == len(load.accepted)
    lost = set(load.accepted) - stored_codes(backend.database_url)
    assert not lost, f"{len(lost)} of {len(load.accepted)} acknowledged codes lost"


def post_by_api(client: httpx.Client, text: str) -> str:
    response = client.post(
        f"/api/events/{SLUG}/submissions", json={"text": text, "municipality": "Нягань"}
    )
    assert response.status_code == 201, response.text
    code: str = response.json()["tracking_code"]
    return code


def post_by_form(client: httpx.Client, text: str) -> str:
    form = client.get(f"/e/{SLUG}")
    key = re.search(r'name="idempotency_key" value="([0-9a-f]+)"', form.text)
    assert key, "the form carries an idempotency key"
    response = client.post(
        f"/e/{SLUG}",
        data={"text": text, "municipality": "Сургут", "idempotency_key": key[1]},
    )
    assert response.status_code == 303, response.text
    found = re.search(r"/s/([0-9A-Z-]+)\?accepted=1$", response.headers["location"])
    assert found, response.headers["location"]
    return found[1]


@pytest.mark.slow
def test_questions_sent_by_api_and_form_survive_a_restart(backend: Backend) -> None:
    questions = {
        "api": "Когда отремонтируют дорогу на улице Ленина в Нягани?",
        "form": "Почему в школе №5 Сургута до сих пор холодно?",
    }
    with serving(backend.directory, backend.env, workers=backend.workers) as first:
        with httpx.Client(base_url=first.base_url, timeout=5.0) as client:
            codes = {
                "api": post_by_api(client, questions["api"]),
                "form": post_by_form(client, questions["form"]),
            }
        first.stop()
        # uvicorn ends a graceful shutdown by raising SIGTERM again on itself, so
        # the exit status says little; the log says each shutdown ran through.
        finished = first.log_tail().count("Application shutdown complete.")
        assert finished == backend.workers, first.log_tail()

    with (
        serving(backend.directory, backend.env, workers=backend.workers) as second,
        httpx.Client(base_url=second.base_url, timeout=5.0) as client,
    ):
        for channel, code in codes.items():
            page = client.get(f"/s/{code}")
            assert page.status_code == 200, channel
            assert questions[channel] in page.text, channel
            assert code in page.text, channel
