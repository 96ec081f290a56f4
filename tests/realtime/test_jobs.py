"""Both job runners, in threads and on RQ, run, retry and dedupe jobs alike."""

from __future__ import annotations

import math

import pytest
from realtime_sample_jobs import (
    append_line,
    fail_until,
    lines,
    record_arguments,
    run_slowly,
)
from realtime_support import JobsHarness

from realtime.errors import InvalidJob, UnsupportedBackend
from realtime.jobs import RQJobRunner, ThreadJobRunner, connect_jobs


def test_a_job_runs_with_its_arguments_as_json_gives_them(
    jobs: JobsHarness, trace: str
) -> None:
    runner = jobs.runner()

    runner.enqueue(record_arguments, trace, (1, 2), {"a": None}, flag=True)
    jobs.run_all()

    assert lines(trace) == [repr((([1, 2], {"a": None}), {"flag": True}))]


def test_jobs_without_an_id_all_run(jobs: JobsHarness, trace: str) -> None:
    runner = jobs.runner()

    ids = {runner.enqueue(append_line, trace, "line") for _ in range(3)}
    jobs.run_all()

    assert len(ids) == 3
    assert lines(trace) == ["line"] * 3


def test_a_failing_job_is_retried_until_it_succeeds(
    jobs: JobsHarness, trace: str
) -> None:
    runner = jobs.runner(retry_delays=(0, 0))

    runner.enqueue(fail_until, trace, 2)
    jobs.run_all()

    assert lines(trace) == ["attempt", "attempt", "attempt", "done"]


def test_a_job_that_keeps_failing_stops_after_its_retries(
    jobs: JobsHarness, trace: str
) -> None:
    runner = jobs.runner(retry_delays=(0, 0))

    runner.enqueue(fail_until, trace, 10)
    jobs.run_all()

    assert lines(trace) == ["attempt"] * 3


def test_a_job_id_enqueued_twice_while_pending_runs_once(
    jobs: JobsHarness, trace: str
) -> None:
    runner = jobs.runner()

    first = runner.enqueue(run_slowly, trace, 0.3, job_id="deliver-answer-1")
    second = runner.enqueue(run_slowly, trace, 0.3, job_id="deliver-answer-1")
    jobs.run_all()

    assert first == second == "deliver-answer-1"
    assert lines(trace) == ["start", "end"]


def test_a_finished_job_id_can_run_again(jobs: JobsHarness, trace: str) -> None:
    runner = jobs.runner()

    runner.enqueue(append_line, trace, "first", job_id="sweep-7")
    jobs.run_all()
    runner.enqueue(append_line, trace, "second", job_id="sweep-7")
    jobs.run_all()

    assert lines(trace) == ["first", "second"]


def test_a_job_id_that_failed_for_good_can_run_again(
    jobs: JobsHarness, trace: str
) -> None:
    runner = jobs.runner(retry_delays=())

    runner.enqueue(fail_until, trace, 1, job_id="transcode-3")
    jobs.run_all()
    runner.enqueue(fail_until, trace, 1, job_id="transcode-3")
    jobs.run_all()

    assert lines(trace) == ["attempt", "attempt", "done"]


def _make_nested_job() -> object:
    def nested_job() -> None:
        pass

    return nested_job


nested_job = _make_nested_job()


@pytest.mark.parametrize(
    "func",
    [lambda: None, str.upper, ThreadJobRunner.ping, nested_job],
    ids=["lambda", "method-descriptor", "method", "not-module-level"],
)
def test_enqueue_refuses_functions_a_worker_cannot_import(
    jobs: JobsHarness, func: object
) -> None:
    runner = jobs.runner()

    with pytest.raises(InvalidJob):
        runner.enqueue(func)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "argument",
    [object(), b"bytes", {1, 2}, math.nan, math.inf],
    ids=["object", "bytes", "set", "nan", "inf"],
)
def test_enqueue_refuses_arguments_that_are_not_json(
    jobs: JobsHarness, trace: str, argument: object
) -> None:
    runner = jobs.runner()

    with pytest.raises(InvalidJob):
        runner.enqueue(record_arguments, trace, argument)
    with pytest.raises(InvalidJob):
        runner.enqueue(record_arguments, trace, value=argument)


@pytest.mark.parametrize("job_id", ["", "a b", "rq:job", "ответ-1", "a/b"])
def test_enqueue_refuses_malformed_job_ids(
    jobs: JobsHarness, trace: str, job_id: str
) -> None:
    runner = jobs.runner()

    with pytest.raises(InvalidJob):
        runner.enqueue(append_line, trace, "x", job_id=job_id)


def test_connect_jobs_picks_the_backend_by_url() -> None:
    runners = [connect_jobs(None), connect_jobs("memory://")]
    runners.append(connect_jobs("redis://127.0.0.1:6379/15", queue="media"))

    assert isinstance(runners[0], ThreadJobRunner)
    assert isinstance(runners[1], ThreadJobRunner)
    assert isinstance(runners[2], RQJobRunner)
    assert runners[2].queue == "media"
    with pytest.raises(UnsupportedBackend):
        connect_jobs("amqp://127.0.0.1/")
    for runner in runners:
        runner.close()
