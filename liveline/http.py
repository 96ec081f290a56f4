"""Pieces every route shares: bounded bodies, problem answers, client addresses."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
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
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def media_type(request: Request) -> str:
    """The request's content type without parameters, in lower case."""
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def client_address(request: Request) -> str:
    """The address of the client (uvicorn resolves trusted proxy headers)."""
    return request.client.host if request.client else "unknown"


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
