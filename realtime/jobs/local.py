"""The in-process job runner: a small thread pool inside the web process.

For the embedded mode (one process, no Redis) and for tests. Jobs wait in
memory, so those not done when the process stops are lost; the sweeps that
find unfinished work in the database enqueue them again at the next start.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from realtime.errors import JobsUnavailable
from realtime.jobs.base import (
    DEFAULT_RETRY_DELAYS,
    JobRunner,
    check_job_id,
    encode_arguments,
    job_name,
    new_job_id,
)

__all__ = ["ThreadJobRunner"]

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class _Job:
    id: str
    name: str
    func: Callable[..., object]
    args: list[object]
    kwargs: dict[str, object] = field(default_factory=dict)
    attempts: int = 0


class ThreadJobRunner(JobRunner):
    """Runs jobs on `size` threads of this process.

    A job that raises is retried after each of `retry_delays` seconds in turn;
    each failure is logged as a warning with its traceback, and the last one
    as an error. Waiting for a retry holds no thread. `enqueue` raises
    `InvalidJob` for a job a worker could not run, and `JobsUnavailable` once
    the runner is shut down.
    """

    def __init__(
        self, size: int = 2, *, retry_delays: Sequence[float] = DEFAULT_RETRY_DELAYS
    ) -> None:
        self._pool = ThreadPoolExecutor(size, thread_name_prefix="liveline-job")
        self._retry_delays = tuple(retry_delays)
        # One lock guards the pending jobs, the retry timers and the stop flag;
        # it is also the condition drain() waits on.
        self._lock = threading.Condition()
        self._pending: dict[str, _Job] = {}
        self._timers: dict[str, threading.Timer] = {}
        self._stopping = False
        logger.info("job runner started with %d threads", size)

    def enqueue(
        self,
        func: Callable[..., object],
        /,
        *args: object,
        job_id: str | None = None,
        **kwargs: object,
    ) -> str:
        name = job_name(func)
        if job_id is None:
            job_id = new_job_id()
        else:
            check_job_id(job_id)
        job_args, job_kwargs = encode_arguments(args, kwargs)

        with self._lock:
            if self._stopping:
                raise JobsUnavailable("the job runner is shut down")
            if job_id in self._pending:
                logger.debug("job %s (%s) is already pending", job_id, name)
                return job_id
            job = _Job(job_id, name, func, job_args, job_kwargs)
            self._pending[job_id] = job
            self._submit(job)
        logger.debug("job %s (%s) enqueued", job_id, name)
        return job_id

    def ping(self) -> None:
        if self._stopping:
            raise JobsUnavailable("the job runner is shut down")

    def drain(self, timeout: float | None = None) -> bool:
        """Wait until no job is waiting, running or due for a retry.

        Returns False if some still were after `timeout` seconds.
        """
        with self._lock:
            return self._lock.wait_for(lambda: not self._pending, timeout)

    def shutdown(self, wait: bool = True) -> None:
        """Stop taking jobs, and drop the retries that were still to come.

        With `wait`, return once the jobs already queued have run; without it,
        drop those too and return at once, leaving running jobs to finish in
        their threads.
        """
        with self._lock:
            if not self._stopping:
                logger.info("job runner stopping with %d jobs", len(self._pending))
            self._stopping = True
            timers, self._timers = self._timers, {}
            for job_id, timer in timers.items():
                timer.cancel()
                self._forget(self._pending[job_id], "its retry was dropped")
        self._pool.shutdown(wait=wait, cancel_futures=not wait)

    def close(self) -> None:
        self.shutdown(wait=True)

    def _submit(self, job: _Job) -> None:
        future = self._pool.submit(self._run, job)
        future.add_done_callback(functools.partial(self._after_cancel, job))

    def _after_cancel(self, job: _Job, future: Future[None]) -> None:
        if future.cancelled():
            with self._lock:
                self._forget(job, "the runner shut down before it ran")

    def _run(self, job: _Job) -> None:
        job.attempts += 1
        started = time.monotonic()
        try:
            job.func(*job.args, **job.kwargs)
        except Exception:
            self._after_failure(job)
            return
        except BaseException:
            with self._lock:
                self._forget(job, "it was interrupted")
            raise
        logger.info(
            "job %s (%s) done in %.3f s", job.id, job.name, time.monotonic() - started
        )
        with self._lock:
            self._forget(job)

    def _after_failure(self, job: _Job) -> None:
        # This runs inside the except clause of _run, so the loggers below
        # find the job's exception and print its traceback.
        if job.attempts > len(self._retry_delays):
            logger.exception(
                "job %s (%s) failed %d times, giving up", job.id, job.name, job.attempts
            )
            with self._lock:
                self._forget(job)
            return

        delay = self._retry_delays[job.attempts - 1]
        logger.warning(
            "job %s (%s) failed on attempt %d, retrying in %s s",
            job.id,
            job.name,
            job.attempts,
            delay,
            exc_info=True,
        )
        with self._lock:
            if self._stopping:
                self._forget(job, "the runner is shutting down")
                return
            timer = threading.Timer(delay, self._retry, args=(job,))
            timer.daemon = True
            self._timers[job.id] = timer
            timer.start()

    def _retry(self, job: _Job) -> None:
        with self._lock:
            if self._timers.pop(job.id, None) is None:
                return  # shutdown() cancelled this retry and forgot the job
            self._submit(job)

    def _forget(self, job: _Job, dropped_because: str | None = None) -> None:
        # Callers hold self._lock.
        if dropped_because:
            logger.warning("job %s (%s) dropped: %s", job.id, job.name, dropped_because)
        self._pending.pop(job.id, None)
        self._lock.notify_all()
