"""Running an engine command as a child process and measuring it.

The child reads the input file named on its command line and writes its answer to
a file, as it would on a real run; its stderr goes to a file beside it, so that
a chatty engine cannot block on a full pipe. Time is wall-clock from start to
exit. Peak memory is the child's ``ru_maxrss`` as ``wait4`` reports it for that
child alone (on Linux the largest resident set of the child and of any
descendant it waited for).
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from bench.engine import EngineError

REPOSITORY = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Measurement:
    """What one run of an engine over one input file cost."""

    seconds: float
    peak_rss_bytes: int
    output_lines: int


def count_lines(path: Path) -> int:
    """Count the lines of a file without decoding it."""
    with path.open("rb") as data:
        return sum(
            chunk.count(b"\n") for chunk in iter(lambda: data.read(1 << 20), b"")
        )


def run_measured(argv: list[str], input_path: Path, output_path: Path) -> Measurement:
    """Run ``argv + [input_path]`` with stdout to ``output_path`` and measure it.

    The command runs from the repository root, so ``python -m bench...`` works.

    Raises:
        EngineError: the command exited with a non-zero status.
    """
    output_path.parent.mkdir(parents=True, exist_ok=True)
    stderr_path = output_path.with_suffix(".stderr.txt")
    with output_path.open("wb") as out, stderr_path.open("wb") as err:
        started = time.perf_counter()
        child = subprocess.Popen(
            [*argv, str(input_path)], stdout=out, stderr=err, cwd=REPOSITORY
        )
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
    # Popen has not reaped the child itself; tell it the exit status is known.
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        tail = stderr_path.read_text(errors="replace").strip().splitlines()[-5:]
        raise EngineError(
            f"{' '.join(argv)} exited with {child.returncode}: " + " | ".join(tail)
        )
    # Linux reports ru_maxrss in kibibytes.
    return Measurement(seconds, usage.ru_maxrss * 1024, count_lines(output_path))
