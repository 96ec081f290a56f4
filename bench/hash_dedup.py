"""The cheapest engine that keeps the contract: group messages by exact text.

Usage, from the repository root::

    python -m bench.hash_dedup INPUT.jsonl > OUTPUT.jsonl

Each text is lower-cased and its whitespace collapsed, then hashed; messages with
the same hash form one cluster named after its first message, and every later one
is its ``duplicate_of``. Nothing is screened and there is no topic. It streams,
holding one digest and one id per distinct text. ``bench.cluster_speed`` runs it
as a subprocess beside the engine, as the floor any engine's speed is compared to.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from bench.engine import Record, iter_jsonl


def text_key(text: str) -> bytes:
    """Digest of a text after folding case and collapsing whitespace."""
    normal = " ".join(text.casefold().split())
    return hashlib.blake2b(normal.encode("utf-8"), digest_size=16).digest()


def deduplicate(records: Iterable[Record]) -> Iterator[Record]:
    """Yield each record with the four output fields of the engine contract."""
    first_ids: dict[bytes, str] = {}
    for record in records:
        original = first_ids.setdefault(text_key(record["text"]), record["id"])
        yield {
            **record,
            "cluster": original,
            "screening": "accepted",
            "duplicate_of": None if original == record["id"] else original,
            "topic": None,
        }


def main(argv: Sequence[str] | None = None) -> int:
    """Read the JSONL file named as the only argument; answer on stdout."""
    args = sys.argv[1:] if argv is None else list(argv)
    if len(args) != 1:
        print("usage: python -m bench.hash_dedup INPUT.jsonl", file=sys.stderr)
        return 2
    write = sys.stdout.write
    for answer in deduplicate(iter_jsonl(Path(args[0]))):
        write(json.dumps(answer, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
