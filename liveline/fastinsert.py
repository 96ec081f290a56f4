"""INSERT statements compiled once by SQLAlchemy and run on the driver's own cursor.

The intake stores thousands of rows a second. Building each batch's INSERT
through SQLAlchemy's executemany machinery cost more than the rest of a
request (profiled with py-spy under ``bench/intake.py``), so the hot path
compiles its statements once per dialect and hands plain parameters to the
driver. SQLAlchemy still writes the SQL and converts the values, with the same
type processors it uses everywhere else, so rows read back exactly as if the
ORM had written them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Dialect


class FastInsert:
    """One table's INSERT of a fixed set of columns, optionally returning ids."""

    def __init__(
        self,
        table: sa.Table,
        columns: Sequence[str],
        dialect: Dialect,
        *,
        returning_id: bool = False,
    ) -> None:
        statement = table.insert()
        if returning_id:
            statement = statement.returning(table.c.id)
        compiled = statement.compile(dialect=dialect, column_keys=list(columns))
        self.sql = compiled.string
        self.columns = tuple(columns)
        self._positional = compiled.positional
        self._order = tuple(compiled.positiontup or ())
        self._dialect_name = dialect.name
        self._returning_id = returning_id
        self._processors: dict[str, Callable[[Any], Any]] = {}
        for name in self.columns:
            processor = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
            if processor is not None:
                self._processors[name] = processor

    def run(self, connection: Connection, rows: Sequence[dict[str, Any]]) -> list[int]:
        """Insert ``rows`` inside ``connection``'s transaction; their ids if asked.

        Raises whatever the driver raises (its ``IntegrityError`` on a
        duplicate key, for one): the caller maps driver errors.
        """
        if not rows:
            return []
        params = [self._parameters(row) for row in rows]
        cursor = connection.connection.cursor()
        try:
            if not self._returning_id:
                cursor.executemany(self.sql, params)
                return []
            if self._dialect_name == "postgresql":
                return self._returning_postgres(cursor, params)
            ids = []
            for one in params:
                cursor.execute(self.sql, one)
                ids.append(_returned_id(cursor))
            return ids
        finally:
            cursor.close()

    def _parameters(self, row: dict[str, Any]) -> Any:
        values = {name: row[name] for name in self.columns}
        for name, processor in self._processors.items():
            values[name] = processor(values[name])
        if self._positional:
            return tuple(values[name] for name in self._order)
        return values

    def _returning_postgres(self, cursor: Any, params: list[Any]) -> list[int]:
        # psycopg sends the rows in one pipeline and keeps one result a row.
        cursor.executemany(self.sql, params, returning=True)
        ids = [_returned_id(cursor)]
        while cursor.nextset():
            ids.append(_returned_id(cursor))
        return ids


def _returned_id(cursor: Any) -> int:
    row = cursor.fetchone()
    if row is None:
        raise RuntimeError("the database returned no id for an inserted row")
    return int(row[0])
