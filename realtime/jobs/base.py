"""The job runner interface, shared by the in-process and the RQ backends.

A job is a module-level function that a worker can import by its name, called
with arguments that survive a trip through JSON: str, int, float, bool, None,
and lists and dicts of them. RQ stores jobs as JSON here, and the in-process
runner passes the arguments through JSON too, so a job behaves the same in
both modes (a tuple arrives as a list). Arguments are never logged: they may
name a citizen.

Every job may run twice (DESIGN-NOTES, promise 5): after a retry, after its
worker died mid-job, or when a sweep re-enqueues work that looks stuck. A job
must be idempotent: it reads the current state from the database, and records
what it did before it does it again.

A `job_id` names a piece of work, such as ``"deliver-answer-1234"``. While a
job with that id waits, is scheduled for a retry or runs, enqueueing the same
id again does nothing and returns the id, so the same work never runs twice at
the same time. An enqueue that arrives while the job runs is dropped, not
queued behind it: what changed meanwhile is picked up by the next sweep. Once
the job has finished, or failed for good, the id can be enqueued again and runs
again. Ids are made of ASCII letters, digits, "_" and "-". Without a job_id,
every enqueue runs.
"""

from __future__ import annotations

import json
import re
import sys
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from types import TracebackType
from typing import Self

from realtime.errors import InvalidJob

__all__ = [
    "DEFAULT_QUEUE",
    "DEFAULT_RETRY_DELAYS",
    "JobRunner",
    "check_job_id",
    "encode_arguments",
    "job_name",
    "new_job_id",
]

DEFAULT_QUEUE = "liveline"

# Seconds to wait before each retry of a failed job: four attempts in all.
DEFAULT_RETRY_DELAYS: tuple[int, ...] = (10, 30, 60)

# RQ's rule for job ids; the in-process runner keeps it so that ids valid in
# one mode are valid in the other.
_JOB_ID = re.compile(r"[A-Za-z0-9_-]+")


class JobRunner(ABC):
    """Runs functions in the background, retrying those that fail."""

    @abstractmethod
    def enqueue(
        self,
        func: Callable[..., object],
        /,
        *args: object,
        job_id: str | None = None,
        **kwargs: object,
    ) -> str:
        """Have ``func(*args, **kwargs)`` run in the background; return the job id.

        With a `job_id` whose job is still pending or running, nothing is
        enqueued and that id is returned (see the module's docstring).

        Raises:
            InvalidJob: `func` is not an importable module-level function, an
                argument cannot go through JSON, or `job_id` is malformed.
            JobsUnavailable: the runner cannot take jobs now.
        """

    @abstractmethod
    def ping(self) -> None:
        """Return when the runner can take jobs; raise `JobsUnavailable` if not."""

    @abstractmethod
    def close(self) -> None:
        """Stop taking jobs and release what the runner holds."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def job_name(func: Callable[..., object]) -> str:
    """Return the dotted name a worker imports `func` by.

    Raises:
        InvalidJob: `func` is a lambda, a nested function, a method, or lives
            in ``__main__``, none of which a worker process can import.
    """
    module = getattr(func, "__module__", None)
    qualname = getattr(func, "__qualname__", None)
    if not module or not qualname or module == "__main__" or "." in qualname:
        raise InvalidJob(f"a job must be a module-level function, not {func!r}")
    if getattr(sys.modules.get(module), qualname, None) is not func:
        raise InvalidJob(f"{module}.{qualname} cannot be imported by that name")
    return f"{module}.{qualname}"


def check_job_id(job_id: str) -> None:
    """Refuse a job id that RQ would refuse.

    Raises:
        InvalidJob: the id is empty or has characters other than ASCII
            letters, digits, "_" and "-".
    """
    if not isinstance(job_id, str) or not _JOB_ID.fullmatch(job_id):
        raise InvalidJob(f"a job id is made of letters, digits, _ and -: {job_id!r}")


def new_job_id() -> str:
    """Return a fresh job id for a job enqueued without one."""
    return uuid.uuid4().hex


def encode_arguments(
    args: Sequence[object], kwargs: Mapping[str, object]
) -> tuple[list[object], dict[str, object]]:
    """Return the arguments as a job receives them, after a trip through JSON.

    Raises:
        InvalidJob: an argument is not JSON (an object, bytes, a set, NaN).
    """
    try:
        encoded = json.dumps([list(args), dict(kwargs)], allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise InvalidJob(f"job arguments must be plain JSON values: {exc}") from exc
    decoded_args, decoded_kwargs = json.loads(encoded)
    return decoded_args, decoded_kwargs
