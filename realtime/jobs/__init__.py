"""The job runner: background work, retried when it fails.

`connect_jobs` picks the backend from a URL: None or ``memory://`` runs jobs on
a small thread pool inside this process (`ThreadJobRunner`), ``redis://``,
``rediss://`` or ``unix://`` puts them on an RQ queue (`RQJobRunner`) for the
worker processes that `run_worker` starts. What a job may be, and what its
``job_id`` guarantees, is told in `realtime.jobs.base`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from realtime.errors import UnsupportedBackend
from realtime.jobs.base import DEFAULT_QUEUE, DEFAULT_RETRY_DELAYS, JobRunner
from realtime.jobs.local import ThreadJobRunner
from realtime.jobs.rq import RQJobRunner, run_worker

__all__ = [
    "DEFAULT_QUEUE",
    "DEFAULT_RETRY_DELAYS",
    "JobRunner",
    "RQJobRunner",
    "ThreadJobRunner",
    "connect_jobs",
    "run_worker",
]

_REDIS_SCHEMES = frozenset({"redis", "rediss", "unix"})


def connect_jobs(redis_url: str | None, queue: str = DEFAULT_QUEUE) -> JobRunner:
    """Return the job runner the URL names; RQ jobs go to `queue`.

    Nothing is contacted yet: call `JobRunner.ping` to check that Redis answers.

    Raises:
        UnsupportedBackend: the URL's scheme names no backend, or the Redis URL
            is malformed.
    """
    scheme = urlsplit(redis_url).scheme if redis_url else "memory"
    if scheme == "memory":
        return ThreadJobRunner()
    if scheme in _REDIS_SCHEMES:
        assert redis_url is not None
        return RQJobRunner(redis_url, queue)
    raise UnsupportedBackend(
        f"no job backend for {scheme or redis_url!r}: use memory:// or redis://"
    )
