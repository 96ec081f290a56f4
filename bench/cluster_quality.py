"""Measure how well an engine clusters and screens the labelled development sets.

Usage, from the repository root::

    python -m bench.cluster_quality                      # runs `liveline cluster`
    python -m bench.cluster_quality --command "python -m moderation.cli"
    python -m bench.cluster_quality --engine moderation.engine:cluster_records
    python -m bench.cluster_quality --no-engine          # the baseline alone
    python -m bench.cluster_quality --orders 5           # and 5 shuffled orders

Each development set is stripped of its gold fields, written under
``bench/out/quality/`` and given to the engine; the answers are scored with
``bench.scoring`` next to the baseline of ``bench.baseline``, measured in the same
run. The baseline's threshold is the best of a sweep on the same data, so its
scores are a little optimistic. A streaming engine's clusters depend on the
order questions arrive in: ``--orders N`` also scores it on N shuffled copies of
each set (seeds 1 to N) and prints the spread. The exit status is 1 when the
engine is missing or failed.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench import baseline
from bench.engine import (
    DEFAULT_COMMAND,
    Engine,
    EngineError,
    Record,
    callable_engine,
    check_output,
    command_engine,
    read_jsonl,
    strip_gold,
    write_jsonl,
)
from bench.scoring import QualityReport, predicted_keys, score

BENCH = Path(__file__).resolve().parent
DEFAULT_DATA = [BENCH / "data" / "devset_ru.jsonl", BENCH / "data" / "devset_en.jsonl"]
OUT = BENCH / "out" / "quality"
THRESHOLDS = [round(0.05 * step, 2) for step in range(1, 15)]


@dataclass(frozen=True)
class Run:
    """One system's answers on one development set and how long they took."""

    name: str
    answers: list[Record]
    seconds: float
    report: QualityReport


def run_baseline(gold: list[Record], inputs: list[Record]) -> tuple[Run, str]:
    """Run the baseline at every threshold; keep the best and describe the sweep."""
    started = time.perf_counter()
    similarity = baseline.similarity_matrix([record["text"] for record in inputs])
    prepared = time.perf_counter() - started

    best: Run | None = None
    sweep = []
    for threshold in THRESHOLDS:
        started = time.perf_counter()
        answers = baseline.cluster_records(inputs, threshold, similarity)
        seconds = prepared + time.perf_counter() - started
        report = score(gold, answers)
        sweep.append(f"{threshold:.2f}:{report.bcubed.f1:.3f}")
        if best is None or report.bcubed.f1 > best.report.bcubed.f1:
            best = Run(f"baseline t={threshold:.2f}", answers, seconds, report)
    assert best is not None
    return best, "baseline F1 by threshold: " + " ".join(sweep)


def run_engine(engine: Engine, gold: list[Record], input_path: Path) -> Run:
    """Run the engine over the stripped input file and score its answers.

    Raises:
        EngineError: the engine failed or broke the output contract.
    """
    inputs = read_jsonl(input_path)
    started = time.perf_counter()
    answers = engine.run(input_path)
    seconds = time.perf_counter() - started
    check_output(inputs, answers)
    return Run("engine", answers, seconds, score(gold, answers))


def order_spread(engine: Engine, gold: list[Record], path: Path, orders: int) -> str:
    """The engine's F1 on ``orders`` shuffled copies of a set, as one line.

    Raises:
        EngineError: the engine failed or broke the output contract.
    """
    scores = []
    for seed in range(1, orders + 1):
        shuffled = gold[:]
        random.Random(seed).shuffle(shuffled)
        shuffled_path = OUT / f"{path.stem}.order{seed}.input.jsonl"
        write_jsonl(shuffled_path, [strip_gold(record) for record in shuffled])
        scores.append(run_engine(engine, shuffled, shuffled_path).report.bcubed.f1)
    return (
        f"engine F1 over {orders} shuffled orders: mean {statistics.mean(scores):.3f},"
        f" min {min(scores):.3f}, max {max(scores):.3f}"
    )


