"""Liveline's settings: one object, read once at start-up.

Every value comes from a ``LIVELINE_``-prefixed environment variable or from a
``.env`` file in the working directory. The defaults run the embedded mode: an
SQLite file, an in-process bus and an in-process job runner, with nothing to
install or configure.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from liveline.ratelimit import parse_rate


class Settings(BaseSettings):
    """Configuration of one Liveline process.

    Nothing else in the code base reads ``os.environ``: pass this object (or the
    values it holds) to whatever needs them.
    """

    model_config = SettingsConfigDict(
        env_prefix="LIVELINE_", env_file=".env", extra="ignore"
    )

    data_dir: Path = Field(default=Path("liveline-data"))
    snapshot_dir: Path | None = None
    snapshot_interval: float = Field(default=300.0, gt=0)
    database_url: str = ""
    redis_url: str | None = None
    secret_key: str = ""
    base_url: str = "http://127.0.0.1:8000"

    rate_limit_per_ip: str = "120/minute"
    rate_limit_per_contact: str = "10/hour"
    max_body_bytes: int = 64 * 1024
    max_text_chars: int = 4000
    commit_batch_size: int = 256

    @field_validator("rate_limit_per_ip", "rate_limit_per_contact")
    @classmethod
    def _check_rate(cls, value: str) -> str:
        parse_rate(value)
        return value

    @field_validator("redis_url")
    @classmethod
    def _empty_redis_is_none(cls, value: str | None) -> str | None:
        return value or None

    @property
    def is_embedded(self) -> bool:
        """True when this process runs the bus and the jobs itself."""
        return self.redis_url is None

    def resolved_database_url(self) -> str:
        """The database URL, defaulting to an SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'liveline.sqlite3'}"

    def resolved_snapshot_dir(self) -> Path:
        """Where clusterers keep snapshots of their engines.

        A directory on storage every clusterer machine mounts lets one that
        takes over an event load the snapshot instead of replaying the event.
        """
        return self.snapshot_dir or self.data_dir / "snapshots"

    def resolved_secret_key(self) -> str:
        """The secret key; generated once and kept in the data directory when unset.

        A key generated here survives restarts, so signed links stay valid. Several
        machines must share one key: set ``LIVELINE_SECRET_KEY`` for production.
        """
        if self.secret_key:
            return self.secret_key
        path = self.data_dir / "secret_key"
        if not path.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            # Written aside and linked into place, so that web processes starting
            # together agree on one key and none reads a half-written file.
            draft = path.with_name(f"secret_key.{os.getpid()}")
            descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "w") as file:
                file.write(secrets.token_urlsafe(48))
            with contextlib.suppress(FileExistsError):
                os.link(draft, path)
            draft.unlink()
        return path.read_text().strip()
