"""Settings and helpers of the real-time tests: the test Redis, RQ workers, runners."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

from realtime.bus import Bus
from realtime.jobs import JobRunner, RQJobRunner, ThreadJobRunner

REDIS_URL = os.environ.get("LIVELINE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

# Nothing listens on port 1, so connecting there is refused at once.
UNREACHABLE_REDIS_URL = "redis://127.0.0.1:1/0"

BusFactory = Callable[..., Awaitable[Bus]]

TESTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = TESTS_DIR.parent.parent


class WorkerProcess:
    """An RQ worker started by `realtime.jobs.run_worker` in its own session."""

    def __init__(
        self,
        redis_url: str,
        queue: str,
        log: Path,
        *,
        burst: bool = False,
        maintenance_interval: int = 30,
    ) -> None:
        code = (
            "import logging, sys\n"
            "logging.basicConfig(level=logging.INFO, stream=sys.stderr)\n"
            "from realtime.jobs import run_worker\n"
            f"run_worker({redis_url!r}, [{queue!r}], burst={burst!r},"
            f" maintenance_interval={maintenance_interval!r})\n"
        )
        # The workers import the sample jobs by their module name, as the
        # tests, which run with this directory on sys.path, enqueued them.
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(REPO_ROOT), str(TESTS_DIR)]),
        }
        self.log = log
        with log.open("ab") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-c", code],
                cwd=REPO_ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                # Its own session and process group, so that a kill reaches
                # the worker and its scheduler but nothing of pytest's.
                start_new_session=True,
            )

    def wait(self, timeout: float) -> int:
        """Wait for the worker to exit by itself and return its exit code."""
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(
                f"the worker did not exit within {timeout} s:\n{self.output()}"
            ) from None

    def kill(self) -> None:
        """SIGKILL the worker and its children, as a crash of the machine would."""
        # RQ puts each work-horse in a process group of its own, so killing
        # the worker's group alone would leave the horse running the job.
        children = _children(self.process.pid)
        self._signal_group(signal.SIGKILL)
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        """Ask the worker to stop, and kill it if it does not within ten seconds."""
        if self.process.poll() is not None:
            return
        self._signal_group(signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.kill()

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def _signal_group(self, signum: signal.Signals) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signum)


WorkerFactory = Callable[..., WorkerProcess]


def _children(parent: int) -> list[int]:
    """Return the ids of the processes whose parent is `parent` (Linux only)."""
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name, in parentheses, may itself hold spaces.
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == parent:
            children.append(int(entry.name))
    return children


def wait_until(
    condition: Callable[[], bool],
    timeout: float,
    what: str,
    explain: Callable[[], str] = lambda: "",
) -> None:
    """Poll `condition` until it holds; fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(
                f"{what} did not happen within {timeout} s\n{explain()}"
            )
        time.sleep(0.05)


class JobsHarness(ABC):
    """One backend of the job runner, with a way to see its jobs through."""

    def __init__(self) -> None:
        self.runners: list[JobRunner] = []

    def runner(self, retry_delays: Sequence[int] = (0, 0)) -> JobRunner:
        """Return a new runner that retries failed jobs after `retry_delays`."""
        runner = self._make(retry_delays)
        self.runners.append(runner)
        return runner

    @abstractmethod
    def run_all(self) -> None:
        """Return once every job enqueued so far has finished or failed for good."""

    def close(self) -> None:
        for runner in self.runners:
            runner.close()

    @abstractmethod
    def _make(self, retry_delays: Sequence[int]) -> JobRunner: ...


class ThreadHarness(JobsHarness):
    def run_all(self) -> None:
        for runner in self.runners:
            assert isinstance(runner, ThreadJobRunner)
            assert runner.drain(timeout=10), "the jobs did not finish within 10 s"

    def _make(self, retry_delays: Sequence[int]) -> JobRunner:
        return ThreadJobRunner(2, retry_delays=retry_delays)


class RQHarness(JobsHarness):
    def __init__(self, redis_url: str, queue: str, start_worker: WorkerFactory) -> None:
        super().__init__()
        self.redis_url = redis_url
        self.queue = queue
        self.start_worker = start_worker

    def run_all(self) -> None:
        # A burst worker leaves once the queue is empty; retries without a
        # delay go straight back on the queue, so it runs those as well.
        worker = self.start_worker(burst=True)
        assert worker.wait(timeout=30) == 0, worker.output()

    def _make(self, retry_delays: Sequence[int]) -> JobRunner:
        return RQJobRunner(self.redis_url, self.queue, retry_delays=retry_delays)