def _rate(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


def print_report(path: Path, gold: list[Record], runs: Sequence[Run]) -> None:
    """Print the scores of every run side by side, then the hard cases."""
    accepted = [record for record in gold if record["screening"] == "accepted"]
    clusters = len({record["label"] for record in accepted})
    print(
        f"\n== {path.name}: {len(gold)} messages, {len(accepted)} accepted in "
        f"{clusters} gold clusters, {len(gold) - len(accepted)} screened"
    )
    print(f"{'':30}" + "".join(f"{run.name:>20}" for run in runs))

    def row(title: str, cells: Sequence[str]) -> None:
        print(f"{title:30}" + "".join(f"{cell:>20}" for cell in cells))

    reports = [run.report for run in runs]
    row("B-cubed precision", [f"{r.bcubed.precision:.3f}" for r in reports])
    row("B-cubed recall", [f"{r.bcubed.recall:.3f}" for r in reports])
    row("B-cubed F1", [f"{r.bcubed.f1:.3f}" for r in reports])
    row(f"clusters (gold {clusters})", [str(r.predicted_clusters) for r in reports])
    row("accepted left unclustered", [str(r.lost) for r in reports])
    row("screening accuracy", [f"{r.screening_accuracy:.3f}" for r in reports])
    for kind in reports[0].screening:
        title = f"  {kind} P / R (gold {reports[0].screening[kind].gold})"
        row(title, [_kind_cell(r, kind) for r in reports])
    row("duplicates marked (same gold)", [_duplicate_cell(r) for r in reports])
    row(
        "exact gold copies found",
        [
            f"{r.duplicates.gold_copies_found}/{r.duplicates.gold_copies}"
            for r in reports
        ],
    )
    row("seconds", [f"{run.seconds:.2f}" for run in runs])
    print_hard_cases(runs)


def _kind_cell(report: QualityReport, kind: str) -> str:
    kind_score = report.screening[kind]
    return f"{kind_score.precision:.2f} / {kind_score.recall:.2f}"


def _duplicate_cell(report: QualityReport) -> str:
    return f"{report.duplicates.marked} ({report.duplicates.marked_same_cluster})"


def print_hard_cases(runs: Sequence[Run]) -> None:
    """Print, per hard case, the share of pairs joined and split as gold says."""
    names = "".join(f"{run.name[:9]:>10}" for run in runs)
    print(
        f"\n{'hard case':18}{'items':>6}{'joins':>7}{names}"
        f"{'splits':>8}{names}  screened right"
    )
    for case, first in runs[0].report.hard_cases.items():
        joined = "".join(
            f"{_rate(run.report.hard_cases[case].joined, first.join_pairs):>10}"
            for run in runs
        )
        split = "".join(
            f"{_rate(run.report.hard_cases[case].split, first.split_pairs):>10}"
            for run in runs
        )
        screened = " ".join(
            _rate(run.report.hard_cases[case].screened_right, first.items)
            for run in runs
        )
        print(
            f"{case:18}{first.items:>6}{first.join_pairs:>7}{joined}"
            f"{first.split_pairs:>8}{split}  {screened}"
        )


def print_errors(gold: list[Record], run: Run, limit: int) -> None:
    """Print the predicted clusters that mix gold clusters, and the split gold ones."""
    keys = predicted_keys(gold, run.answers)
    members: dict[object, Counter[str]] = defaultdict(Counter)
    spread: dict[str, set[object]] = defaultdict(set)
    for record, key in zip(gold, keys, strict=True):
        if record["screening"] == "accepted":
            members[key][record["label"]] += 1
            spread[record["label"]].add(key)
    mixed = sorted(members.values(), key=lambda labels: -sum(labels.values()))
    mixed = [labels for labels in mixed if len(labels) > 1][:limit]
    print(f"\n{run.name}: predicted clusters mixing gold clusters (top {limit})")
    for labels in mixed:
        print("  " + ", ".join(f"{label}×{n}" for label, n in labels.most_common()))
    print(f"{run.name}: gold clusters split over several predicted ones (top {limit})")
    split = sorted(spread.items(), key=lambda item: -len(item[1]))[:limit]
    for label, keys_of_label in split:
        if len(keys_of_label) > 1:
            print(f"  {label}: {len(keys_of_label)} predicted clusters")


def pick_engine(args: argparse.Namespace) -> Engine | None:
    """The engine named on the command line, or None when it cannot be found."""
    if args.no_engine:
        return None
    try:
        if args.engine:
            return callable_engine(args.engine)
        return command_engine(args.command)
    except EngineError as error:
        print(f"engine not available, measuring the baseline alone: {error}")
        return None


def _as_json(report: QualityReport) -> dict[str, object]:
    data = dataclasses.asdict(report)
    data["bcubed"]["f1"] = report.bcubed.f1
    return data


def main(argv: Sequence[str] | None = None) -> int:
    """Score the engine and the baseline on each development set."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="*", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--command", default=DEFAULT_COMMAND, help="engine command")
    parser.add_argument("--engine", help="engine as a Python module:function")
    parser.add_argument("--no-engine", action="store_true", help="baseline only")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="show N")
    parser.add_argument("--json", type=Path, help="write every score to this file")
    parser.add_argument(
        "--orders", type=int, default=0, metavar="N", help="also N shuffled orders"
    )
    args = parser.parse_args(argv)

    engine = pick_engine(args)
    OUT.mkdir(parents=True, exist_ok=True)
    status = 0 if engine is not None or args.no_engine else 1
    results: dict[str, dict[str, object]] = {}
    for path in args.data:
        gold = read_jsonl(path)
        inputs = [strip_gold(record) for record in gold]
        input_path = OUT / f"{path.stem}.input.jsonl"
        write_jsonl(input_path, inputs)

        runs = []
        if engine is not None:
            try:
                runs.append(run_engine(engine, gold, input_path))
            except EngineError as error:
                print(f"\n{path.name}: engine failed: {error}")
                status = 1
        best, sweep = run_baseline(gold, inputs)
        runs.append(best)
        print_report(path, gold, runs)
        print(sweep)
        if engine is not None and args.orders and status == 0:
            try:
                print(order_spread(engine, gold, path, args.orders))
            except EngineError as error:
                print(f"{path.name}: engine failed on a shuffled order: {error}")
                status = 1
        if args.errors:
            print_errors(gold, runs[0], args.errors)
        results[path.name] = {run.name: _as_json(run.report) for run in runs}

    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    return status


if __name__ == "__main__":
    sys.exit(main())
