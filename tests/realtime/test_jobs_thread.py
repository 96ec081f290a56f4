"""The in-process job runner logs, waits for retries without a thread, shuts down."""

from __future__ import annotations

import logging
import time

import pytest
from realtime_sample_jobs import append_line, fail_until, lines, run_slowly
from realtime_support import wait_until

from realtime.errors import JobsUnavailable
from realtime.jobs import ThreadJobRunner


def test_a_job_failing_for_good_is_logged_with_its_traceback(
    trace: str, caplog: pytest.LogCaptureFixture
) -> None:
    runner = ThreadJobRunner(1, retry_delays=(0,))

    job_id = runner.enqueue(fail_until, trace, 10)
    assert runner.drain(timeout=5)
    runner.close()

    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(warnings) == 1 and len(errors) == 1
    assert job_id in errors[0].getMessage()
    assert "realtime_sample_jobs.fail_until" in errors[0].getMessage()
    assert errors[0].exc_info is not None
    assert "fails on purpose" in str(errors[0].exc_info[1])
    # The arguments, which may name a citizen, stay out of the log.
    assert trace not in caplog.text


def test_a_job_waiting_for_its_retry_holds_no_thread(trace: str) -> None:
    runner = ThreadJobRunner(1, retry_delays=(0.3,))

    runner.enqueue(fail_until, trace, 1)
    runner.enqueue(append_line, trace, "other job")
    assert runner.drain(timeout=5)
    runner.close()

    assert lines(trace) == ["attempt", "other job", "attempt", "done"]


def test_shutdown_runs_the_queued_jobs_then_refuses_new_ones(trace: str) -> None:
    runner = ThreadJobRunner(1)
    runner.enqueue(run_slowly, trace, 0.2)
    runner.enqueue(append_line, trace, "queued")

    runner.shutdown(wait=True)

    assert lines(trace) == ["start", "end", "queued"]
    with pytest.raises(JobsUnavailable):
        runner.enqueue(append_line, trace, "too late")
    with pytest.raises(JobsUnavailable):
        runner.ping()


def test_shutdown_without_waiting_drops_the_queued_jobs(trace: str) -> None:
    runner = ThreadJobRunner(1)
    runner.enqueue(run_slowly, trace, 0.3)
    runner.enqueue(append_line, trace, "queued")
    wait_until(lambda: lines(trace) == ["start"], 5, "the first job's start")

    started = time.monotonic()
    runner.shutdown(wait=False)

    assert time.monotonic() - started < 0.2
    assert runner.drain(timeout=5)
    assert lines(trace) == ["start", "end"]


def test_shutdown_drops_the_retries_still_to_come(
    trace: str, caplog: pytest.LogCaptureFixture
) -> None:
    runner = ThreadJobRunner(1, retry_delays=(30,))
    runner.enqueue(fail_until, trace, 5)
    wait_until(lambda: "retrying in 30 s" in caplog.text, 5, "the first failure")

    started = time.monotonic()
    runner.shutdown(wait=True)

    assert time.monotonic() - started < 2
    assert runner.drain(timeout=0)
    assert lines(trace) == ["attempt"]
    assert "dropped" in caplog.text


def test_a_job_id_is_not_enqueued_again_while_it_runs(trace: str) -> None:
    runner = ThreadJobRunner(2)
    runner.enqueue(run_slowly, trace, 0.3, job_id="media-9")
    wait_until(lambda: lines(trace) == ["start"], 5, "the job's start")

    assert runner.enqueue(run_slowly, trace, 0.3, job_id="media-9") == "media-9"
    assert runner.drain(timeout=5)
    runner.close()

    assert lines(trace) == ["start", "end"]


def test_drain_reports_jobs_still_running_after_its_timeout(trace: str) -> None:
    with ThreadJobRunner(1) as runner:
        runner.enqueue(run_slowly, trace, 0.5)

        assert runner.drain(timeout=0.05) is False
        assert runner.drain(timeout=5) is True

    assert lines(trace) == ["start", "end"]
