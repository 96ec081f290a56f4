"""The ``liveline`` command: events, migrations and refusals an operator can hit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from support import isolated_settings

from liveline import db
from liveline.cli import main
from liveline.demo import QUESTIONS, SLUG, install_demo, pages_to_open
from liveline.events import find_event

Run = Callable[..., Result]


@pytest.fixture
def run(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LIVELINE_DATABASE_URL", database_url)
    monkeypatch.delenv("LIVELINE_REDIS_URL", raising=False)
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


def test_event_create_edit_and_list(run: Run, database_url: str) -> None:
    created = run(
        "event",
        "create",
        "surgut-2026",
        "--title",
        "Прямая линия",
        "--languages",
        "ru,en",
        "--timezone",
        "Asia/Yekaterinburg",
        "--opens-at",
        "2026-01-01T09:00",
        "--closes-at",
        "2030-01-01T09:00",
        "--municipality",
        "Сургут",
        "--municipality",
        "Нягань",
        "--topic",
        "ЖКХ",
        "--deadline-days",
        "7",
        "--video",
    )
    assert created.exit_code == 0, created.output
    edited = run("event", "edit", "surgut-2026", "--title", "Прямая линия 2026")
    assert edited.exit_code == 0, edited.output
    listed = run("event", "list")
    assert "surgut-2026" in listed.output and "open" in listed.output

    event = find_event(db.create_engine(database_url), "surgut-2026")
    assert event is not None
    assert event.title == "Прямая линия 2026"
    assert event.municipalities == ["Сургут", "Нягань"]
    assert event.answer_deadline_days == 7 and event.accepts_video


def test_event_create_refuses_bad_input_in_one_line(run: Run) -> None:
    cases = [
        (["Bad Slug", "--title", "x"], "slug"),
        (["ok", "--title", "x", "--languages", "de"], "languages"),
        (["ok", "--title", "x", "--timezone", "Mars/Olympus"], "time zone"),
        (["ok", "--title", "x", "--opens-at", "tomorrow"], "date and time"),
        (
            [
                "ok",
                "--title",
                "x",
                "--opens-at",
                "2026-02-01",
                "--closes-at",
                "2026-01-01",
            ],
            "end after",
        ),
        (["ok", "--title", "x", "--deadline-days", "0"], "deadline"),
    ]
    for args, fragment in cases:
        result = run("event", "create", *args)
        assert result.exit_code != 0
        assert fragment in result.output, result.output
        assert "Traceback" not in result.output


def test_event_slug_must_be_unique(run: Run) -> None:
    assert run("event", "create", "once", "--title", "x").exit_code == 0
    again = run("event", "create", "once", "--title", "y")
    assert again.exit_code != 0 and "exists already" in again.output


def test_editing_a_missing_event_says_so(run: Run) -> None:
    result = run("event", "edit", "nowhere", "--title", "x")
    assert result.exit_code != 0 and "no event" in result.output


def test_several_web_workers_need_postgresql_and_redis(run: Run) -> None:
    result = run("serve", "--workers", "2")
    assert result.exit_code != 0 and "PostgreSQL and Redis" in result.output


def test_worker_needs_redis(run: Run) -> None:
    result = run("worker")
    assert result.exit_code != 0 and "LIVELINE_REDIS_URL" in result.output


def test_invalid_settings_are_reported_in_one_line(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIVELINE_RATE_LIMIT_PER_IP", "many")
    result = run("migrate")
    assert result.exit_code != 0 and "invalid settings" in result.output


def test_unreachable_database_fails_migration_clearly(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIVELINE_DATABASE_URL", "postgresql://127.0.0.1:1/nowhere")
    result = run("migrate")
    assert result.exit_code != 0 and "could not migrate" in result.output


def test_demo_installs_an_open_event_with_questions_once(
    database_url: str, tmp_path: Path
) -> None:
    settings = isolated_settings(data_dir=tmp_path, database_url=database_url)
    codes = install_demo(settings)
    assert len(codes) == len(QUESTIONS)
    assert install_demo(settings) == codes, "running the demo again adds nothing"
    event = find_event(db.create_engine(database_url), SLUG)
    assert event is not None and event.is_open(event.opens_at)
    paths = dict(pages_to_open(codes)).values()
    assert f"/s/{codes[0]}" in paths and "/e/demo" in paths
