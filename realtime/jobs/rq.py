"""The RQ backend of the job runner, and the worker that runs its jobs.

Jobs are stored as JSON (RQ's `JSONSerializer`), not pickled: a worker never
unpickles what it finds in Redis, and arguments stay readable there. Tools
that read the queues, such as ``rq info``, need the option
``--serializer rq.serializers.JSONSerializer``.

Redis persistence is not relied on (DESIGN-NOTES, promise 2): a queue lost
with Redis is refilled by the sweeps that find unfinished work in the database.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from redis import Redis
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError, WatchError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry as RedisRetry
from rq import Queue, Retry, Worker
from rq.exceptions import DuplicateJobError, NoSuchJobError
from rq.job import Job, JobStatus
from rq.serializers import JSONSerializer

from realtime.errors import JobsError, JobsUnavailable, UnsupportedBackend
from realtime.jobs.base import (
    DEFAULT_QUEUE,
    DEFAULT_RETRY_DELAYS,
    JobRunner,
    check_job_id,
    encode_arguments,
    job_name,
)

__all__ = ["RQJobRunner", "run_worker"]

logger = logging.getLogger(__name__)

# A job id found in one of these states may be enqueued again; in any other it
# is waiting, scheduled or running, and a second enqueue is dropped.
_DONE = frozenset(
    {JobStatus.FINISHED, JobStatus.FAILED, JobStatus.STOPPED, JobStatus.CANCELED}
)

# Enqueueing an id races with other enqueuers and with workers finishing it;
# each lost race costs one more round, and a handful always suffices.
_ENQUEUE_ROUNDS = 5

# How often the worker refreshes the heartbeat of a running job. RQ counts a
# job as abandoned this long plus a fixed 60 s after its last heartbeat, so
# 10 s instead of RQ's 30 s brings the job of a killed worker back 20 s sooner.
_JOB_MONITORING_INTERVAL = 10


class RQJobRunner(JobRunner):
    """Puts jobs on an RQ queue in Redis, for `run_worker` processes to run.

    Jobs are killed after `job_timeout` seconds; a job that fails, times out
    or whose worker died is retried after each of `retry_delays` seconds in
    turn (those retries need a worker with its scheduler, which `run_worker`
    starts). Results are kept `result_ttl` seconds, failures `failure_ttl`.
    Methods raise `JobsUnavailable` when Redis does not answer within
    `timeout` seconds, and `JobsError` when it answers with an error.
    """

    def __init__(
        self,
        redis_url: str,
        queue: str = DEFAULT_QUEUE,
        *,
        job_timeout: int = 600,
        result_ttl: int = 3600,
        failure_ttl: int = 7 * 24 * 3600,
        retry_delays: Sequence[int] = DEFAULT_RETRY_DELAYS,
        timeout: float = 5.0,
    ) -> None:
        self._connection = _connect(redis_url, timeout)
        self._queue = Queue(
            queue, connection=self._connection, serializer=JSONSerializer
        )
        self._job_timeout = job_timeout
        self._result_ttl = result_ttl
        self._failure_ttl = failure_ttl
        self._retry = (
            Retry(max=len(retry_delays), interval=list(retry_delays))
            if retry_delays
            else None
        )
        self.where = _describe(self._connection)
        logger.info("jobs go to RQ queue %s on Redis at %s", queue, self.where)

    @property
    def queue(self) -> str:
        """The name of the RQ queue this runner fills."""
        return str(self._queue.name)

    def enqueue(
        self,
        func: Callable[..., object],
        /,
        *args: object,
        job_id: str | None = None,
        **kwargs: object,
    ) -> str:
        name = job_name(func)
        job_args, job_kwargs = encode_arguments(args, kwargs)
        if job_id is None:
            return self._enqueue(func, name, job_args, job_kwargs, None)

        check_job_id(job_id)
        for _ in range(_ENQUEUE_ROUNDS):
            try:
                return self._enqueue(func, name, job_args, job_kwargs, job_id)
            except DuplicateJobError:
                if not self._clear_if_done(job_id):
                    logger.debug("job %s (%s) is already pending", job_id, name)
                    return job_id
        raise JobsError(f"job {job_id} kept changing while it was being enqueued")

    def ping(self) -> None:
        with _translate_errors("answer a ping", self.where):
            self._connection.ping()

    def close(self) -> None:
        self._connection.close()

    def _enqueue(
        self,
        func: Callable[..., object],
        name: str,
        args: list[object],
        kwargs: dict[str, object],
        job_id: str | None,
    ) -> str:
        with _translate_errors("enqueue a job", self.where):
            job = self._queue.enqueue_call(
                func,
                args=args,
                kwargs=kwargs,
                job_id=job_id,
                # With a job id, RQ refuses to overwrite a job of that id.
                unique=job_id is not None,
                # RQ's default description shows the arguments, which may
                # name a citizen, in the worker's log; the name alone does not.
                description=name,
                timeout=self._job_timeout,
                result_ttl=self._result_ttl,
                failure_ttl=self._failure_ttl,
                retry=self._retry,
            )
        logger.debug("job %s (%s) enqueued on %s", job.id, name, self.queue)
        return str(job.id)

    def _clear_if_done(self, job_id: str) -> bool:
        """Delete the record of a finished job so that its id can run again.

        Returns False when the job is still waiting, scheduled or running,
        and True when the caller should try to enqueue it once more.
        """
        key = Job.key_for(job_id)
        with (
            _translate_errors("look up a job", self.where),
            self._connection.pipeline() as pipe,
        ):
            try:
                # Watching the job's key makes the delete fail if a worker or
                # another enqueuer changes the job after we read its status.
                pipe.watch(key)
                status = pipe.hget(key, "status")
                if status is not None and not _is_done(status):
                    return False
                job = None
                if status is not None:
                    job = Job.fetch(
                        job_id, connection=self._connection, serializer=JSONSerializer
                    )
                pipe.multi()
                if job is None:
                    # A hash without a status is what is left when a late
                    # heartbeat lands on a deleted job; it is no job at all.
                    pipe.delete(key)
                else:
                    job.delete(pipeline=pipe)
                pipe.execute()
            except (WatchError, NoSuchJobError):
                pass
        return True


class RQWorker(Worker):
    """RQ's forking worker, whose command listener stops without a minute's wait.

    RQ listens for commands (stop a job, shut down) on a Redis channel in a
    thread that reads with a 60 s timeout. To stop it, RQ unsubscribes, which
    sends the thread a reply that wakes it, and then lowers the thread's
    running flag and waits for it. When the reply lands before the flag is
    lowered, the thread goes back to reading and the worker hangs for up to a
    minute before it exits. Lowering the flag first makes that reply the
    thread's last.
    """

    def unsubscribe(self) -> None:
        if self.pubsub_thread is not None:
            try:
                # Lower the flag without waiting for the thread to end.
                self.pubsub_thread.stop(timeout=0)
            except TypeError:
                # redis-py before 8.2: stop() lowers the flag and returns.
                self.pubsub_thread.stop()
        super().unsubscribe()


def run_worker(
    redis_url: str,
    queues: list[str] | None = None,
    *,
    burst: bool = False,
    maintenance_interval: int = 30,
) -> None:
    """Run an RQ worker on `queues` in this process until it is told to stop.

    The worker stops on SIGTERM or SIGINT, after the job in hand, or with
    `burst` once the queues are empty. It must run in the main thread, where
    RQ installs its signal handlers. Every `maintenance_interval` seconds it
    re-queues the jobs of workers that died, so a killed worker's job runs
    again about 70 s plus that interval after the kill. It also runs RQ's
    scheduler, which re-queues failed jobs when their retry delay is over.

    The worker forks a child per job (RQ's `Worker`) rather than running jobs
    in its own process (`SimpleWorker`, about four times faster): a job that
    crashes or leaks takes only its child down; a job past its timeout is
    killed even inside C code; and the parent keeps the heartbeat of a long
    job fresh. `SimpleWorker` sends no heartbeat during a job, so RQ would
    count its job as abandoned only after the job's whole timeout, minutes
    instead of seconds after a crash. Our jobs come in batches (transcoding,
    deliveries), for which the forking worker's 36 jobs/s is plenty.

    Raises:
        JobsUnavailable: Redis did not answer when the worker started.
        UnsupportedBackend: the URL is not a Redis URL.
    """
    names = queues or [DEFAULT_QUEUE]
    # No socket timeout here: RQ sets one longer than its blocking waits.
    connection = _connect(redis_url, None)
    where = _describe(connection)
    with _translate_errors("answer the worker", where):
        connection.ping()
    worker = RQWorker(
        [
            Queue(name, connection=connection, serializer=JSONSerializer)
            for name in names
        ],
        connection=connection,
        serializer=JSONSerializer,
        maintenance_interval=maintenance_interval,
        # An idle worker blocks on the queues for worker_ttl - 15 seconds and
        # does its maintenance only between two waits, so this keeps the
        # maintenance interval true when there is nothing to do.
        worker_ttl=maintenance_interval + 15,
        job_monitoring_interval=_JOB_MONITORING_INTERVAL,
        log_job_description=False,
    )
    logger.info(
        "worker %s starting on %s at %s, maintenance every %d s",
        worker.name,
        ", ".join(names),
        where,
        maintenance_interval,
    )
    worker.work(burst=burst, with_scheduler=True)
    logger.info("worker %s stopped", worker.name)


def _is_done(status: bytes | str) -> bool:
    text = status.decode() if isinstance(status, bytes) else status
    try:
        return JobStatus(text) in _DONE
    except ValueError:
        # A status this RQ does not know may be one of a newer RQ's running
        # states: counting it as pending only delays a rerun until a sweep.
        return False


def _connect(url: str, timeout: float | None) -> Redis:
    try:
        return Redis.from_url(
            url,
            socket_timeout=timeout,
            socket_connect_timeout=2.0 if timeout is None else min(timeout, 2.0),
            # Only failures to connect are retried: a command that timed out
            # may have been applied, and an enqueue must not happen twice.
            retry=RedisRetry(
                ExponentialBackoff(cap=0.5, base=0.05),
                retries=2,
                supported_errors=(RedisConnectionError,),
            ),
        )
    except ValueError as exc:
        raise UnsupportedBackend(f"not a Redis URL: {exc}") from exc


def _describe(connection: Redis) -> str:
    """Name the server for logs and errors, leaving out any password."""
    options = connection.connection_pool.connection_kwargs
    if "path" in options:
        return f"{options['path']} db {options.get('db', 0)}"
    return f"{options.get('host')}:{options.get('port')} db {options.get('db', 0)}"


@contextmanager
def _translate_errors(action: str, where: str) -> Iterator[None]:
    try:
        yield
    except (RedisConnectionError, RedisTimeoutError) as exc:
        raise JobsUnavailable(f"Redis at {where} did not {action}: {exc}") from exc
    except RedisError as exc:
        raise JobsError(f"Redis at {where} refused to {action}: {exc}") from exc
