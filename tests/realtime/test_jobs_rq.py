"""The RQ runner and its workers: JSON jobs, retries on the scheduler, crashes."""

from __future__ import annotations

import json
import os
import threading
import time

import pytest
import redis
from realtime_sample_jobs import (
    append_line,
    fail_until,
    hang_on_first_attempt,
    lines,
    run_slowly,
)
from realtime_support import UNREACHABLE_REDIS_URL, WorkerFactory, wait_until
from rq import Queue
from rq.job import Job, JobStatus
from rq.serializers import JSONSerializer

from realtime.errors import JobsUnavailable
from realtime.jobs import RQJobRunner, run_worker
from realtime.jobs.rq import RQWorker

pytestmark = pytest.mark.redis


def test_jobs_are_stored_as_json_with_a_description_free_of_arguments(
    redis_url: str, queue: str, trace: str
) -> None:
    runner = RQJobRunner(redis_url, queue)

    job_id = runner.enqueue(append_line, trace, "Ivan, +7 900 000-00-00")
    connection = redis.Redis.from_url(redis_url)
    job = Job.fetch(job_id, connection=connection, serializer=JSONSerializer)

    assert job.args == [trace, "Ivan, +7 900 000-00-00"]
    assert job.description == "realtime_sample_jobs.append_line"
    assert json.loads(JSONSerializer.dumps(job.args)) == job.args
    assert job.timeout == 600
    assert job.retries_left == 3
    runner.close()
    connection.close()


def test_retries_wait_their_delay_on_the_workers_scheduler(
    redis_url: str, queue: str, trace: str, start_worker: WorkerFactory
) -> None:
    runner = RQJobRunner(redis_url, queue, retry_delays=(1, 1))
    worker = start_worker()

    started = time.monotonic()
    runner.enqueue(fail_until, trace, 2)
    wait_until(lambda: "done" in lines(trace), 30, "the third attempt", worker.output)

    assert lines(trace) == ["attempt", "attempt", "attempt", "done"]
    assert time.monotonic() - started >= 2
    runner.close()


def test_a_job_id_is_not_enqueued_again_while_it_runs(
    redis_url: str, queue: str, trace: str, start_worker: WorkerFactory
) -> None:
    runner = RQJobRunner(redis_url, queue)
    worker = start_worker()
    runner.enqueue(run_slowly, trace, 1.0, job_id="media-9")
    wait_until(lambda: lines(trace) == ["start"], 20, "the job's start", worker.output)

    assert runner.enqueue(run_slowly, trace, 1.0, job_id="media-9") == "media-9"
    connection = redis.Redis.from_url(redis_url)
    assert Queue(queue, connection=connection).count == 0
    wait_until(lambda: "end" in lines(trace), 20, "the job's end", worker.output)

    assert lines(trace) == ["start", "end"]
    runner.close()
    connection.close()


def test_a_job_id_left_as_a_bare_heartbeat_can_be_enqueued(
    redis_url: str, queue: str, trace: str, start_worker: WorkerFactory
) -> None:
    # RQ leaves such a hash when a heartbeat lands just after a job's deletion.
    connection = redis.Redis.from_url(redis_url)
    connection.hset(Job.key_for("sweep-1"), "last_heartbeat", "2026-01-01T00:00:00Z")
    runner = RQJobRunner(redis_url, queue)

    assert runner.enqueue(append_line, trace, "ran", job_id="sweep-1") == "sweep-1"
    assert start_worker(burst=True).wait(timeout=30) == 0

    assert lines(trace) == ["ran"]
    runner.close()
    connection.close()


@pytest.mark.slow
def test_the_job_of_a_killed_worker_runs_again_on_another_worker(
    redis_url: str, queue: str, trace: str, start_worker: WorkerFactory
) -> None:
    # RQ counts a job as abandoned 60 s after its last heartbeat plus the
    # heartbeat interval, capped by the job's timeout: 5 s here, so about 65 s.
    # Retries without delay need no scheduler; the killed worker held its lock.
    runner = RQJobRunner(redis_url, queue, job_timeout=5, retry_delays=(0, 0, 0))
    first = start_worker(maintenance_interval=2)
    job_id = runner.enqueue(hang_on_first_attempt, trace)
    wait_until(lambda: bool(lines(trace)), 20, "the first attempt", first.output)

    first.kill()
    horse = int(lines(trace)[0].split()[1])
    wait_until(lambda: not _is_alive(horse), 5, "the death of the work-horse")
    second = start_worker(maintenance_interval=2)
    wait_until(lambda: len(lines(trace)) == 2, 90, "the second attempt", second.output)

    assert lines(trace)[1].startswith("finished")
    connection = redis.Redis.from_url(redis_url)
    job = Job.fetch(job_id, connection=connection, serializer=JSONSerializer)
    wait_until(lambda: job.get_status() == JobStatus.FINISHED, 10, "the job's end")
    runner.close()
    connection.close()


def test_ping_and_enqueue_on_unreachable_redis_raise_quickly(trace: str) -> None:
    runner = RQJobRunner(UNREACHABLE_REDIS_URL)
    started = time.monotonic()

    with pytest.raises(JobsUnavailable):
        runner.ping()
    with pytest.raises(JobsUnavailable):
        runner.enqueue(append_line, trace, "x", job_id="x")
    with pytest.raises(JobsUnavailable):
        runner.enqueue(append_line, trace, "x")

    assert time.monotonic() - started < 5
    runner.close()


def test_a_worker_refuses_to_start_without_redis() -> None:
    with pytest.raises(JobsUnavailable):
        run_worker(UNREACHABLE_REDIS_URL, burst=True)


def _is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A killed child of a dead worker lingers as a zombie until init reaps it.
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        return stat.read().rsplit(")", 1)[1].split()[0] != "Z"


def test_a_worker_stops_listening_at_once_when_the_reply_to_unsubscribe_comes_first(
    redis_url: str, queue: str
) -> None:
    connection = redis.Redis.from_url(redis_url)
    worker = RQWorker([Queue(queue, connection=connection)], connection=connection)
    worker.subscribe()
    assert worker.pubsub is not None
    time.sleep(0.3)  # the listener is now in its long read
    send_unsubscribe = worker.pubsub.unsubscribe

    def unsubscribe_and_let_the_listener_read_the_reply(*channels: str) -> None:
        send_unsubscribe(*channels)
        time.sleep(0.5)

    worker.pubsub.unsubscribe = unsubscribe_and_let_the_listener_read_the_reply
    stopping = threading.Thread(target=worker.unsubscribe, daemon=True)
    stopping.start()
    # Without the flag lowered first, the listener reads on for up to 60 s.
    stopping.join(timeout=10)

    assert not stopping.is_alive()
    connection.close()
