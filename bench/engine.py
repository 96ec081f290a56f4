"""Running a clustering engine over a JSONL file of messages.

The contract every engine keeps: it reads JSONL lines with ``id`` and ``text`` (and
any other fields, passed through) and writes one JSON line per input line, in the
same order, holding the input fields plus ``cluster``, ``screening`` (one of
``accepted``, ``spam``, ``abuse``, ``offtopic``), ``duplicate_of`` (an id or null)
and ``topic``. The engine is either a command, run as ``COMMAND INPUT.jsonl`` with
the answer on stdout (``liveline cluster`` by default), or a Python callable named
``module:function`` that takes the list of input records and returns the output
records.

Errors::

    EngineError              the engine failed or broke the contract
    └── EngineUnavailable    the command or the callable cannot be found
"""

from __future__ import annotations

import importlib
import json
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_COMMAND = "liveline cluster"
SCREENING_KINDS = ("accepted", "spam", "abuse", "offtopic")
OUTPUT_FIELDS = ("cluster", "screening", "duplicate_of", "topic")
GOLD_FIELDS = ("label", "screening", "hard")

Record = dict[str, Any]


class EngineError(Exception):
    """The engine failed or its output broke the contract."""


class EngineUnavailable(EngineError):
    """The engine's command or callable cannot be found."""


def read_jsonl(path: Path) -> list[Record]:
    """Read every JSON object of a JSONL file, skipping blank lines."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def write_jsonl(path: Path, records: Iterable[Record]) -> None:
    """Write records as UTF-8 JSONL, one object per line."""
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def strip_gold(record: Record) -> Record:
    """Return the record as the engine may see it: without the gold fields."""
    return {key: value for key, value in record.items() if key not in GOLD_FIELDS}


def command_argv(command: str) -> list[str]:
    """Split a command line and find its program, looking beside this Python first.

    The virtual environment's ``bin`` comes first so that ``liveline`` is found
    when the benchmark runs as ``.venv/bin/python -m bench...`` without activating
    the environment.

    Raises:
        EngineUnavailable: the program is not on the search path.
    """
    argv = shlex.split(command)
    if not argv:
        raise EngineUnavailable("the engine command is empty")
    search = os.pathsep.join(
        [str(Path(sys.executable).parent), os.environ.get("PATH", os.defpath)]
    )
    program = shutil.which(argv[0], path=search)
    if program is None:
        raise EngineUnavailable(f"command not found: {argv[0]}")
    return [program, *argv[1:]]


@dataclass(frozen=True)
class Engine:
    """A clustering engine the benchmarks can run over an input file."""

    name: str
    run: Callable[[Path], list[Record]]


def command_engine(command: str) -> Engine:
    """An engine run as ``COMMAND INPUT.jsonl`` that answers on stdout.

    Raises:
        EngineUnavailable: the program is not on the search path.
    """
    argv = command_argv(command)

    def run(input_path: Path) -> list[Record]:
        done = subprocess.run(
            [*argv, str(input_path)], capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            tail = done.stderr.strip().splitlines()[-5:]
            raise EngineError(
                f"{command!r} exited with {done.returncode}: " + " | ".join(tail)
            )
        return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]

    return Engine(name=command, run=run)


def callable_engine(spec: str) -> Engine:
    """An engine given as ``module:function``, called with the input records.

    Raises:
        EngineUnavailable: the module or the function cannot be imported.
    """
    module_name, _, function_name = spec.partition(":")
    try:
        function = getattr(importlib.import_module(module_name), function_name)
    except (ImportError, AttributeError, ValueError) as error:
        raise EngineUnavailable(f"cannot load {spec!r}: {error}") from error

    def run(input_path: Path) -> list[Record]:
        return [dict(record) for record in function(read_jsonl(input_path))]

    return Engine(name=spec, run=run)


def check_output(inputs: list[Record], outputs: list[Record]) -> None:
    """Check that the engine answered every input line, in order, with every field.

    Raises:
        EngineError: a line is missing, out of order, or lacks a field.
    """
    if len(outputs) != len(inputs):
        raise EngineError(f"engine wrote {len(outputs)} lines for {len(inputs)}")
    for line, (given, answer) in enumerate(zip(inputs, outputs, strict=True), 1):
        if answer.get("id") != given["id"]:
            raise EngineError(f"line {line}: id {answer.get('id')!r} != {given['id']}")
        missing = [field for field in OUTPUT_FIELDS if field not in answer]
        if missing:
            raise EngineError(f"line {line}: missing {', '.join(missing)}")
        if answer["screening"] not in SCREENING_KINDS:
            raise EngineError(f"line {line}: screening {answer['screening']!r}")


def iter_jsonl(path: Path) -> Iterator[Record]:
    """Yield the JSON objects of a JSONL file one by one."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)
