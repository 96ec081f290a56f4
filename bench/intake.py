"""Durable intake against a bare endpoint: throughput and latency, in one run.

Two pairs of servers run on 127.0.0.1, each started the way ``liveline serve``
starts uvicorn (same worker count, log level, proxy headers, and whatever HTTP
parser and event loop uvicorn picks):

- a bare Starlette endpoint that parses the JSON body and answers 201, storing
  nothing, on one worker, beside Liveline embedded (``liveline serve``: SQLite,
  one worker);
- the bare endpoint on two workers, beside Liveline on PostgreSQL and Redis
  with two workers (``--workers 2``).

Each server is measured at saturation (``wrk``, closed loop, a unique question
a request) and at a fixed offered load (an open-loop generator in this process:
request *n* is due at ``n / rate`` seconds and its latency counts from then, so
a slow server cannot slow the generator down and hide its queueing). The two
servers of a pair run side by side and are measured in turns, each phase
starting once both are idle, so that the machine's background load weighs on
both alike. After each Liveline phase the rows in the database are counted
against the 201s received, and every tracking code answered 201 is looked up.

Run from the repository root (``wrk`` must be installed: ``apt-get install
wrk``)::

    .venv/bin/python -m bench.intake
    .venv/bin/python -m bench.intake --duration 5 --only sqlite

The PostgreSQL database ``liveline_bench`` is created if missing and emptied;
the Redis database of ``--redis-url`` (13 by default) is emptied before and
after. Server logs go to ``bench/out/intake/``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import count
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
LOGS = REPOSITORY / "bench" / "out" / "intake"
PATH = "/api/events/bench/submissions"
POSTGRES_ADMIN_URL = "postgresql://127.0.0.1:5432/test"
BENCH_DATABASE = "liveline_bench"
# As liveline.cli._run_web calls uvicorn: the baseline must be served alike.
UVICORN_OPTIONS = {"proxy_headers": True, "access_log": False}
HIGH_LIMIT = "1000000000/minute"

LUA = r"""
-- Unique questions; the tracking code of every 201 is kept, one file a thread.
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end
function init(args)
  tag, accepted, other, sent = args[1], 0, 0, 0
  codes = io.open(args[2] .. "-" .. id .. ".txt", "w")
end
function request()
  sent = sent + 1
  local body = string.format(
    '{"text":"Вопрос %s-%d-%d: когда отремонтируют дорогу на улице Ленина?",' ..
    '"municipality":"Сургут"}', tag, id, sent)
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end
function response(status, headers, body)
  if status == 201 then
    accepted = accepted + 1
    codes:write(string.match(body, '"tracking_code":"([^"]+)"') or "?", "\n")
    if accepted % 256 == 0 then codes:flush() end
  else
    other = other + 1
  end
end
function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    io.write(string.format("THREAD accepted=%d other=%d\n",
      thread:get("accepted"), thread:get("other")))
  end
end
"""


# --- the baseline -----------------------------------------------------------


def create_bare_app() -> object:
    """A Starlette endpoint taking Liveline's submission body and storing nothing."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse, Response
    from starlette.routing import Route

    numbers = count(1)

    async def create_submission(request: Request) -> Response:
        data = json.loads(await request.body())
        if not isinstance(data, dict) or "text" not in data:
            return JSONResponse({"code": "text_required"}, status_code=422)
        code = f"BARE-{next(numbers):09d}"
        return JSONResponse({"tracking_code": code, "status": "received"}, 201)

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    return Starlette(
        routes=[
            Route(PATH.replace("bench", "{slug}"), create_submission, methods=["POST"]),
            Route("/healthz", healthz),
        ]
    )


def serve_bare(port: int, workers: int) -> None:
    """Serve the bare endpoint as ``liveline serve`` serves Liveline."""
    import uvicorn

    uvicorn.run(
        "bench.intake:create_bare_app",
        factory=True,
        host="127.0.0.1",
        port=port,
        workers=workers,
        **UVICORN_OPTIONS,  # type: ignore[arg-type]
    )


