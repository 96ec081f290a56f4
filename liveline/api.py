"""The JSON API: submitting a question and asking where it stands.

Errors are answered as problem details (RFC 9457) with a stable ``code`` that
clients can act on; the OpenAPI description at ``/openapi.json`` lists them.
"""

from __future__ import annotations

import asyncio
import functools
import json
from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from liveline.db import StorageUnavailable
from liveline.http import (
    BodyTooLarge,
    client_address,
    find_headers,
    media_type,
    problem,
    read_body,
)
from liveline.intake import IntakeError, read_draft
from liveline.lookup import StatusView, find_standing
from liveline.openapi import openapi_document
from liveline.services import services_of
from liveline.writer import IdempotencyConflict, Receipt

MAX_IDEMPOTENCY_KEY = 200
INTAKE_HEADERS = frozenset({b"content-type", b"idempotency-key", b"host"})
# What JSONResponse writes, with the encoder made once rather than per answer.
_JSON = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":"))
# The receipts of one group commit share their timestamps: each is spelled once.
_isoformat = functools.lru_cache(maxsize=64)(datetime.isoformat)


async def create_submission(request: Request) -> Response:
    """Accept a question for an event; answer 201 only once it is stored.

    Refusals: 404 unknown event, 409 closed event, 413 body over the cap, 415
    not JSON, 400 malformed JSON or idempotency key, 422 invalid fields or a
    reused idempotency key, 429 rate limited, 503 database unavailable.
    """
    services = services_of(request)
    settings = services.settings
    wait = services.limiter.check_ip(client_address(request))
    if wait is not None:
        return _rate_limited(wait, "too many submissions from this address")

    event = await services.events.get(request.path_params["slug"])
    if event is None:
        return problem(404, "event_not_found", "There is no such event.")
    headers = find_headers(request, INTAKE_HEADERS)
    if media_type(headers.get(b"content-type")) != "application/json":
        return problem(415, "unsupported_media_type", "Send the submission as JSON.")
    key = headers.get(b"idempotency-key")
    if key is not None and not 0 < len(key) <= MAX_IDEMPOTENCY_KEY:
        return problem(
            400,
            "idempotency_key_invalid",
            f"An Idempotency-Key has 1 to {MAX_IDEMPOTENCY_KEY} characters.",
        )
    try:
        body = await read_body(request, settings.max_body_bytes)
    except BodyTooLarge:
        return problem(
            413,
            "body_too_large",
            f"The body is larger than {settings.max_body_bytes} bytes.",
        )
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return problem(400, "malformed_json", f"The body is not valid JSON: {exc}.")
    if not isinstance(data, dict):
        return problem(422, "not_an_object", "The body must be a JSON object.")

    if not event.is_open(services.clock()):
        return problem(409, "event_closed", "This event does not take questions now.")
    try:
        draft = read_draft(data, event, max_text_chars=settings.max_text_chars)
    except IntakeError as exc:
        return problem(422, exc.code, exc.message(), field=exc.field)
    wait = services.limiter.check_contacts(draft)
    if wait is not None:
        return _rate_limited(wait, "too many submissions from this contact")

    try:
        receipt = await services.writer.submit(
            draft,
            channel="api",
            deadline_days=event.answer_deadline_days,
            idempotency_key=key,
        )
    except IdempotencyConflict:
        return problem(
            422,
            "idempotency_key_reused",
            "This Idempotency-Key was used before with a different submission.",
        )
    except StorageUnavailable:
        return problem(
            503,
            "storage_unavailable",
            "The submission was not stored; please send it again shortly.",
            headers={"Retry-After": "5"},
        )
    return _created(_base_url(request, headers.get(b"host")), receipt)


def status_url(request: Request, code: str) -> str:
    """The address of a submission's status page."""
    return f"{base_url(request)}s/{code}"


def base_url(request: Request) -> str:
    """The application's address as the client used it, ending with a slash."""
    return _base_url(request, find_headers(request, (b"host",)).get(b"host"))


def _base_url(request: Request, host: str | None) -> str:
    # Built from the scope: url_for tries every route in turn and base_url
    # parses a whole URL, which both showed in profiles of the intake.
    if host is None:
        return str(request.base_url)
    scope = request.scope
    return f"{scope['scheme']}://{host}{scope.get('root_path', '')}/"


def _created(base: str, receipt: Receipt) -> Response:
    due = receipt.answer_due_at
    body = {
        "tracking_code": receipt.tracking_code,
        "status": receipt.status,
        "status_url": f"{base}s/{receipt.tracking_code}",
        "created_at": _isoformat(receipt.created_at),
        "answer_due_at": _isoformat(due) if due else None,
    }
    headers = {"Location": f"{base}api/submissions/{receipt.tracking_code}"}
    if receipt.replayed:
        headers["Idempotent-Replayed"] = "true"
    return Response(
        _JSON.encode(body).encode(), 201, headers, media_type="application/json"
    )


def _rate_limited(wait: float, detail: str) -> JSONResponse:
    return problem(
        429,
        "rate_limited",
        f"{detail.capitalize()}; try again in {int(wait)} seconds.",
        headers={"Retry-After": str(int(wait))},
    )


async def get_submission(request: Request) -> Response:
    """Where a submission stands, by its tracking code; 404 when there is none."""
    services = services_of(request)
    view = await asyncio.to_thread(
        find_standing, services.engine, request.path_params["code"]
    )
    if view is None:
        return problem(404, "submission_not_found", "No submission has this code.")
    return JSONResponse(describe(view, request))


def describe(view: StatusView, request: Request) -> dict[str, Any]:
    """The public description of a submission: no contacts, ever."""
    return {
        "tracking_code": view.tracking_code,
        "status": view.status,
        "status_url": status_url(request, view.tracking_code),
        "event": {"slug": view.event_slug, "title": view.event_title},
        "text": view.text,
        "municipality": view.municipality,
        "topic": view.topic,
        "created_at": view.created_at.isoformat(),
        "status_changed_at": view.status_changed_at.isoformat(),
        "answer_due_at": view.answer_due_at.isoformat() if view.answer_due_at else None,
        "answer": None,
    }


async def openapi(request: Request) -> Response:
    """The OpenAPI 3.1 description of this API."""
    return JSONResponse(openapi_document(str(request.base_url).rstrip("/")))


routes = [
    Route(
        "/api/events/{slug}/submissions",
        create_submission,
        methods=["POST"],
        name="create_submission",
    ),
    Route(
        "/api/submissions/{code}", get_submission, methods=["GET"], name="submission"
    ),
    Route("/openapi.json", openapi, methods=["GET"], name="openapi"),
]
