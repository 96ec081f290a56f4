"""Events: creating and editing them, and finding them fast while intake runs."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable, Mapping
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from liveline.clock import utcnow
from liveline.i18n import LANGUAGES
from liveline.models import EVENTS, Event

KINDS = ("direct_line", "town_hall", "press_conference", "proposals_book")
SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
EDITABLE = frozenset(
    {
        "title",
        "kind",
        "languages",
        "timezone",
        "opens_at",
        "closes_at",
        "broadcast_starts_at",
        "broadcast_ends_at",
        "answer_deadline_days",
        "municipalities",
        "topics",
        "accepts_video",
    }
)


class EventError(ValueError):
    """An event that cannot be created or changed as asked, and why."""


def create_event(engine: Engine, slug: str, **fields: Any) -> Event:
    """Create an event.

    Raises:
        EventError: the slug is taken or malformed, or a field is invalid.
    """
    if not SLUG.match(slug):
        raise EventError(
            f"slug {slug!r}: use lower-case latin letters, digits and dashes"
        )
    now = utcnow()
    event = Event(
        slug=slug, title="", kind="", created_at=now, updated_at=now, opens_at=now
    )
    _apply(event, {"kind": "direct_line", "languages": ["ru"], **fields})
    with Session(engine, expire_on_commit=False) as session:
        if session.exec(select(Event).where(Event.slug == slug)).first():
            raise EventError(f"an event with slug {slug!r} exists already")
        session.add(event)
        session.commit()
    return event


def update_event(engine: Engine, slug: str, **fields: Any) -> Event:
    """Change fields of an existing event.

    Raises:
        EventError: there is no such event, or a field is invalid.
    """
    with Session(engine, expire_on_commit=False) as session:
        event = session.exec(select(Event).where(Event.slug == slug)).first()
        if event is None:
            raise EventError(f"no event with slug {slug!r}")
        _apply(event, fields)
        event.updated_at = utcnow()
        session.add(event)
        session.commit()
    return event


def find_event(engine: Engine, slug: str) -> Event | None:
    """The event with ``slug``, or None."""
    with Session(engine, expire_on_commit=False) as session:
        return session.exec(select(Event).where(Event.slug == slug)).first()


def list_events(engine: Engine) -> list[Event]:
    """All events, the newest first."""
    with Session(engine, expire_on_commit=False) as session:
        newest_first = select(Event).order_by(EVENTS.c.opens_at.desc())
        return list(session.exec(newest_first))


def _apply(event: Event, fields: Mapping[str, Any]) -> None:
    unknown = set(fields) - EDITABLE
    if unknown:
        raise EventError(f"unknown event fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(event, name, value)
    _check(event)


def _check(event: Event) -> None:
    if not event.title or len(event.title) > 200:
        raise EventError("a title of 1 to 200 characters is needed")
    if event.kind not in KINDS:
        raise EventError(f"kind must be one of: {', '.join(KINDS)}")
    if not event.languages or any(lang not in LANGUAGES for lang in event.languages):
        raise EventError(f"languages must be among: {', '.join(LANGUAGES)}")
    try:
        ZoneInfo(event.timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise EventError(f"unknown time zone {event.timezone!r}") from exc
    if event.answer_deadline_days < 1:
        raise EventError("the answer deadline is at least one day")
    for start, end, what in (
        (event.opens_at, event.closes_at, "intake"),
        (event.broadcast_starts_at, event.broadcast_ends_at, "broadcast"),
    ):
        if start and end and end <= start:
            raise EventError(f"the {what} must end after it starts")


class EventCache:
    """Events by slug, kept for a few seconds so intake reads the database rarely.

    An edit made from the command line or by another process is seen within
    ``ttl`` seconds. When an entry expires under load, the requests that find
    it stale share one lookup instead of each sending its own to the database.
    """

    def __init__(
        self,
        engine: Engine,
        ttl: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._engine = engine
        self._ttl = ttl
        self._clock = clock
        self._entries: dict[str, tuple[float, Event | None]] = {}
        self._lookups: dict[str, asyncio.Future[Event | None]] = {}

    async def get(self, slug: str) -> Event | None:
        """The event with ``slug`` (None when there is none), from cache if fresh."""
        entry = self._entries.get(slug)
        if entry is not None and self._clock() - entry[0] < self._ttl:
            return entry[1]
        lookup = self._lookups.get(slug)
        if lookup is None:
            lookup = asyncio.ensure_future(self._look_up(slug))
            # Should every waiter have gone, asyncio is not to log the failed
            # lookup as an error nobody saw: the next request looks up again.
            lookup.add_done_callback(_retrieve)
            self._lookups[slug] = lookup
        # A request that goes away stops waiting; the others still get the event.
        return await asyncio.shield(lookup)

    async def _look_up(self, slug: str) -> Event | None:
        started = self._clock()
        try:
            event = await asyncio.to_thread(find_event, self._engine, slug)
        finally:
            del self._lookups[slug]
        if len(self._entries) > 1000:
            self._entries.clear()
        self._entries[slug] = (started, event)
        return event


def _retrieve(lookup: asyncio.Future[Event | None]) -> None:
    if not lookup.cancelled():
        lookup.exception()
