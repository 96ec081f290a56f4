"""Pieces every route shares: bounded bodies, problem answers, client addresses."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse


class BodyTooLarge(ValueError):
    """The request body is larger than the cap; nothing of it was parsed."""


async def read_body(request: Request, limit: int) -> bytes:
    """The whole request body, refused as soon as it passes ``limit`` bytes.

    Neither Starlette nor uvicorn caps a body, so the cap is applied here,
    before anything is parsed: first on the declared length, then on the bytes
    that actually arrive (a client may lie or send chunks).

    Raises:
        BodyTooLarge: the body is larger than ``limit``.
    """
    declared = find_headers(request, (b"content-length",)).get(b"content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge(limit)
    chunks: list[bytes] = []
    size = 0
    # The ASGI messages read as they come: what ``request.stream()`` does,
    # without an asynchronous generator around each request's single chunk.
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            raise ClientDisconnect()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge(limit)
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def find_headers(request: Request, names: Collection[bytes]) -> dict[bytes, str]:
    """The first value sent for each of ``names`` (lower case), in one pass.

    Starlette's ``request.headers`` walks the whole list for every name it is
    asked, and raises and catches ``KeyError`` for a name not sent; the intake
    reads four headers a request and this showed in its profile.
    """
    found: dict[bytes, str] = {}
    for name, value in request.scope["headers"]:
        if name in names and name not in found:
            found[name] = value.decode("latin-1")
    return found


def media_type(content_type: str | None) -> str:
    """A content type without its parameters, in lower case ("" when absent)."""
    return (content_type or "").split(";")[0].strip().lower()


def client_address(request: Request) -> str:
    """The address of the client (uvicorn resolves trusted proxy headers)."""
    client = request.scope.get("client")
    return client[0] if client else "unknown"


def problem(
    status: int,
    code: str,
    detail: str,
    *,
    field: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    """An error answered as RFC 9457 problem details, with a stable ``code``."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": code.replace("_", " ").capitalize(),
        "status": status,
        "detail": detail,
        "code": code,
    }
    if field is not None:
        body["field"] = field
    body.update(extra)
    return JSONResponse(
        body, status_code=status, headers=headers, media_type="application/problem+json"
    )
