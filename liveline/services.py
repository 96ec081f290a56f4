"""What the routes of one web process share, and how a route reaches it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from starlette.requests import Request
from starlette.templating import Jinja2Templates

from liveline.clock import utcnow
from liveline.events import EventCache
from liveline.ratelimit import RateLimiter
from liveline.settings import Settings
from liveline.writer import SubmissionWriter
from realtime.bus import Bus
from realtime.jobs import JobRunner


@dataclass
class Services:
    """The database, writer, bus, jobs, limiter and templates of a web process."""

    settings: Settings
    engine: Engine
    writer: SubmissionWriter
    bus: Bus
    jobs: JobRunner
    limiter: RateLimiter
    events: EventCache
    templates: Jinja2Templates
    clock: Callable[[], datetime] = utcnow


def services_of(request: Request) -> Services:
    """The services of the application serving ``request``."""
    services: Services = request.app.state.services
    return services
