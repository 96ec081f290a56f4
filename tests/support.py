"""Small helpers the test modules share (importable: tests/ is on the path)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from liveline.settings import Settings


def isolated_settings(**values: Any) -> Settings:
    """Settings from ``values`` and defaults only: no environment file is read."""
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def count_rows(engine: Engine, table: sa.Table) -> int:
    """How many rows ``table`` holds."""
    with engine.connect() as connection:
        query = sa.select(sa.func.count()).select_from(table)
        return int(connection.execute(query).scalar_one())
