"""Time the engine end to end on generated questions, beside an exact-hash baseline.

Usage, from the repository root::

    python -m bench.cluster_speed                       # liveline cluster, 200,000
    python -m bench.cluster_speed --command "python -m moderation.cli" --repeat 3

Both the engine and ``bench.hash_dedup`` run as child processes over the same file
of ``bench.generate`` questions (cached under ``bench/out/``), writing the same
JSONL answer to a file. The time includes starting the process, reading, and
writing every line. Runs alternate between the two so that both see the same load
on a shared machine; the median of the repeats is reported. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path

from bench.engine import DEFAULT_COMMAND, EngineError, command_argv
from bench.generate import DEFAULT_COUNT, OUT, cached_questions
from bench.process import Measurement, count_lines, run_measured

BASELINE_ARGV = [sys.executable, "-m", "bench.hash_dedup"]
BASELINE_NAME = "exact-hash dedup"


def measure(
    name: str, argv: list[str], input_path: Path, expected_lines: int
) -> Measurement:
    """Run one command over the input and check that it answered every line.

    Raises:
        EngineError: the command failed or wrote the wrong number of lines.
    """
    slug = "".join(char if char.isalnum() else "-" for char in name)
    measured = run_measured(argv, input_path, OUT / "speed" / f"{slug}.out.jsonl")
    if measured.output_lines != expected_lines:
        raise EngineError(
            f"{name} wrote {measured.output_lines} lines for {expected_lines}"
        )
    return measured


def print_results(count: int, results: dict[str, list[Measurement]]) -> None:
    """Print the median time, throughput and peak memory of each command."""
    print(f"\n{'':24}{'seconds':>10}{'questions/s':>14}{'peak RSS MB':>14}  runs (s)")
    throughput = {}
    for name, runs in results.items():
        seconds = statistics.median(run.seconds for run in runs)
        throughput[name] = count / seconds
        peak = max(run.peak_rss_bytes for run in runs) / 2**20
        every = " ".join(f"{run.seconds:.2f}" for run in runs)
        print(
            f"{name[:24]:24}{seconds:>10.2f}{throughput[name]:>14,.0f}"
            f"{peak:>14.1f}  {every}"
        )
    if len(throughput) == 2:
        engine, baseline = throughput.values()
        print(
            f"\nengine / baseline throughput: {engine / baseline:.3f} "
            f"(the baseline is {baseline / engine:.1f}× as fast)"
        )


def main(argv: Sequence[str] | None = None) -> int:
    """Measure the engine and the baseline; exit 1 when the engine failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--command", default=DEFAULT_COMMAND, help="engine command")
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)

    input_path = cached_questions(args.count, args.seed)
    expected = count_lines(input_path)
    size = input_path.stat().st_size / 2**20
    print(f"{expected:,} questions in {input_path} ({size:.1f} MB)")
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")

    commands: dict[str, list[str]] = {}
    status = 0
    try:
        commands[args.command] = command_argv(args.command)
    except EngineError as error:
        print(f"engine not available, timing the baseline alone: {error}")
        status = 1
    commands[BASELINE_NAME] = BASELINE_ARGV

    results: dict[str, list[Measurement]] = {name: [] for name in commands}
    for _ in range(args.repeat):
        for name, command in list(commands.items()):
            try:
                results[name].append(measure(name, command, input_path, expected))
            except EngineError as error:
                print(f"{name} failed: {error}")
                del commands[name], results[name]
                status = 1
    print_results(expected, results)
    return status


if __name__ == "__main__":
    sys.exit(main())
