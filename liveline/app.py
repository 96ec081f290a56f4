"""The web application: what one web process runs, and what it holds while it runs.

:func:`create_app` builds the Starlette application from the settings. On
start-up it opens the database, the bus and the job runner and starts the
submission writer; on shutdown it stores whatever is still queued before it
closes them.
"""

from __future__ import annotations

import asyncio
import html
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import sqlalchemy as sa
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from liveline import api, db, i18n, pages
from liveline.announce import Announcer
from liveline.events import EventCache
from liveline.http import problem
from liveline.paths import TEMPLATES
from liveline.ratelimit import RateLimiter
from liveline.services import Services, services_of
from liveline.settings import Settings
from liveline.writer import Receipt, SubmissionWriter
from realtime.bus import connect_bus
from realtime.jobs import connect_jobs

logger = logging.getLogger(__name__)


def build_templates() -> Jinja2Templates:
    """Jinja2 templates with escaping on for every template and gettext installed.

    Starlette's default environment escapes only ``.html``, ``.htm`` and
    ``.xml`` files; this one escapes whatever the extension.
    """
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        extensions=["jinja2.ext.i18n"],
    )
    environment.install_gettext_callables(  # type: ignore[attr-defined]
        i18n.gettext, i18n.ngettext, newstyle=True
    )
    return Jinja2Templates(env=environment)


def create_app(settings: Settings | None = None) -> Starlette:
    """The Liveline web application for ``settings`` (read from the environment)."""
    settings = settings or Settings()
    url = settings.resolved_database_url()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        services = _open_services(settings, url, asyncio.get_running_loop())
        app.state.services = services
        services.limiter.start()
        logger.info("liveline web process started (embedded=%s)", settings.is_embedded)
        try:
            yield
        finally:
            await asyncio.to_thread(services.writer.stop)
            await services.limiter.close()
            services.jobs.close()
            await services.bus.close()
            services.engine.dispose()
            logger.info("liveline web process stopped")

    routes = [
        Route("/healthz", healthz, methods=["GET"]),
        *api.routes,
        *pages.routes,
    ]
    handlers = {
        db.StorageUnavailable: storage_unavailable,
        sa.exc.OperationalError: storage_unavailable,
    }
    return Starlette(routes=routes, lifespan=lifespan, exception_handlers=handlers)


async def storage_unavailable(request: Request, exc: Exception) -> Response:
    """Answer 503 when the database does not answer, whatever the route."""
    logger.warning("database unavailable for %s: %s", request.url.path, exc)
    headers = {"Retry-After": "5"}
    if request.url.path.startswith("/api/"):
        return problem(
            503,
            "storage_unavailable",
            "The database is not answering; please try again shortly.",
            headers=headers,
        )
    message = i18n.gettext("The service is busy. Please try again in a minute.")
    return HTMLResponse(
        f"<!doctype html><title>503</title><p>{html.escape(message)}</p>",
        status_code=503,
        headers=headers,
    )


def _open_services(
    settings: Settings, url: str, loop: asyncio.AbstractEventLoop
) -> Services:
    engine = db.create_engine(url)
    bus = connect_bus(settings.redis_url)
    announcer = Announcer(bus)

    def on_commit(receipts: list[Receipt]) -> None:
        # Runs on the writer thread: hand the receipts to the event loop.
        asyncio.run_coroutine_threadsafe(announcer.announce(receipts), loop)

    writer = SubmissionWriter(
        engine, batch_size=settings.commit_batch_size, on_commit=on_commit
    )
    writer.start()
    return Services(
        settings=settings,
        engine=engine,
        writer=writer,
        bus=bus,
        jobs=connect_jobs(settings.redis_url),
        limiter=RateLimiter(
            settings.rate_limit_per_ip,
            settings.rate_limit_per_contact,
            settings.redis_url,
        ),
        events=EventCache(engine),
        templates=build_templates(),
    )


async def healthz(request: Request) -> Response:
    """Answer 200 when the database (and Redis, when configured) answer, else 503."""
    services = services_of(request)
    checks: dict[str, Any] = {}
    problems: list[str] = []
    try:
        await asyncio.to_thread(db.check, services.engine)
        checks["database"] = "ok"
    except db.StorageUnavailable as exc:
        checks["database"] = str(exc)
        problems.append(f"database: {exc}")
    if services.settings.redis_url:
        try:
            await asyncio.wait_for(services.bus.ping(), timeout=2)
            checks["redis"] = "ok"
        except Exception as exc:  # noqa: BLE001 - any failure means "not healthy"
            checks["redis"] = f"{exc.__class__.__name__}: {exc}"
            problems.append(f"redis: {exc.__class__.__name__}")
    status = 503 if problems else 200
    body = {"status": "ok" if not problems else "unavailable", "checks": checks}
    if problems:
        body["reason"] = "; ".join(problems)
    return JSONResponse(body, status_code=status)
