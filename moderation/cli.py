"""The batch command: cluster a JSONL file of questions as the live engine would.

Each input line is a JSON object with ``id`` and ``text`` (and optionally
``municipality``, ``has_video``, ``at`` and any other fields, passed through).
Each output line is the input object plus ``cluster``, ``screening``,
``duplicate_of`` and ``topic``, in input order. The whole input is checked
before anything is written, so bad input produces no partial output.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import IO, Any

import click

from moderation.engine import Engine
from moderation.errors import ModelMissing

_USAGE_ERROR = 2


class BadInput(click.ClickException):
    """A line of the input that the engine cannot take, named by number."""

    exit_code = _USAGE_ERROR


def check_lines(lines: Iterable[str]) -> int:
    """Check JSONL lines without keeping them; returns how many items they hold.

    Raises:
        BadInput: a line is not a JSON object, lacks a string ``id`` or
            ``text``, or repeats an earlier id.
    """
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if line.strip():
            item = _parse(line, number)
            item_id = str(item["id"])
            if item_id in seen:
                first = seen[item_id]
                raise BadInput(
                    f"line {number}: duplicate id {item_id!r} (first on line {first})"
                )
            seen[item_id] = number
    return len(seen)


def _parse(line: str, number: int) -> dict[str, Any]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as error:
        raise BadInput(f"line {number}: not valid JSON ({error.msg})") from None
    if not isinstance(item, dict):
        raise BadInput(f"line {number}: expected a JSON object")
    for key in ("id", "text"):
        if key not in item:
            raise BadInput(f"line {number}: missing field {key!r}")
    if not isinstance(item["text"], str):
        raise BadInput(f"line {number}: field 'text' must be a string")
    if isinstance(item["id"], bool) or not isinstance(item["id"], str | int):
        raise BadInput(f"line {number}: field 'id' must be a string or a number")
    municipality = item.get("municipality")
    if municipality is not None and not isinstance(municipality, str):
        raise BadInput(f"line {number}: field 'municipality' must be a string")
    at = item.get("at")
    if at is not None and (isinstance(at, bool) or not isinstance(at, int | float)):
        raise BadInput(f"line {number}: field 'at' must be a number of seconds")
    return item


def cluster_lines(lines: Iterable[str], out: IO[str]) -> None:
    """Run the streaming engine over checked lines, writing one line each.

    Raises:
        click.ClickException: the engine's bundled models are not installed.
    """
    try:
        engine = Engine()
    except ModelMissing as error:
        raise click.ClickException(
            f"{error}; the liveline installation is incomplete, reinstall it"
        ) from None
    add = engine.add
    write = out.write
    dumps = json.dumps
    loads = json.loads
    for line in lines:
        if not line.strip():
            continue
        item = loads(line)
        assignment = add(
            str(item["id"]),
            item["text"],
            municipality=item.get("municipality") or None,
            has_video=bool(item.get("has_video", False)),
            at=item.get("at"),
        )
        item["cluster"] = assignment.cluster
        item["screening"] = assignment.screening
        item["duplicate_of"] = assignment.duplicate_of
        item["topic"] = assignment.topic
        write(dumps(item, ensure_ascii=False))
        write("\n")


@click.command("cluster")
@click.argument("input_path", metavar="INPUT", type=click.Path(allow_dash=True))
def cluster_command(input_path: str) -> None:
    """Screen and cluster the questions in INPUT (JSONL, "-" for stdin).

    Writes one JSON line per input line to stdout, with the input fields plus
    cluster, screening, duplicate_of and topic. Exits with code 2 and names the
    line on bad input: not JSON, no id or text, text not a string, repeated id.
    """
    # The input is checked in a first pass and clustered in a second, so that
    # bad input writes nothing and no parsed copy of the input is kept.
    if input_path == "-":
        lines = sys.stdin.readlines()
        check_lines(lines)
        cluster_lines(lines, sys.stdout)
        return
    try:
        with open(input_path, encoding="utf-8") as handle:
            check_lines(handle)
        with open(input_path, encoding="utf-8") as handle:
            cluster_lines(handle, sys.stdout)
    except OSError as error:
        raise BadInput(f"cannot read {input_path}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise BadInput(f"{input_path} is not UTF-8 text") from None


if __name__ == "__main__":
    cluster_command()
