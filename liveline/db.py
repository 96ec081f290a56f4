"""Connections to the database and its migrations.

The database is Liveline's source of truth. SQLite serves one process (the
embedded mode); PostgreSQL serves any number of web processes and workers.
Errors of SQLAlchemy are mapped here to :class:`StorageUnavailable`, which the
web layer answers with 503 and a request to try again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")


class StorageUnavailable(RuntimeError):
    """The database did not answer; nothing was stored."""


def create_engine(url: str) -> Engine:
    """An engine for ``url``, tuned for Liveline's way of writing.

    SQLite runs in WAL mode with full synchronous commits: a commit returns only
    once it is on disk, which is what "accepted" promises. Group commits keep
    that affordable.
    """
    url = _normalise_url(url)
    if url.startswith("sqlite"):
        _ensure_sqlite_dir(url)
        engine = sa.create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            pool_size=8,
            max_overflow=8,
        )
        sa.event.listen(engine, "connect", _configure_sqlite)
        return engine
    return sa.create_engine(url, pool_size=10, max_overflow=10, pool_pre_ping=True)


def _normalise_url(url: str) -> str:
    # SQLAlchemy picks psycopg2 for a bare postgresql:// URL; Liveline ships psycopg 3.
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _ensure_sqlite_dir(url: str) -> None:
    path = sa.engine.make_url(url).database
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session committed at the end of the block, rolled back on error.

    Raises:
        StorageUnavailable: the database could not be reached.
    """
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except sa.exc.OperationalError as exc:
        session.rollback()
        raise StorageUnavailable("the database did not answer") from exc
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def check(engine: Engine) -> None:
    """Ask the database a trivial question.

    Raises:
        StorageUnavailable: it did not answer.
    """
    try:
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError as exc:
        raise StorageUnavailable(f"database: {exc.__class__.__name__}") from exc


def alembic_config(url: str) -> Config:
    """Alembic's configuration for Liveline's migrations on ``url``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", _normalise_url(url).replace("%", "%%"))
    return config


def migrate(url: str) -> None:
    """Bring the database at ``url`` up to the latest schema."""
    logger.info("migrating the database to the latest schema")
    if url.startswith("sqlite"):
        _ensure_sqlite_dir(url)
    command.upgrade(alembic_config(url), "head")