# --- servers ----------------------------------------------------------------


@dataclass
class Target:
    """A server to measure: how to start it, and where it stores (if it does)."""

    name: str
    workers: int
    liveline: bool
    env: dict[str, str] = field(default_factory=dict)
    database_url: str | None = None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def group_cpu_seconds(group: int) -> float:
    """User and system CPU of every live process of a process group."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[2]) == group:
            total += int(fields[11]) + int(fields[12])
    return total / tick


@contextmanager
def running(target: Target, log: Path) -> Iterator[tuple[int, int]]:
    """Start ``target``; yield its port and process group; always stop it."""
    port = free_port()
    if target.liveline:
        command = [sys.executable, "-m", "liveline.cli", "serve"]
    else:
        command = [sys.executable, "-m", "bench.intake", "serve-bare"]
    command += ["--port", str(port), "--workers", str(target.workers)]
    env = {**os.environ, **target.env}
    with log.open("ab") as out:
        process = subprocess.Popen(
            command,
            cwd=REPOSITORY,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_ready(process, port, log)
        # A session of its own: the process group is the server's pid.
        yield port, process.pid
    finally:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


def _wait_ready(process: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited; see {log}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: bench\r\n\r\n")
                if sock.recv(64).startswith(b"HTTP/1.1 200"):
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"server not ready in 30 s; see {log}")


def liveline_cli(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "liveline.cli", *args],
        cwd=REPOSITORY,
        env={**os.environ, **env},
        check=True,
        capture_output=True,
        timeout=60,
    )


def create_event(env: dict[str, str]) -> None:
    now = datetime.now(UTC)
    liveline_cli(
        env,
        *("event", "create", "bench", "--title", "Bench", "--languages", "ru,en"),
        *("--opens-at", (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")),
        *("--closes-at", (now + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")),
        *("--municipality", "Сургут"),
    )


def prepare_postgres() -> str:
    """Create (once) and empty the bench's own PostgreSQL database."""
    import psycopg

    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (BENCH_DATABASE,)
        ).fetchone()
        if not exists:
            connection.execute(f"CREATE DATABASE {BENCH_DATABASE}")
    url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + "/" + BENCH_DATABASE
    liveline_cli({"LIVELINE_DATABASE_URL": url}, "migrate")
    with psycopg.connect(url, autocommit=True) as connection:
        tables = connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            " AND tablename <> 'alembic_version'"
        ).fetchall()
        names = ", ".join(f'"{row[0]}"' for row in tables)
        connection.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
    return url


def flush_redis(url: str) -> None:
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=2)
    try:
        client.flushdb()
    finally:
        client.close()


def stored_codes(database_url: str) -> set[str]:
    """Every tracking code in the database."""
    import sqlalchemy as sa

    from liveline import db

    engine = db.create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(sa.text("SELECT tracking_code FROM submissions"))
            return {row[0] for row in rows}
    finally:
        engine.dispose()


# --- saturation with wrk ----------------------------------------------------


@dataclass
class Saturation:
    """What ``wrk`` saw in a closed-loop run."""

    seconds: float
    accepted: int
    other: int
    errors: int
    p50_ms: float
    p99_ms: float
    codes: list[str]
    wrk_cpu_s: float

    @property
    def rate(self) -> float:
        return self.accepted / self.seconds


def _percentile_ms(report: str, percent: int) -> float:
    """A latency percentile from wrk's "Latency Distribution" lines."""
    found = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)$", report, re.MULTILINE)
    if found is None:
        raise RuntimeError(f"no {percent}% latency in wrk's report:\n{report}")
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[found[2]]
    return float(found[1]) * scale


