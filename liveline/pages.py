"""The citizens' pages: the submission form and the status page.

They work without JavaScript on a phone with a poor connection: plain forms,
one small stylesheet inline, and Post/Redirect/Get so that a reload never sends
a question twice. The form carries its own idempotency key, so a double click
or a resubmitted POST stores one submission.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any
from urllib.parse import parse_qsl

import segno
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from liveline import i18n
from liveline.db import StorageUnavailable
from liveline.events import list_events
from liveline.http import BodyTooLarge, client_address, read_body
from liveline.intake import CONSENT_VERSION, IntakeError, read_draft
from liveline.lookup import find_standing
from liveline.models import Event
from liveline.services import services_of
from liveline.tracking import parse_code
from liveline.writer import IdempotencyConflict

LANGUAGE_COOKIE = "lang"
FORM_FIELDS = ("text", "name", "email", "phone", "municipality", "topic", "consent")


def _language(request: Request, offered: list[str]) -> str:
    language = i18n.choose_language(
        request.query_params.get("lang"), request.cookies.get(LANGUAGE_COOKIE), offered
    )
    i18n.current_language.set(language)
    return language


def _render(
    request: Request,
    template: str,
    context: dict[str, Any],
    *,
    language: str,
    status_code: int = 200,
) -> Response:
    services = services_of(request)
    context = {
        "request": request,
        "language": language,
        "languages": i18n.LANGUAGE_NAMES,
        "format_moment": i18n.format_moment,
        "format_day": i18n.format_day,
        **context,
    }
    response = services.templates.TemplateResponse(
        request, template, context, status_code=status_code
    )
    if request.query_params.get("lang") == language:
        response.set_cookie(
            LANGUAGE_COOKIE, language, max_age=365 * 86400, samesite="lax"
        )
    response.headers["Content-Language"] = language
    return response


async def index(request: Request) -> Response:
    """The front page: the events open for questions and a box to track one."""
    services = services_of(request)
    events = await asyncio.to_thread(list_events, services.engine)
    now = services.clock()
    language = _language(request, list(i18n.LANGUAGES))
    open_events = [event for event in events if event.is_open(now)]
    return _render(request, "index.html", {"events": open_events}, language=language)


async def show_form(request: Request) -> Response:
    """The submission form of an event, or a page saying it is closed or unknown."""
    event = await services_of(request).events.get(request.path_params["slug"])
    if event is None:
        return _not_found(request)
    language = _language(request, event.languages)
    return _form(request, event, language, values={}, error=None)


def _form(
    request: Request,
    event: Event,
    language: str,
    *,
    values: dict[str, str],
    error: IntakeError | None,
    status_code: int = 200,
) -> Response:
    services = services_of(request)
    context = {
        "event": event,
        "is_open": event.is_open(services.clock()),
        "values": values,
        "error": error,
        "error_message": error.message(i18n.gettext) if error else None,
        "idempotency_key": values.get("idempotency_key") or uuid.uuid4().hex,
        "max_text_chars": services.settings.max_text_chars,
        "consent_version": CONSENT_VERSION,
    }
    return _render(
        request, "form.html", context, language=language, status_code=status_code
    )


async def submit_form(request: Request) -> Response:
    """Store a question sent from the form, then redirect to its status page.

    Every refusal shows the form again with the sender's text kept and the
    problem named next to its field.
    """
    services = services_of(request)
    event = await services.events.get(request.path_params["slug"])
    if event is None:
        return _not_found(request)
    language = _language(request, event.languages)
    try:
        body = await read_body(request, services.settings.max_body_bytes)
    except BodyTooLarge:
        error = IntakeError(
            "text_too_long", "text", limit=services.settings.max_text_chars
        )
        return _form(request, event, language, values={}, error=error, status_code=413)
    values = {key: value for key, value in parse_qsl(body.decode("utf-8", "replace"))}

    if not event.is_open(services.clock()):
        return _form(
            request, event, language, values=values, error=None, status_code=409
        )
    limiter = services.limiter
    wait = limiter.check_ip(client_address(request))
    if wait is not None:
        return _rate_limited(request, event, language, values, wait)
    data: dict[str, object] = {
        key: values[key] for key in FORM_FIELDS if values.get(key, "").strip()
    }
    data["language"] = language
    try:
        draft = read_draft(data, event, max_text_chars=services.settings.max_text_chars)
    except IntakeError as exc:
        return _form(
            request, event, language, values=values, error=exc, status_code=422
        )
    wait = limiter.check_contacts(draft)
    if wait is not None:
        return _rate_limited(request, event, language, values, wait)

    try:
        receipt = await services.writer.submit(
            draft,
            channel="web",
            deadline_days=event.answer_deadline_days,
            idempotency_key=values.get("idempotency_key") or None,
        )
    except (IdempotencyConflict, StorageUnavailable) as exc:
        page = "conflict" if isinstance(exc, IdempotencyConflict) else "unavailable"
        return _render(
            request,
            "problem.html",
            {"problem": page, "event": event, "values": values},
            language=language,
            status_code=409 if page == "conflict" else 503,
        )
    url = request.url_for("status_page", code=receipt.tracking_code)
    return RedirectResponse(f"{url}?accepted=1", status_code=303)


def _rate_limited(
    request: Request, event: Event, language: str, values: dict[str, str], wait: float
) -> Response:
    response = _render(
        request,
        "problem.html",
        {
            "problem": "rate_limited",
            "wait": int(wait),
            "event": event,
            "values": values,
        },
        language=language,
        status_code=429,
    )
    response.headers["Retry-After"] = str(int(wait))
    return response


async def status_page(request: Request) -> Response:
    """Where a submission stands, with a QR code of this page's address."""
    services = services_of(request)
    view = await asyncio.to_thread(
        find_standing, services.engine, request.path_params["code"]
    )
    if view is None:
        return _not_found(request, code=request.path_params["code"])
    language = _language(request, view.event_languages)
    url = str(request.url_for("status_page", code=view.tracking_code))
    qr = segno.make(url, error="m").svg_inline(scale=4, title=url)
    context = {
        "view": view,
        "accepted": request.query_params.get("accepted") == "1",
        "status_url": url,
        "qr_svg": qr,
    }
    return _render(request, "status.html", context, language=language)


async def track(request: Request) -> Response:
    """Go from a typed tracking code to its status page."""
    typed = request.query_params.get("code", "")
    code = parse_code(typed)
    if code is None:
        return _not_found(request, code=typed)
    return RedirectResponse(request.url_for("status_page", code=code), status_code=303)


def _not_found(request: Request, code: str | None = None) -> Response:
    language = _language(request, list(i18n.LANGUAGES))
    return _render(
        request, "not_found.html", {"code": code}, language=language, status_code=404
    )


routes = [
    Route("/", index, methods=["GET"], name="index"),
    Route("/e/{slug}", show_form, methods=["GET"], name="event_form"),
    Route("/e/{slug}", submit_form, methods=["POST"], name="submit_form"),
    Route("/s", track, methods=["GET"], name="track"),
    Route("/s/{code}", status_page, methods=["GET"], name="status_page"),
]
