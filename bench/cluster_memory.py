"""Measure the engine's peak memory as the number of questions grows.

Usage, from the repository root::

    python -m bench.cluster_memory                      # liveline cluster
    python -m bench.cluster_memory --command "python -m bench.hash_dedup"
    python -m bench.cluster_memory --sizes 10000,20000,40000 --target 1000000

The engine runs once per size as a child process over the first N questions of
one ``bench.generate`` file (cached under ``bench/out/``), and once over an empty
file: that run's peak resident set is the cost of loading the engine, subtracted
from the others to give bytes per question. A least-squares line through the
peaks (with its R²) is extrapolated to the target size. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from bench.engine import DEFAULT_COMMAND, EngineError, command_argv
from bench.generate import OUT, cached_questions
from bench.process import Measurement, run_measured

DEFAULT_SIZES = (25_000, 50_000, 100_000, 200_000)
DEFAULT_TARGET = 2_000_000
MB = 2**20


@dataclass(frozen=True)
class Line:
    """A least-squares line ``y = intercept + slope * x`` and its R²."""

    intercept: float
    slope: float
    r_squared: float

    def at(self, x: float) -> float:
        """The line's value at ``x``."""
        return self.intercept + self.slope * x


def fit_line(xs: Sequence[float], ys: Sequence[float]) -> Line:
    """Fit a line by least squares; R² is 1 when the points are all equal.

    Raises:
        ValueError: fewer than two distinct x values.
    """
    n = len(xs)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    if sxx == 0:
        raise ValueError("a line needs at least two distinct sizes")
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    slope = sxy / sxx
    intercept = mean_y - slope * mean_x
    total = sum((y - mean_y) ** 2 for y in ys)
    residual = sum(
        (y - intercept - slope * x) ** 2 for x, y in zip(xs, ys, strict=True)
    )
    return Line(intercept, slope, 1.0 if total == 0 else 1 - residual / total)


def first_questions(source: Path, count: int) -> Path:
    """Return a cached file holding the first ``count`` lines of ``source``."""
    path = OUT / "memory" / f"{source.stem}.first-{count}.jsonl"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with source.open("rb") as lines, path.open("wb") as out:
            out.writelines(islice(lines, count))
    return path


def print_results(base: Measurement, runs: dict[int, Measurement], target: int) -> None:
    """Print each size's time and memory, then the fitted line and extrapolation."""
    loading = base.peak_rss_bytes / MB
    print(f"\nempty input (loading the engine): peak RSS {loading:.1f} MB")
    print(
        f"{'questions':>10}{'seconds':>10}{'questions/s':>13}{'peak MB':>10}"
        f"{'above empty MB':>16}{'bytes/question':>16}"
    )
    for count, run in runs.items():
        above = run.peak_rss_bytes - base.peak_rss_bytes
        print(
            f"{count:>10,}{run.seconds:>10.2f}{count / run.seconds:>13,.0f}"
            f"{run.peak_rss_bytes / MB:>10.1f}{above / MB:>16.1f}"
            f"{above / count:>16,.0f}"
        )
    if len(runs) < 2:
        return
    line = fit_line(list(runs), [run.peak_rss_bytes for run in runs.values()])
    predicted = line.at(target)
    print(
        f"\nlinear fit of peak RSS: {line.slope:,.0f} bytes/question + "
        f"{line.intercept / MB:.1f} MB, R² = {line.r_squared:.4f}"
    )
    print(
        f"extrapolated to {target:,} questions: peak {predicted / MB:,.0f} MB "
        f"({(predicted - base.peak_rss_bytes) / MB:,.0f} MB above the empty run)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Measure every size; exit 1 when the engine is missing or fails."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--command", default=DEFAULT_COMMAND, help="engine command")
    parser.add_argument(
        "--sizes",
        default=",".join(str(size) for size in DEFAULT_SIZES),
        help="comma-separated question counts",
    )
    parser.add_argument("--target", type=int, default=DEFAULT_TARGET)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    sizes = sorted(int(size) for size in args.sizes.split(","))

    try:
        engine = command_argv(args.command)
    except EngineError as error:
        print(f"engine not available: {error}")
        return 1
    source = cached_questions(sizes[-1], args.seed)
    out = OUT / "memory" / "answer.jsonl"
    print(f"{args.command}: sizes {', '.join(f'{n:,}' for n in sizes)} from {source}")

    try:
        base = run_measured(engine, first_questions(source, 0), out)
        runs = {}
        for count in sizes:
            runs[count] = run_measured(engine, first_questions(source, count), out)
            print(f"  {count:,} questions: {runs[count].seconds:.1f} s", flush=True)
    except EngineError as error:
        print(f"engine failed: {error}")
        return 1
    print_results(base, runs, args.target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
