"""Real ``liveline serve`` processes for the tests that need a server end to end.

A :class:`LivelineServer` is started on a free port of 127.0.0.1 with the
settings given as environment variables, in a session of its own so that its
uvicorn workers can be stopped together, and is ready once ``/healthz`` answers
200. Every wait is bounded; whoever starts a server stops it in a ``finally``
(the :func:`serving` block does that).

The test modules import this file by name: pytest puts ``tests/`` on the path
when it loads ``tests/conftest.py``.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import sqlalchemy as sa

from liveline import db

POSTGRES_URL = os.environ.get(
    "LIVELINE_TEST_POSTGRES_URL", "postgresql://127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("LIVELINE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
START_TIMEOUT_S = 20.0
STOP_TIMEOUT_S = 10.0


class ServerFailed(RuntimeError):
    """A server did not become ready, or a command of the CLI failed."""


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def liveline_env(directory: Path, **settings: str) -> dict[str, str]:
    """The environment of a Liveline process: this one's, with only our settings.

    ``settings`` are named as the ``Settings`` fields (``database_url=...``);
    every other ``LIVELINE_*`` variable of the caller is left out, and the data
    directory is ``directory/data``.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIVELINE_")}
    env["LIVELINE_DATA_DIR"] = str(directory / "data")
    for name, value in settings.items():
        env[f"LIVELINE_{name.upper()}"] = value
    return env


def run_cli(directory: Path, env: Mapping[str, str], *args: str) -> str:
    """Run ``liveline ARGS`` in ``directory`` and return what it printed.

    Raises:
        ServerFailed: the command failed or took longer than 30 seconds.
    """
    try:
        result = subprocess.run(
            [sys.executable, "-m", "liveline.cli", *args],
            cwd=directory,
            env=dict(env),
            capture_output=True,
            text=True,
            timeout=30,
        )
    except subprocess.TimeoutExpired as exc:
        raise ServerFailed(f"liveline {' '.join(args)} took over 30 s") from exc
    if result.returncode != 0:
        raise ServerFailed(f"liveline {' '.join(args)}: {result.stderr[-2000:]}")
    return result.stdout


def create_open_event(
    directory: Path, env: Mapping[str, str], slug: str, *extra: str
) -> None:
    """Create, through the CLI, an event taking questions from an hour ago."""
    now = datetime.now(UTC)
    run_cli(
        directory,
        env,
        "event",
        "create",
        slug,
        "--title",
        "Прямая линия с губернатором",
        "--languages",
        "ru,en",
        "--opens-at",
        (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "--closes-at",
        (now + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "--municipality",
        "Сургут",
        "--municipality",
        "Нягань",
        "--topic",
        "ЖКХ",
        *extra,
    )


@contextmanager
def private_postgres(url: str = POSTGRES_URL) -> Iterator[str]:
    """A migrated schema of the PostgreSQL test database, for one test alone.

    Several suites may run against the test database at once; truncating its
    tables under them (or having them truncated under us) would make either
    fail for nothing. A schema of our own, named in ``search_path``, keeps the
    test apart, and is dropped when the block ends.
    """
    schema = f"liveline_test_{uuid.uuid4().hex[:12]}"
    separator = "&" if "?" in url else "?"
    private = f"{url}{separator}options=-csearch_path%3D{schema}"
    engine = db.create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        db.migrate(private)
        yield private
    finally:
        with engine.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()


class LivelineServer:
    """One ``liveline serve`` process (and its workers) on a port of 127.0.0.1."""

    def __init__(
        self, directory: Path, env: Mapping[str, str], *, workers: int = 1
    ) -> None:
        self.directory = directory
        self.env = dict(env)
        self.workers = workers
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = directory / f"server-{self.port}.log"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = START_TIMEOUT_S) -> None:
        """Start the server and wait until ``/healthz`` answers 200.

        Raises:
            ServerFailed: it exited, or was not ready within ``timeout`` seconds.
        """
        command = [sys.executable, "-m", "liveline.cli", "serve"]
        command += ["--port", str(self.port), "--workers", str(self.workers)]
        with self.log_path.open("ab") as log:
            # A session of its own, so that a signal reaches every worker.
            self._process = subprocess.Popen(
                command,
                cwd=self.directory,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise ServerFailed(f"the server exited early:\n{self.log_tail()}")
            if self._is_healthy():
                return
            time.sleep(0.1)
        self.kill()
        raise ServerFailed(f"not ready in {timeout} s:\n{self.log_tail()}")

    def _is_healthy(self) -> bool:
        try:
            response = httpx.get(f"{self.base_url}/healthz", timeout=1.0)
        except httpx.HTTPError:
            return False
        return response.status_code == 200

    def stop(self, timeout: float = STOP_TIMEOUT_S) -> int | None:
        """Ask the server to stop (SIGTERM), killing it after ``timeout`` seconds."""
        return self._signal(signal.SIGTERM, timeout)

    def restart(self) -> None:
        """Stop the server gracefully and start it again on the same port.

        Raises:
            ServerFailed: it did not come back.
        """
        self.stop()
        self.start()

    def kill(self) -> int | None:
        """Kill the server and its workers at once (SIGKILL), as a crash would."""
        return self._signal(signal.SIGKILL, STOP_TIMEOUT_S)

    def _signal(self, number: signal.Signals, timeout: float) -> int | None:
        process, self._process = self._process, None
        if process is None:
            return None
        if process.poll() is None:
            _signal_group(process.pid, number)
        try:
            return process.wait(timeout)
        except subprocess.TimeoutExpired:
            _signal_group(process.pid, signal.SIGKILL)
            return process.wait(timeout)
        finally:
            # Workers outlive their parent under SIGKILL unless told too.
            _signal_group(process.pid, signal.SIGKILL)

    def log_tail(self, chars: int = 3000) -> str:
        """The end of what the server printed."""
        if not self.log_path.exists():
            return ""
        return self.log_path.read_text(errors="replace")[-chars:]


def _signal_group(group: int, number: signal.Signals) -> None:
    with suppress(ProcessLookupError):
        os.killpg(group, number)


@contextmanager
def serving(
    directory: Path, env: Mapping[str, str], *, workers: int = 1
) -> Iterator[LivelineServer]:
    """A started server, killed when the block ends whatever happened in it."""
    server = LivelineServer(directory, env, workers=workers)
    try:
        server.start()
        yield server
    finally:
        server.kill()
