"""The health check the load balancer asks: 200 when storage answers, else 503.

Unreachable servers are addresses where nothing listens (port 1 of 127.0.0.1),
so a refusal comes at once and no test waits for a timeout.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from serving import REDIS_URL
from starlette.testclient import TestClient
from support import isolated_settings

from liveline.app import create_app
from liveline.settings import Settings

UNREACHABLE_DATABASE_URL = "postgresql://127.0.0.1:1/x"
UNREACHABLE_REDIS_URL = "redis://127.0.0.1:1/0"


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    """A migrated, empty SQLite database of this test alone."""
    path = tmp_path / "liveline.sqlite3"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


def make_settings(tmp_path: Path, **fields: Any) -> Settings:
    values: dict[str, Any] = {
        "data_dir": tmp_path / "data",
        "redis_url": None,
        **fields,
    }
    return isolated_settings(**values)


def check_health(settings: Settings) -> tuple[int, dict[str, Any]]:
    """Start an application on ``settings`` and ask it ``/healthz`` once."""
    with TestClient(create_app(settings)) as client:
        response = client.get("/healthz")
    return response.status_code, response.json()


def test_healthz_answers_ok_when_the_database_answers(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}}


def test_healthz_answers_503_naming_the_database_when_it_is_unreachable(
    tmp_path: Path,
) -> None:
    settings = make_settings(tmp_path, database_url=UNREACHABLE_DATABASE_URL)
    status, body = check_health(settings)
    assert status == 503
    assert body["status"] == "unavailable"
    assert body["checks"]["database"].startswith("database: ")
    assert body["checks"]["database"] != "ok"
    assert body["reason"].startswith("database: ")
    assert "redis" not in body["checks"]


def test_healthz_answers_503_naming_redis_when_it_is_unreachable(
    tmp_path: Path, sqlite_url: str
) -> None:
    settings = make_settings(
        tmp_path, database_url=sqlite_url, redis_url=UNREACHABLE_REDIS_URL
    )
    status, body = check_health(settings)
    assert status == 503
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["redis"] != "ok"
    assert body["reason"].startswith("redis: ")
    assert "database" not in body["reason"]


def test_healthz_names_every_failed_check_in_its_reason(tmp_path: Path) -> None:
    settings = make_settings(
        tmp_path,
        database_url=UNREACHABLE_DATABASE_URL,
        redis_url=UNREACHABLE_REDIS_URL,
    )
    status, body = check_health(settings)
    assert status == 503
    assert set(body["checks"]) == {"database", "redis"}
    assert "database: " in body["reason"] and "redis: " in body["reason"]


@pytest.mark.redis
def test_healthz_answers_ok_when_the_database_and_redis_answer(
    tmp_path: Path, sqlite_url: str
) -> None:
    settings = make_settings(tmp_path, database_url=sqlite_url, redis_url=REDIS_URL)
    status, body = check_health(settings)
    assert status == 200, body
    assert body["checks"] == {"database": "ok", "redis": "ok"}


def test_every_route_answers_503_not_500_while_the_database_is_down(
    tmp_path: Path,
) -> None:
    settings = make_settings(tmp_path, database_url="postgresql://127.0.0.1:1/x")
    with TestClient(create_app(settings)) as client:
        posted = client.post("/api/events/any/submissions", json={"text": "?"})
        assert posted.status_code == 503
        assert posted.json()["code"] == "storage_unavailable"
        assert posted.headers["Retry-After"] == "5"
        assert client.get("/api/submissions/AAAA-BBBB-CCCC").status_code == 503
        page = client.get("/e/any")
        assert page.status_code == 503 and "Сервис перегружен" in page.text
        assert client.get("/").status_code == 503
