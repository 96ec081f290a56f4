"""Fixtures shared by the whole suite: databases, settings, applications, events.

Storage tests run twice, on SQLite and on the PostgreSQL server named by
``LIVELINE_TEST_POSTGRES_URL``; Redis tests use ``LIVELINE_TEST_REDIS_URL``.
With ``LIVELINE_TEST_SERVICES=required`` (what ``.ci/run`` sets) a missing
server makes those tests fail. Without it, on a laptop with no servers, the
tests that need one are left out and the summary says so.
"""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from starlette.testclient import TestClient
from support import isolated_settings

from liveline import db
from liveline.app import create_app
from liveline.clock import utcnow
from liveline.events import create_event
from liveline.models import Event
from liveline.settings import Settings

POSTGRES_URL = os.environ.get(
    "LIVELINE_TEST_POSTGRES_URL", "postgresql://127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("LIVELINE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
SERVICES_REQUIRED = os.environ.get("LIVELINE_TEST_SERVICES") == "required"
TABLES = (
    "idempotency_records",
    "contacts",
    "clusters",
    "merge_suggestions",
    "submissions",
    "events",
)


def _answers(url: str, default_port: int) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection(
            (parts.hostname or "127.0.0.1", parts.port or default_port), timeout=1
        ):
            return True
    except OSError:
        return False


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    if SERVICES_REQUIRED:
        return
    missing = {
        name
        for name, url, port in (
            ("postgres", POSTGRES_URL, 5432),
            ("redis", REDIS_URL, 6379),
        )
        if not _answers(url, port)
    }
    if not missing:
        return
    kept: list[pytest.Item] = []
    left_out: list[pytest.Item] = []
    for item in items:
        needs = {marker.name for marker in item.iter_markers()} & missing
        (left_out if needs else kept).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept
        config._liveline_left_out = (sorted(missing), len(left_out))  # type: ignore[attr-defined]


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    left_out = getattr(config, "_liveline_left_out", None)
    if left_out:
        servers, count = left_out
        terminalreporter.write_line(
            f"liveline: {count} tests left out, no server answered for: "
            f"{', '.join(servers)}; LIVELINE_TEST_SERVICES=required makes them fail"
        )


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file migrated once, copied for each test."""
    path = tmp_path_factory.mktemp("template") / "liveline.sqlite3"
    db.migrate(f"sqlite:///{path}")
    return path


_postgres_migrated = False


def _fresh_postgres() -> str:
    global _postgres_migrated
    if not _postgres_migrated:
        db.migrate(POSTGRES_URL)
        _postgres_migrated = True
    engine = db.create_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(
            sa.text(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")
        )
    engine.dispose()
    return POSTGRES_URL


@pytest.fixture(
    params=[
        pytest.param("sqlite"),
        pytest.param("postgres", marks=pytest.mark.postgres),
    ]
)
def database_url(
    request: pytest.FixtureRequest, sqlite_template: Path, tmp_path: Path
) -> str:
    """A migrated, empty database: an SQLite file, then the PostgreSQL server."""
    if request.param == "sqlite":
        path = tmp_path / "liveline.sqlite3"
        shutil.copy(sqlite_template, path)
        return f"sqlite:///{path}"
    return _fresh_postgres()


@pytest.fixture
def postgres_url() -> str:
    """The PostgreSQL server's URL."""
    return POSTGRES_URL


@pytest.fixture
def postgres_engine() -> Iterator[Engine]:
    """An engine on the migrated, emptied PostgreSQL database (PostgreSQL only)."""
    engine = db.create_engine(_fresh_postgres())
    yield engine
    engine.dispose()


@pytest.fixture
def redis_url() -> str:
    """The Redis server's URL (a database number of its own, for tests)."""
    return REDIS_URL


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = db.create_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """Embedded-mode settings on the test database, with generous rate limits."""
    return isolated_settings(
        data_dir=tmp_path / "data",
        database_url=database_url,
        redis_url=None,
        rate_limit_per_ip="10000/minute",
        rate_limit_per_contact="10000/minute",
    )


@pytest.fixture
def make_event(engine: Engine) -> Callable[..., Event]:
    """Create an event open for questions now, with any field overridden."""

    def make(slug: str = "town-hall", **fields: Any) -> Event:
        now = utcnow()
        values: dict[str, Any] = {
            "title": "Прямая линия с губернатором",
            "languages": ["ru", "en"],
            "timezone": "Asia/Yekaterinburg",
            "opens_at": now - timedelta(hours=1),
            "closes_at": now + timedelta(days=1),
            "municipalities": ["Сургут", "Нягань", "Мегион"],
            "topics": ["ЖКХ", "Образование"],
        }
        values.update(fields)
        return create_event(engine, slug, **values)

    return make


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    """A client of a running Liveline application on the test database."""
    with TestClient(create_app(settings)) as test_client:
        yield test_client
