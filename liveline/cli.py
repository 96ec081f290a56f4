"""The ``liveline`` command: serve, run the demo, migrate, manage events, run workers.

Each sub-command reads the settings from the environment (``LIVELINE_*`` and
``.env``) and reports problems as one clear line and a non-zero exit status.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import logging.config
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import click
import uvicorn

from liveline import db
from liveline.events import KINDS, EventError, create_event, list_events, update_event
from liveline.models import Event
from liveline.settings import Settings
from realtime.bus import connect_bus

logger = logging.getLogger(__name__)


def _settings() -> Settings:
    try:
        return Settings()
    except ValueError as exc:
        raise click.ClickException(f"invalid settings: {exc}") from exc


LOG_CONFIG: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}
    },
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"level": "INFO", "handlers": ["stderr"]},
    # pymorphy3 announces every dictionary it loads; that is not news.
    "loggers": {"pymorphy3": {"level": "WARNING"}},
}


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log debugging detail.")
def main(verbose: bool) -> None:
    """Liveline: questions from citizens to a live broadcast."""
    logging.config.dictConfig(LOG_CONFIG)
    if verbose:
        logging.getLogger().setLevel(logging.DEBUG)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--workers", default=1, show_default=True, type=int, help="Web processes."
)
def serve(host: str, port: int, workers: int) -> None:
    """Serve Liveline: the pages, the API and the background work.

    In the embedded mode the clusterer runs beside the web process, started and
    stopped with it; in production it is a process of its own.
    """
    settings = _settings()
    _check_workers(settings, workers)
    _migrate(settings)
    _run_web(settings, host, port, workers)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def demo(host: str, port: int) -> None:
    """Serve Liveline with a demo event (slug ``demo``) ready to click through."""
    from liveline.demo import commands_to_try, install_demo, pages_to_open

    settings = _settings()
    _migrate(settings)
    codes = install_demo(settings)
    base = f"http://{host}:{port}"
    click.echo("\nLiveline demo is starting. Open:\n")
    for label, path in pages_to_open(codes):
        click.echo(f"  {label:<34} {base}{path}")
    click.echo("\nIn another terminal, in this directory:\n")
    for label, command in commands_to_try():
        click.echo(f"  {label:<34} {command}")
    click.echo(
        f"\nStop with Ctrl+C. Data is kept in {settings.resolved_database_url()}\n"
    )
    _run_web(settings, host, port, 1)


@main.command()
def migrate() -> None:
    """Bring the database schema up to date (safe to run on every deploy)."""
    _migrate(_settings())


@main.command()
@click.option("--queue", "queues", multiple=True, help="Queues to work on.")
@click.option("--burst", is_flag=True, help="Stop when the queues are empty.")
def worker(queues: tuple[str, ...], burst: bool) -> None:
    """Run a job worker on Redis (production mode)."""
    from realtime.jobs import run_worker

    settings = _settings()
    if not settings.redis_url:
        raise click.ClickException(
            "a worker needs LIVELINE_REDIS_URL; the embedded mode runs jobs in "
            "the web process"
        )
    run_worker(settings.redis_url, list(queues) or None, burst=burst)


@main.command()
@click.option("--parent", type=int, hidden=True, help="Stop when this process is gone.")
def clusterer(parent: int | None) -> None:
    """Cluster the questions of every event whose lock this process can take.

    Run one or more of these in production, on any machines: each event is
    clustered by one of them at a time, and another takes over if it dies.
    """
    from liveline.clustering import ClusteringService
    from liveline.locks import locks_for

    settings = _settings()
    database = db.create_engine(settings.resolved_database_url())
    bus = connect_bus(settings.redis_url)
    orphaned = (lambda: os.getppid() != parent) if parent else None
    service = ClusteringService(
        database,
        bus,
        locks_for(database, settings.data_dir),
        poll_interval=1.0,
        should_stop=orphaned,
        snapshot_dir=settings.resolved_snapshot_dir(),
        snapshot_interval=settings.snapshot_interval,
    )
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(service.run())
    logger.info("clusterer stopped")


@main.command("clusters")
@click.argument("slug")
@click.option("--top", default=20, show_default=True, type=int)
def show_clusters(slug: str, top: int) -> None:
    """Print the largest clusters of the event SLUG, as moderators see them.

    Heat is how many questions a cluster received in the last ten minutes for
    each one of the ten minutes before: above 1 it is growing.
    """
    from liveline.moderation_view import largest_clusters, merge_suggestions

    settings = _settings()
    database = db.create_engine(settings.resolved_database_url())
    try:
        rows = largest_clusters(database, slug, top)
        suggestions = merge_suggestions(database, slug)
    except LookupError as exc:
        raise click.ClickException(str(exc)) from exc
    for row in rows:
        places = ", ".join(f"{name} {count}" for name, count in row.top_places(3))
        click.echo(f"{row.key:>6} {row.size:>6}  {row.representative[:70]}")
        click.echo(
            f"{'':>14}{row.topic or '-'} | {places or '-'} | videos {row.video_count}"
            f" | heat {row.heat:.1f}"
        )
    if suggestions:
        click.echo("\nProbably the same question:")
    for suggestion in suggestions[:top]:
        click.echo(
            f"  {suggestion.first_key} + {suggestion.second_key} "
            f"({suggestion.score:.2f}): {suggestion.reason}"
        )


def _check_workers(settings: Settings, workers: int) -> None:
    if workers < 1:
        raise click.ClickException("--workers must be at least 1")
    if workers > 1 and settings.is_embedded:
        raise click.ClickException(
            "several web processes need PostgreSQL and Redis "
            "(LIVELINE_DATABASE_URL and LIVELINE_REDIS_URL); "
            "the embedded mode runs in one process"
        )


def _migrate(settings: Settings) -> None:
    try:
        db.migrate(settings.resolved_database_url())
    except Exception as exc:  # noqa: BLE001 - reported to the operator as one line
        raise click.ClickException(f"could not migrate the database: {exc}") from exc


def _run_web(settings: Settings, host: str, port: int, workers: int) -> None:
    clusterer = _start_embedded_clusterer() if settings.is_embedded else None
    try:
        uvicorn.run(
            "liveline.app:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            proxy_headers=True,
            access_log=False,
            log_config=LOG_CONFIG,
        )
    finally:
        if clusterer is not None:
            clusterer.terminate()
            clusterer.wait(10)


def _start_embedded_clusterer() -> subprocess.Popen[bytes]:
    # Clustering is CPU-bound: in the web process it would hold the GIL and
    # halve the intake (measured by bench/intake.py), so it gets a process of
    # its own, and follows the web process in and out of life. It runs at the
    # lowest priority: accepting a question comes first, and clustering may
    # lag behind a burst and catch up from the database. At nice 10 it still
    # took half a core from a saturated web process and pushed the p99 at
    # 1,000/s after a burst past 100 ms (bench/intake.py); at 19, 10 ms.
    command = [sys.executable, "-m", "liveline.cli", "clusterer"]
    return subprocess.Popen(
        [*command, "--parent", str(os.getpid())], preexec_fn=lambda: os.nice(19)
    )


@main.group()
def event() -> None:
    """Create, edit and list events."""


def _moment(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(
            f"{value!r} is not a date and time like 2026-12-15T12:00"
        ) from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _event_fields(options: dict[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name in ("title", "kind", "timezone", "answer_deadline_days", "accepts_video"):
        if options.get(name) is not None:
            fields[name] = options[name]
    for name in ("opens_at", "closes_at", "broadcast_starts_at", "broadcast_ends_at"):
        if options.get(name) is not None:
            fields[name] = _moment(options[name])
    if options.get("languages"):
        fields["languages"] = [lang.strip() for lang in options["languages"].split(",")]
    for name in ("municipalities", "topics"):
        if options.get(name):
            fields[name] = list(options[name])
    return fields


def _event_options(create: bool) -> Any:
    def decorate(function: Any) -> Any:
        options = [
            click.option("--title", required=create),
            click.option(
                "--kind",
                type=click.Choice(KINDS),
                default="direct_line" if create else None,
            ),
            click.option(
                "--languages", help="Comma-separated, the event's own first: ru,en"
            ),
            click.option("--timezone", help="Such as Asia/Yekaterinburg"),
            click.option("--opens-at", "opens_at", help="Intake opens (ISO date-time)"),
            click.option("--closes-at", "closes_at", help="Intake closes"),
            click.option("--broadcast-starts-at", "broadcast_starts_at"),
            click.option("--broadcast-ends-at", "broadcast_ends_at"),
            click.option("--deadline-days", "answer_deadline_days", type=int),
            click.option("--municipality", "municipalities", multiple=True),
            click.option("--topic", "topics", multiple=True),
            click.option("--video/--no-video", "accepts_video", default=None),
        ]
        for option in reversed(options):
            function = option(function)
        return function

    return decorate


@event.command("create")
@click.argument("slug")
@_event_options(create=True)
def event_create(slug: str, **options: Any) -> None:
    """Create the event SLUG."""
    settings = _settings()
    _migrate(settings)
    created = _save_event(create_event, settings, slug, options)
    click.echo(f"created event {created.slug}: /e/{created.slug}")


@event.command("edit")
@click.argument("slug")
@_event_options(create=False)
def event_edit(slug: str, **options: Any) -> None:
    """Change fields of the event SLUG."""
    changed = _save_event(update_event, _settings(), slug, options)
    click.echo(f"updated event {changed.slug}")


def _save_event(
    save: Callable[..., Event], settings: Settings, slug: str, options: dict[str, Any]
) -> Event:
    database = db.create_engine(settings.resolved_database_url())
    try:
        return save(database, slug, **_event_fields(options))
    except EventError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        database.dispose()


@event.command("list")
def event_list() -> None:
    """List the events."""
    settings = _settings()
    now = datetime.now(UTC)
    for item in list_events(db.create_engine(settings.resolved_database_url())):
        state = "open" if item.is_open(now) else "closed"
        click.echo(f"{item.slug:<24} {state:<7} {item.kind:<16} {item.title}")


@main.command(
    "cluster",
    add_help_option=False,
    context_settings={"ignore_unknown_options": True},
)
@click.argument("arguments", nargs=-1, type=click.UNPROCESSED)
def cluster(arguments: tuple[str, ...]) -> None:
    """Screen, deduplicate and cluster INPUT.jsonl (see `liveline cluster --help`)."""
    # Imported here: the engine's modules are needed by this command alone.
    from moderation.cli import cluster_command

    cluster_command.main(list(arguments), prog_name="liveline cluster")


if __name__ == "__main__":
    sys.exit(main())
