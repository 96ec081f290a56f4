"""How long a clusterer takes to get its state back: replay against a snapshot.

Usage, from the repository root::

    python -m bench.engine_snapshot                       # 25k, 50k, 100k
    python -m bench.engine_snapshot --sizes 20000,40000 --target 2000000

For each size, one engine is fed the first N questions of a ``bench.generate``
file (the replay a restart without a snapshot does, here without the database
reads), then written to a snapshot file and loaded back from it, in this
process. The replay is the baseline: the table prints the time of each step,
the snapshot's size and how much faster loading is than replaying, and a
least-squares line through each time is extrapolated to the target size.
Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Sequence
from itertools import islice
from pathlib import Path

from bench.cluster_memory import fit_line
from bench.generate import cached_questions
from moderation import Engine, snapshot

DEFAULT_SIZES = (25_000, 50_000, 100_000)
DEFAULT_TARGET = 2_000_000


def measure(
    size: int, questions: Path, scratch: Path
) -> tuple[float, float, float, int]:
    """Seconds to replay, save and load ``size`` questions, and the file's bytes."""
    with questions.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in islice(lines, size)]
    started = time.perf_counter()
    engine = Engine()
    for number, record in enumerate(records):
        engine.add(
            str(record["id"]),
            record["text"],
            municipality=record.get("municipality"),
            at=float(number),
        )
    replayed = time.perf_counter()
    path = scratch / f"engine-{size}.snapshot"
    with path.open("wb") as stream:
        snapshot.save(engine, stream)
    saved = time.perf_counter()
    with path.open("rb") as stream:
        loaded_engine = snapshot.load(stream)
    loaded = time.perf_counter()
    if len(loaded_engine) != size:
        raise SystemExit(f"the loaded engine holds {len(loaded_engine)} of {size}")
    return replayed - started, saved - replayed, loaded - saved, path.stat().st_size


def main(argv: Sequence[str] | None = None) -> None:
    """Measure, print the table and the extrapolation."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default=",".join(str(s) for s in DEFAULT_SIZES), help="N,N,..."
    )
    parser.add_argument("--target", type=int, default=DEFAULT_TARGET)
    args = parser.parse_args(argv)
    sizes = sorted(int(size) for size in args.sizes.split(","))
    questions = cached_questions(max(sizes))
    Engine()  # load the shared models once, outside the timings

    rows = []
    print(
        f"{'questions':>10}{'replay s':>10}{'save s':>9}{'load s':>9}{'MB':>8}"
        f"{'load vs replay':>16}"
    )
    with tempfile.TemporaryDirectory() as scratch:
        for size in sizes:
            replay, save, load, size_bytes = measure(size, questions, Path(scratch))
            rows.append((size, replay, save, load, size_bytes))
            print(
                f"{size:>10,}{replay:>10.1f}{save:>9.2f}{load:>9.2f}"
                f"{size_bytes / 2**20:>8.0f}{replay / load:>15.0f}x"
            )
    print(f"\nextrapolated to {args.target:,} questions (least squares, R²):")
    xs = [row[0] for row in rows]
    for column, name in ((1, "replay"), (2, "save"), (3, "load"), (4, "bytes")):
        line = fit_line(xs, [row[column] for row in rows])
        value = line.at(args.target)
        shown = f"{value / 2**30:.2f} GB" if name == "bytes" else f"{value:,.0f} s"
        print(f"  {name:7} {shown:>12}   (R² {line.r_squared:.3f})")


if __name__ == "__main__":
    main()