def saturate(
    port: int, seconds: float, connections: int, tag: str, work: Path
) -> Saturation:
    """Run ``wrk`` for ``seconds`` with ``connections`` connections on one thread."""
    script = work / "intake.lua"
    script.write_text(LUA)
    prefix = work / f"codes-{tag}"
    command = [
        "wrk", "-t1", f"-c{connections}", f"-d{seconds:g}s", "--latency",
        "--timeout", "10s", "-s", str(script),
        f"http://127.0.0.1:{port}{PATH}", "--", tag, str(prefix),
    ]  # fmt: skip
    with (work / f"wrk-{tag}.txt").open("w+") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        report = out.read()
    if process.returncode != 0:
        raise RuntimeError(f"wrk failed: {report}")
    took = re.search(r"requests in ([\d.]+)(m?s)", report)
    assert took, report
    elapsed = float(took[1]) * (60.0 if took[2] == "m" else 1.0)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", report
    )
    codes = [
        line
        for path in sorted(work.glob(f"codes-{tag}-*.txt"))
        for line in path.read_text().split()
    ]
    return Saturation(
        seconds=elapsed,
        accepted=sum(int(n) for n in re.findall(r"THREAD accepted=(\d+)", report)),
        other=sum(int(n) for n in re.findall(r"other=(\d+)", report)),
        errors=sum(int(n) for n in errors.groups()) if errors else 0,
        p50_ms=_percentile_ms(report, 50),
        p99_ms=_percentile_ms(report, 99),
        codes=codes,
        wrk_cpu_s=usage.ru_utime + usage.ru_stime,
    )


# --- fixed offered load, open loop ------------------------------------------


