"""Multi-row INSERT statements, run on the driver's own cursor.

The intake stores thousands of rows a second. Building each batch's INSERT
through SQLAlchemy's executemany machinery cost more than the rest of a
request, and so did one ``execute`` a row (profiled with py-spy under
``bench/intake.py``): with SQLite every statement steps with the GIL released
and the writer thread must win it back from the event loop before the next.
So a batch goes in as one statement of many rows, ``INSERT ... VALUES (...),
(...), ...``, written once per row count and reused: the drivers keep their
prepared statements (SQLite's statement cache, psycopg's prepared queries) by
SQL text, and batches under a steady load come in a few sizes.

psycopg rewrites ``%s`` placeholders into PostgreSQL's ``$1`` in Python, and
caches the result only for statements under 4 KB and 50 parameters: a batch's
INSERT was parsed anew each time and that dominated the writer's profile. Its
``RawCursor`` takes ``$1`` placeholders as they are; :func:`open_cursor` gives
the cursor that matches the statements written here.

Rows are given as the driver takes them. SQLAlchemy's type processors stay in
charge of converting values: :meth:`FastInsert.bind` applies a column's bind
processor, so a value shared by a whole batch (a timestamp) is converted once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import chain
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect

# SQLite's limit before 3.32, and still that of some builds; PostgreSQL's is 65535.
MAX_PARAMETERS = 999


def open_cursor(connection: Any, dialect: Dialect) -> Any:
    """A cursor on the driver's ``connection`` that runs :class:`FastInsert` SQL."""
    if dialect.driver == "psycopg":
        import psycopg

        return psycopg.RawCursor(connection)
    return connection.cursor()


class FastInsert:
    """One table's INSERT of a fixed set of columns, optionally returning some."""

    def __init__(
        self,
        table: sa.Table,
        columns: Sequence[str],
        dialect: Dialect,
        *,
        returning: Sequence[str] = (),
    ) -> None:
        if dialect.driver not in ("pysqlite", "psycopg"):
            raise ValueError(f"no fast insert for the driver {dialect.driver!r}")
        self._numbered = dialect.driver == "psycopg"
        quote = dialect.identifier_preparer.quote
        self.columns = tuple(columns)
        self.returning = tuple(returning)
        head = f"INSERT INTO {quote(table.name)} ({', '.join(map(quote, columns))})"
        tail = f" RETURNING {', '.join(map(quote, returning))}" if returning else ""
        self._head, self._tail = head, tail
        self._sql: dict[int, str] = {}
        self.max_rows = MAX_PARAMETERS // len(columns)
        self._processors: dict[str, Callable[[Any], Any] | None] = {
            name: table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
            for name in self.columns
        }

    def bind(self, column: str, value: Any) -> Any:
        """``value`` of ``column`` as SQLAlchemy converts it for the driver."""
        processor = self._processors[column]
        return value if processor is None else processor(value)

    def has_processor(self, column: str) -> bool:
        """True when ``column``'s values must go through :meth:`bind`."""
        return self._processors[column] is not None

    def run(
        self, cursor: Any, rows: Sequence[tuple[Any, ...]]
    ) -> list[tuple[Any, ...]]:
        """Insert ``rows`` in the cursor's transaction; the returned columns, if any.

        Each row holds the values of :attr:`columns`, in order. Returned rows
        come in the database's order, which need not be the order of ``rows``.
        Raises whatever the driver raises (its ``IntegrityError`` on a
        duplicate key, for one): the caller maps driver errors.
        """
        returned: list[tuple[Any, ...]] = []
        for start in range(0, len(rows), self.max_rows):
            chunk = rows[start : start + self.max_rows]
            cursor.execute(
                self._statement(len(chunk)), list(chain.from_iterable(chunk))
            )
            if self.returning:
                returned.extend(cursor.fetchall())
        return returned

    def _statement(self, size: int) -> str:
        sql = self._sql.get(size)
        if sql is None:
            width = len(self.columns)
            if self._numbered:
                numbers = [f"${n}" for n in range(1, size * width + 1)]
            else:
                numbers = ["?"] * (size * width)
            values = ", ".join(
                f"({', '.join(numbers[start : start + width])})"
                for start in range(0, size * width, width)
            )
            sql = self._sql[size] = f"{self._head} VALUES {values}{self._tail}"
        return sql
