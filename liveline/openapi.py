"""The OpenAPI 3.1 description of Liveline's public API, served at ``/openapi.json``.

Written out rather than generated: the API is small, and a document read by
client authors deserves the care of a hand-written one.
"""

from __future__ import annotations

from typing import Any

from liveline.intake import MESSAGES
from liveline.lifecycle import Status

PROBLEM = {"$ref": "#/components/schemas/Problem"}


def _problem(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/problem+json": {"schema": PROBLEM}},
    }


def openapi_document(server_url: str) -> dict[str, Any]:
    """The document, naming ``server_url`` as the server."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Liveline",
            "version": "1",
            "description": (
                "Questions from citizens to a live broadcast. A submission is "
                "acknowledged with 201 only once it is stored; send an "
                "Idempotency-Key header to retry safely."
            ),
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/api/events/{slug}/submissions": {"post": _create_operation()},
            "/api/submissions/{code}": {"get": _status_operation()},
            "/healthz": {
                "get": {
                    "summary": "Whether the database (and Redis) answer",
                    "responses": {
                        "200": {"description": "Healthy"},
                        "503": {"description": "Unavailable, with the reason"},
                    },
                }
            },
        },
        "components": {"schemas": _schemas()},
    }


def _create_operation() -> dict[str, Any]:
    return {
        "summary": "Submit a question to an event",
        "operationId": "createSubmission",
        "parameters": [
            {
                "name": "slug",
                "in": "path",
                "required": True,
                "schema": {"type": "string"},
            },
            {
                "name": "Idempotency-Key",
                "in": "header",
                "required": False,
                "description": (
                    "Any unique string up to 200 characters. A retry with the same "
                    "key and body returns the first response; the same key with "
                    "another body is refused with 422 idempotency_key_reused."
                ),
                "schema": {"type": "string", "maxLength": 200},
            },
        ],
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {"$ref": "#/components/schemas/NewSubmission"}
                }
            },
        },
        "responses": {
            "201": {
                "description": "Stored; the tracking code identifies it from now on",
                "content": {
                    "application/json": {
                        "schema": {"$ref": "#/components/schemas/Receipt"}
                    }
                },
            },
            "400": _problem("malformed_json or idempotency_key_invalid"),
            "404": _problem("event_not_found"),
            "409": _problem("event_closed: the intake window is not open"),
            "413": _problem("body_too_large"),
            "415": _problem("unsupported_media_type: send application/json"),
            "422": _problem("Invalid fields; code is one of: " + ", ".join(MESSAGES)),
            "429": _problem("rate_limited; see the Retry-After header"),
            "503": _problem("storage_unavailable: nothing stored, retry later"),
        },
    }


def _status_operation() -> dict[str, Any]:
    return {
        "summary": "Where a submission stands",
        "operationId": "getSubmission",
        "parameters": [
            {
                "name": "code",
                "in": "path",
                "required": True,
                "description": "The tracking code, dashes and case optional",
                "schema": {"type": "string"},
            }
        ],
        "responses": {
            "200": {
                "description": "The submission's standing",
                "content": {
                    "application/json": {
                        "schema": {"$ref": "#/components/schemas/SubmissionStatus"}
                    }
                },
            },
            "404": _problem("submission_not_found"),
        },
    }


def _schemas() -> dict[str, Any]:
    text = {"type": ["string", "null"]}
    moment = {"type": "string", "format": "date-time"}
    return {
        "NewSubmission": {
            "type": "object",
            "additionalProperties": False,
            "required": ["text"],
            "properties": {
                "text": {"type": "string", "minLength": 1, "maxLength": 4000},
                "name": {**text, "maxLength": 200},
                "email": {**text, "format": "email"},
                "phone": {**text, "description": "Any format; Russian by default"},
                "municipality": {**text, "description": "One of the event's"},
                "topic": {**text, "description": "One of the event's"},
                "language": {**text, "enum": ["ru", "en", None]},
                "consent": {
                    "type": "boolean",
                    "description": "Required true when a name or contact is given",
                },
            },
        },
        "Receipt": {
            "type": "object",
            "required": ["tracking_code", "status", "status_url", "created_at"],
            "properties": {
                "tracking_code": {"type": "string", "examples": ["7KQM-4XH2-PD9R"]},
                "status": {"type": "string"},
                "status_url": {"type": "string", "format": "uri"},
                "created_at": moment,
                "answer_due_at": {**moment, "type": ["string", "null"]},
            },
        },
        "SubmissionStatus": {
            "type": "object",
            "properties": {
                "tracking_code": {"type": "string"},
                "status": {
                    "type": "string",
                    "enum": [status.value for status in Status],
                },
                "status_url": {"type": "string", "format": "uri"},
                "event": {
                    "type": "object",
                    "properties": {
                        "slug": {"type": "string"},
                        "title": {"type": "string"},
                    },
                },
                "text": {"type": "string"},
                "municipality": text,
                "topic": text,
                "created_at": moment,
                "status_changed_at": moment,
                "answer_due_at": {**moment, "type": ["string", "null"]},
                "answer": {"type": ["object", "null"]},
            },
        },
        "Problem": {
            "type": "object",
            "required": ["status", "code", "detail"],
            "properties": {
                "type": {"type": "string"},
                "title": {"type": "string"},
                "status": {"type": "integer"},
                "detail": {"type": "string"},
                "code": {"type": "string"},
                "field": {"type": "string"},
            },
        },
    }