@dataclass
class FixedLoad:
    """What the open-loop generator saw at a fixed offered rate."""

    offered: int
    accepted: int
    failed: Counter[str]
    latencies_ms: list[float]
    codes: list[str]
    lag_p99_ms: float
    generator_cpu_s: float
    seconds: float

    def percentile(self, share: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


class _Connection:
    def __init__(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        self.reader, self.writer = reader, writer

    async def post(self, request: bytes) -> tuple[int, bytes]:
        self.writer.write(request)
        head = await self.reader.readuntil(b"\r\n\r\n")
        length = re.search(rb"(?i)content-length:\s*(\d+)", head)
        body = await self.reader.readexactly(int(length[1])) if length else b""
        return int(head[9:12]), body


async def offer(
    port: int,
    rate: float,
    seconds: float,
    tag: str,
    *,
    timeout: float = 5.0,
    limit: int = 512,
) -> FixedLoad:
    """Send ``rate`` requests a second for ``seconds``, each when it is due."""
    idle: asyncio.Queue[_Connection] = asyncio.Queue()
    opened = 0
    result = FixedLoad(0, 0, Counter(), [], [], 0.0, 0.0, seconds)
    lags: list[float] = []
    host = f"127.0.0.1:{port}".encode()

    def request(number: int) -> bytes:
        body = json.dumps(
            {
                "text": f"Вопрос {tag}-{number}: когда починят дорогу?",
                "municipality": "Сургут",
            },
            ensure_ascii=False,
        ).encode()
        return (
            b"POST " + PATH.encode() + b" HTTP/1.1\r\nHost: " + host
            + b"\r\nContent-Type: application/json\r\nContent-Length: "
            + str(len(body)).encode() + b"\r\n\r\n" + body
        )  # fmt: skip

    async def acquire() -> _Connection:
        nonlocal opened
        if not idle.empty():
            return idle.get_nowait()
        if opened < limit:
            opened += 1
            try:
                return _Connection(*await asyncio.open_connection("127.0.0.1", port))
            except OSError:
                opened -= 1
                raise
        return await idle.get()

    async def one(number: int, due: float) -> None:
        nonlocal opened
        lags.append(time.perf_counter() - due)
        connection: _Connection | None = None
        try:
            async with asyncio.timeout(timeout):
                connection = await acquire()
                status, body = await connection.post(request(number))
        except (OSError, TimeoutError, asyncio.IncompleteReadError) as exc:
            result.failed[type(exc).__name__] += 1
            if connection is not None:
                connection.writer.close()
                opened -= 1
            return
        idle.put_nowait(connection)
        if status != 201:
            result.failed[f"HTTP {status}"] += 1
            return
        result.latencies_ms.append((time.perf_counter() - due) * 1000)
        result.accepted += 1
        result.codes.append(json.loads(body)["tracking_code"])

    cpu = time.process_time()
    total = int(rate * seconds)
    # uvloop's clock ticks in whole milliseconds: time requests with perf_counter.
    start = time.perf_counter() + 0.05
    tasks: set[asyncio.Task[None]] = set()
    for number in range(total):
        due = start + number / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        task = asyncio.create_task(one(number, due))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    result.offered = total
    if tasks:
        await asyncio.wait(tasks, timeout=timeout + 1)
    while not idle.empty():
        idle.get_nowait().writer.close()
    result.generator_cpu_s = time.process_time() - cpu
    lags.sort()
    result.lag_p99_ms = lags[int(0.99 * (len(lags) - 1))] * 1000 if lags else 0.0
    return result


def run_offer(port: int, rate: float, seconds: float, tag: str) -> FixedLoad:
    """Run :func:`offer` on uvloop (as the servers do) in this process."""
    import uvloop

    return uvloop.run(offer(port, rate, seconds, tag))


# --- a pair: the baseline and Liveline, side by side -------------------------


@dataclass
class Outcome:
    """The measurements of one server, and the check of its database."""

    target: Target
    saturation: Saturation
    fixed: FixedLoad
    cpu_cores: float
    busy_after_s: float
    checks: list[str] = field(default_factory=list)
    lost: int = 0

    @property
    def cpu_us_per_request(self) -> float:
        """Server CPU per accepted request at saturation: steady under contention."""
        seconds = self.cpu_cores * self.saturation.seconds
        return seconds / max(self.saturation.accepted, 1) * 1e6


def wait_idle(groups: Sequence[int], timeout: float = 60.0) -> float:
    """Wait until these servers use under 8% of a core; return the seconds waited.

    Liveline keeps working after a burst (the embedded mode clusters what it
    took in); a phase starts only once both servers of a pair are quiet.
    """
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        before = sum(group_cpu_seconds(group) for group in groups)
        time.sleep(0.25)
        if sum(group_cpu_seconds(group) for group in groups) - before < 0.02:
            break
    return time.monotonic() - started


def measure_pair(
    bare: Target, ours: Target, args: argparse.Namespace, work: Path
) -> list[Outcome]:
    """Measure the baseline and Liveline, both running, phase by phase.

    The two saturation runs follow each other, then the two fixed-load runs in
    the opposite order, so that a change of the machine's background load
    weighs on both alike.
    """
    with (
        running(bare, LOGS / f"{bare.name}.log") as (bare_port, bare_group),
        running(ours, LOGS / f"{ours.name}.log") as (our_port, our_group),
    ):
        groups = (bare_group, our_group)
        run_offer(bare_port, 200, 1.0, f"{bare.name}-warm")
        run_offer(our_port, 200, 1.0, f"{ours.name}-warm")
        wait_idle(groups)
        rows = [count_rows(ours)]

        sides = ((bare, bare_port, bare_group), (ours, our_port, our_group))
        saturated = [_saturate_then_settle(side, groups, args, work) for side in sides]
        rows.append(count_rows(ours))

        our_fixed = run_offer(our_port, args.rate, args.duration, f"{ours.name}-f")
        wait_idle(groups)
        rows.append(count_rows(ours))
        bare_fixed = run_offer(bare_port, args.rate, args.duration, f"{bare.name}-f")

    outcomes = [
        Outcome(target, run, fixed, cores, busy)
        for target, (run, cores, busy), fixed in zip(
            (bare, ours), saturated, (bare_fixed, our_fixed), strict=True
        )
    ]
    _check_database(outcomes[1], rows, args.connections)
    return outcomes


def _saturate_then_settle(
    side: tuple[Target, int, int],
    groups: Sequence[int],
    args: argparse.Namespace,
    work: Path,
) -> tuple[Saturation, float, float]:
    """Saturate one server; its CPU in cores, and how long it stayed busy after."""
    target, port, group = side
    cpu = group_cpu_seconds(group)
    run = saturate(port, args.duration, args.connections, target.name, work)
    cores = (group_cpu_seconds(group) - cpu) / run.seconds
    return run, cores, wait_idle(groups)


def count_rows(target: Target) -> int:
    """The submissions in the target's database."""
    import sqlalchemy as sa

    from liveline import db

    assert target.database_url is not None
    engine = db.create_engine(target.database_url)
    try:
        with engine.connect() as connection:
            query = sa.text("SELECT count(*) FROM submissions")
            return int(connection.execute(query).scalar_one())
    finally:
        engine.dispose()


def _check_database(outcome: Outcome, rows: list[int], connections: int) -> None:
    before, middle, after = rows
    saturation, fixed = outcome.saturation, outcome.fixed
    assert outcome.target.database_url is not None
    stored = stored_codes(outcome.target.database_url)
    acknowledged = set(saturation.codes) | set(fixed.codes)
    outcome.lost = len(acknowledged - stored)
    unread = (middle - before) - saturation.accepted
    outcome.checks.append(
        f"saturation: {middle - before} rows for {saturation.accepted} 201s"
        f" ({unread:+d}: stored for requests in flight when wrk stopped;"
        f" at most {connections})"
    )
    verdict = "equal" if after - middle == fixed.accepted else "DIFFERENT"
    outcome.checks.append(
        f"fixed load: {after - middle} rows for {fixed.accepted} 201s ({verdict})"
    )
    outcome.checks.append(
        f"acknowledged codes missing from the database: {outcome.lost}"
        f" of {len(acknowledged)}"
    )


# --- the report -------------------------------------------------------------

LABELS = {
    "bare-1": "bare Starlette, 1 worker",
    "liveline-sqlite": "Liveline SQLite, 1 worker",
    "bare-2": "bare Starlette, 2 workers",
    "liveline-postgres": "Liveline PG+Redis, 2 workers",
}
RATE_GOAL = 0.6
P99_GOAL_MS = 50.0


def _pairs(args: argparse.Namespace, work: Path) -> list[tuple[Target, Target]]:
    limits = {
        "LIVELINE_RATE_LIMIT_PER_IP": HIGH_LIMIT,
        "LIVELINE_RATE_LIMIT_PER_CONTACT": HIGH_LIMIT,
    }
    pairs: list[tuple[Target, Target]] = []
    if args.only in (None, "sqlite"):
        data = work / "embedded"
        url = f"sqlite:///{data / 'liveline.sqlite3'}"
        env = {**limits, "LIVELINE_DATA_DIR": str(data), "LIVELINE_DATABASE_URL": url}
        ours = Target("liveline-sqlite", 1, True, env, url)
        pairs.append((Target("bare-1", 1, liveline=False), ours))
    if args.only in (None, "postgres"):
        url = prepare_postgres()
        env = {
            **limits,
            "LIVELINE_DATA_DIR": str(work / "production"),
            "LIVELINE_DATABASE_URL": url,
            "LIVELINE_REDIS_URL": args.redis_url,
        }
        ours = Target("liveline-postgres", 2, True, env, url)
        pairs.append((Target("bare-2", 2, liveline=False), ours))
    return pairs


def _verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def report(pairs: Sequence[list[Outcome]], args: argparse.Namespace) -> None:
    """Print the table, the ratios to the baseline, the goals and the checks."""
    fixed = f"at {args.rate:g}/s:"
    print()
    print(f"{'':<29} {'saturation':^35} | {fixed:^27}")
    print(
        f"{'server':<29} {'acc/s':>7} {'p50':>6} {'p99':>7} {'cores':>5} {'us/req':>6}"
        f" | {'p50':>6} {'p99':>7} {'failed':>6} {'lag':>4}"
    )
    for outcome in (outcome for pair in pairs for outcome in pair):
        run, steady = outcome.saturation, outcome.fixed
        print(
            f"{LABELS[outcome.target.name]:<29} {run.rate:>7.0f} {run.p50_ms:>6.1f}"
            f" {run.p99_ms:>7.1f} {outcome.cpu_cores:>5.2f}"
            f" {outcome.cpu_us_per_request:>6.0f}"
            f" | {steady.percentile(0.50):>6.1f} {steady.percentile(0.99):>7.1f}"
            f" {steady.offered - steady.accepted:>6d} {steady.lag_p99_ms:>4.0f}"
        )
    print(
        "Latencies in ms. cores: CPU of the server's processes at saturation;"
        " us/req: that CPU\nper accepted request. lag: p99 of how late the open-loop"
        " generator sent (counted\nin its latencies)."
    )

    for bare, ours in pairs:
        share = ours.saturation.rate / bare.saturation.rate
        cost = ours.cpu_us_per_request / bare.cpu_us_per_request
        p99 = ours.fixed.percentile(0.99)
        print(f"\n{LABELS[ours.target.name]} / {LABELS[bare.target.name]}:")
        goal = f"goal >= {RATE_GOAL:.0%}: {_verdict(share >= RATE_GOAL)}"
        print(
            f"  accepted/s {share:.0%} ({goal});"
            f" CPU a request x{cost:.1f};"
            f" p50 x{ours.saturation.p50_ms / bare.saturation.p50_ms:.1f},"
            f" p99 x{ours.saturation.p99_ms / bare.saturation.p99_ms:.1f}"
        )
        goal = f"goal < {P99_GOAL_MS:g} ms: {_verdict(p99 < P99_GOAL_MS)}"
        print(
            f"  {fixed} p99 {p99:.1f} ms ({goal})"
            f" against {bare.fixed.percentile(0.99):.1f} ms;"
            f" failed {ours.fixed.offered - ours.fixed.accepted}"
            f" of {ours.fixed.offered} {dict(ours.fixed.failed) or ''}"
        )
        print(f"  busy for {ours.busy_after_s:.1f} s after saturation ended")
        for check in ours.checks:
            print(f"  {check}")

    print("\nThe load generators' own cost (against the bare endpoint):")
    for bare, _ in pairs:
        run = bare.saturation
        per_request = run.wrk_cpu_s / max(run.accepted + run.other, 1) * 1e6
        print(
            f"  wrk: {run.wrk_cpu_s / run.seconds:.0%} of a core at {run.rate:.0f}/s,"
            f" {per_request:.0f} us a request: one core would drive"
            f" ~{1e6 / per_request:,.0f}/s; open loop at {args.rate:g}/s:"
            f" {bare.fixed.generator_cpu_s / bare.fixed.seconds:.0%} of a core"
        )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=10.0, help="s a phase")
    parser.add_argument("--rate", type=float, default=1000.0, help="fixed load, /s")
    parser.add_argument("--connections", type=int, default=64, help="wrk's")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/13")
    parser.add_argument("--only", choices=("sqlite", "postgres"))
    sub = parser.add_subparsers(dest="command")
    bare = sub.add_parser("serve-bare", help="serve the baseline (the bench does)")
    bare.add_argument("--port", type=int, required=True)
    bare.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    if args.command == "serve-bare":
        serve_bare(args.port, args.workers)
        return

    load = " ".join(f"{n:.2f}" for n in os.getloadavg())
    print(f"load average before: {load}; {os.cpu_count()} CPUs")
    LOGS.mkdir(parents=True, exist_ok=True)
    for old_log in LOGS.glob("*.log"):
        old_log.unlink()
    flush_redis(args.redis_url)
    try:
        with tempfile.TemporaryDirectory(prefix="liveline-intake-") as directory:
            work = Path(directory)
            pairs = []
            for bare_target, ours in _pairs(args, work):
                create_event(ours.env)
                names = f"{LABELS[ours.name]} and {LABELS[bare_target.name]}"
                print(f"measuring {names} ...", flush=True)
                pairs.append(measure_pair(bare_target, ours, args, work))
    finally:
        flush_redis(args.redis_url)
    report(pairs, args)
    load = " ".join(f"{n:.2f}" for n in os.getloadavg())
    print(f"\nload average after: {load}")
    if any(outcome.lost for pair in pairs for outcome in pair):
        sys.exit("acknowledged submissions are missing from the database")


if __name__ == "__main__":
    main()
