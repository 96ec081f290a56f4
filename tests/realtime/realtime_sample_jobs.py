"""Jobs that the job-runner tests enqueue.

They are module-level functions, so RQ workers in other processes can import
them, and each leaves its trace as lines in a file, so that a test can see
what ran and how many times.
"""

from __future__ import annotations

import os
import time
from pathlib import Path


def append_line(path: str, text: str) -> None:
    """Add `text` as one line at the end of the file at `path`."""
    with Path(path).open("a", encoding="utf-8") as trace:
        trace.write(text + "\n")


def lines(path: str) -> list[str]:
    """Return the lines written to `path` so far, none if it does not exist."""
    file = Path(path)
    return file.read_text(encoding="utf-8").splitlines() if file.exists() else []


def record_arguments(path: str, *args: object, **kwargs: object) -> None:
    """Write the arguments as the job received them."""
    append_line(path, repr((args, kwargs)))


def fail_until(path: str, failures: int) -> None:
    """Fail on the first `failures` attempts, then succeed and say so."""
    append_line(path, "attempt")
    attempts = lines(path).count("attempt")
    if attempts <= failures:
        raise RuntimeError(f"attempt {attempts} fails on purpose")
    append_line(path, "done")


def run_slowly(path: str, seconds: float) -> None:
    """Mark the start, take `seconds`, mark the end."""
    append_line(path, "start")
    time.sleep(seconds)
    append_line(path, "end")


def hang_on_first_attempt(path: str) -> None:
    """On the first attempt, note the process and hang; on the next, finish."""
    if not lines(path):
        append_line(path, f"started {os.getpid()}")
        time.sleep(600)
    append_line(path, f"finished {os.getpid()}")
