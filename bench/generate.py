"""Generate synthetic questions, with gold labels, for the speed and memory benchmarks.

Usage, from the repository root::

    python -m bench.generate                       # 200,000 questions to stdout
    python -m bench.generate 50000 --seed 7 --out bench/out/q50k.jsonl
    python -m bench.generate 1000 --strip-gold     # only id, text, municipality

The output is the development sets' JSONL shape. Questions come in Russian and
English from the patterns of ``bench.phrasebook``: questions about one street,
house, school or bus route of one town, and questions of the whole region, which
take the largest clusters. Cluster sizes follow a Zipf law. Messages get
greetings, sign-offs, personal stories, typos, capitals, missing punctuation,
emoji and (Russian) Latin transliteration; some are exact copies, some clusters
are letter campaigns with signatures, and a share is junk to screen out. The
same arguments always give the same file.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import string
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.engine import Record, strip_gold
from bench.phrasebook import PHRASEBOOKS, Phrasebook

OUT = Path(__file__).resolve().parent / "out"
# Part of the cached files' names: raise it whenever the same arguments would
# give different questions, so that no benchmark reads a stale file.
VERSION = 1
DEFAULT_COUNT = 200_000
MEAN_CLUSTER_SIZE = 6
ZIPF_EXPONENT = 1.05
REGIONAL_RANKS = 40

LATIN = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        (
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "y",
            "",
            "e",
            "yu",
            "ya",
        ),
        strict=True,
    )
)
ALPHABETS = {"ru": "абвгдежзийклмнопрстуфхцчшщыэюя", "en": string.ascii_lowercase}
PUNCTUATION = re.compile(r"[^\w\s]")


@dataclass(frozen=True)
class Cluster:
    """One gold question: its patterns, the slot values that make it unique."""

    label: str
    book: Phrasebook
    patterns: tuple[str, ...]
    slots: dict[str, str]
    municipality: str | None
    campaign: bool


def transliterate(text: str) -> str:
    """Write Russian text in Latin letters, as people type without a layout."""
    out = []
    for char in text:
        latin = LATIN.get(char.lower())
        if latin is None:
            out.append(char)
        else:
            out.append(latin.capitalize() if char.isupper() else latin)
    return "".join(out)


def add_typos(text: str, rng: random.Random) -> str:
    """Drop, double or swap a letter once or twice."""
    chars = list(text)
    for _ in range(rng.randint(1, 2)):
        if len(chars) < 4:
            break
        at = rng.randrange(1, len(chars) - 1)
        operation = rng.random()
        if operation < 0.4:
            del chars[at]
        elif operation < 0.7:
            chars.insert(at, chars[at])
        else:
            chars[at], chars[at + 1] = chars[at + 1], chars[at]
    return "".join(chars)


def _slots(book: Phrasebook, rng: random.Random) -> dict[str, str]:
    town = rng.choice(book.towns)
    return {
        "town": town.name,
        "town_in": town.inside,
        "town_of": town.of,
        "street": rng.choice(book.streets),
        "house": str(rng.randint(1, 120)),
        "number": str(rng.randint(1, 60)),
        "name": rng.choice(book.names),
        "gibberish": "".join(
            rng.choice(ALPHABETS[book.language]) for _ in range(rng.randint(4, 20))
        ),
    }


def plan_clusters(
    count: int, english_share: float, rng: random.Random
) -> list[Cluster]:
    """Plan ``count`` distinct clusters, largest first; region-wide ones lead."""
    regional = {
        language: list(enumerate(book.regional))
        for language, book in PHRASEBOOKS.items()
    }
    seen: set[str] = set()
    clusters: list[Cluster] = []
    while len(clusters) < count:
        language = "en" if rng.random() < english_share else "ru"
        book = PHRASEBOOKS[language]
        slots = _slots(book, rng)
        if len(clusters) < REGIONAL_RANKS and regional[language]:
            index, patterns = regional[language].pop(0)
            label, municipality = f"{language}:regional:{index}", None
        else:
            question = rng.choice(book.local)
            values = [slots[slot] for slot in question.slots]
            label = ":".join([language, question.key, *values])
            patterns, municipality = question.patterns, slots["town"]
        if label in seen:
            continue
        seen.add(label)
        campaign = municipality is not None and rng.random() < 0.03
        clusters.append(Cluster(label, book, patterns, slots, municipality, campaign))
    return clusters


def write_question(cluster: Cluster, rng: random.Random) -> str:
    """Write one message of a cluster, with the noise people add."""
    book = cluster.book
    if cluster.campaign:
        signature = rng.choice(book.names) + " " + rng.choice(string.ascii_uppercase)
        return cluster.patterns[0].format(**cluster.slots) + " " + signature + "."

    parts = [rng.choice(cluster.patterns).format(**cluster.slots)]
    if rng.random() < 0.04:
        parts[:0] = rng.sample(book.story, rng.randint(3, min(6, len(book.story))))
    if rng.random() < 0.30:
        parts.insert(0, rng.choice(book.greetings))
    if rng.random() < 0.20:
        signoff = rng.choice(book.signoffs)
        name = rng.choice(book.names)
        parts.append(signoff.format(name=name, town=cluster.slots["town"]))
    text = " ".join(parts)

    if rng.random() < 0.06:
        text += " " + rng.choice(book.emoji) * rng.randint(1, 3)
    style = rng.random()
    if style < 0.05:
        text = text.upper()
    elif style < 0.17:
        text = PUNCTUATION.sub("", text.lower())
    if rng.random() < 0.15:
        text = add_typos(text, rng)
    if book.language == "ru" and rng.random() < 0.03:
        text = transliterate(text)
    return text


def write_junk(rng: random.Random, english_share: float) -> tuple[str, str, str]:
    """Write one message to screen out; return its text, its kind and its town."""
    book = PHRASEBOOKS["en" if rng.random() < english_share else "ru"]
    kind = rng.choices(("spam", "abuse", "offtopic"), weights=(2, 1, 1))[0]
    patterns = {"spam": book.spam, "abuse": book.abuse, "offtopic": book.offtopic}
    slots = _slots(book, rng)
    return rng.choice(patterns[kind]).format(**slots), kind, slots["town"]


def generate(
    total: int,
    seed: int = 1,
    english_share: float = 0.3,
    screened_share: float = 0.08,
    copy_share: float = 0.05,
) -> Iterator[Record]:
    """Yield ``total`` labelled messages; the same arguments give the same messages."""
    rng = random.Random(seed)
    cluster_count = max(1, total // MEAN_CLUSTER_SIZE)
    clusters = plan_clusters(cluster_count, english_share, rng)
    weights = itertools.accumulate(
        1 / (rank + 1) ** ZIPF_EXPONENT for rank in range(cluster_count)
    )
    ranks = rng.choices(range(cluster_count), cum_weights=list(weights), k=total)

    last_text: dict[int, str] = {}
    for number, rank in enumerate(ranks, 1):
        record_id = f"syn-{number:07d}"
        if rng.random() < screened_share:
            text, kind, town = write_junk(rng, english_share)
            yield _record(record_id, text, _maybe(town, rng), f"screened:{kind}", kind)
            continue
        cluster = clusters[rank]
        if rank in last_text and rng.random() < copy_share:
            text = last_text[rank]
        else:
            text = last_text[rank] = write_question(cluster, rng)
        town = cluster.municipality or rng.choice(cluster.book.towns).name
        yield _record(record_id, text, _maybe(town, rng), cluster.label, "accepted")


def _maybe(town: str, rng: random.Random) -> str | None:
    # One sender in ten leaves the town field of the form empty.
    return None if rng.random() < 0.1 else town


def _record(
    record_id: str, text: str, town: str | None, label: str, screening: str
) -> Record:
    return {
        "id": record_id,
        "text": text,
        "municipality": town,
        "label": label,
        "screening": screening,
    }


def cached_questions(count: int, seed: int = 1) -> Path:
    """Return a file of ``count`` generated questions without gold fields.

    The file is kept under ``bench/out/`` and written only when missing, through
    a temporary name so that an interrupted run leaves no partial file behind.
    """
    path = OUT / f"questions-v{VERSION}-{count}-seed{seed}.jsonl"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        with partial.open("w", encoding="utf-8") as out:
            for record in generate(count, seed):
                out.write(json.dumps(strip_gold(record), ensure_ascii=False) + "\n")
        partial.replace(path)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """Write the messages as JSONL and a short summary on stderr."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=DEFAULT_COUNT)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="file to write (default stdout)")
    parser.add_argument("--strip-gold", action="store_true", help="drop gold fields")
    parser.add_argument("--english-share", type=float, default=0.3)
    parser.add_argument("--screened-share", type=float, default=0.08)
    args = parser.parse_args(argv)

    sizes: Counter[str] = Counter()
    out = args.out.open("w", encoding="utf-8") if args.out else sys.stdout
    try:
        for record in generate(
            args.count, args.seed, args.english_share, args.screened_share
        ):
            sizes[record["label"]] += 1
            if args.strip_gold:
                record = strip_gold(record)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if args.out:
            out.close()
    print(_summary(sizes), file=sys.stderr)
    return 0


def _summary(sizes: Counter[str]) -> str:
    accepted = {
        label: n for label, n in sizes.items() if not label.startswith("screened:")
    }
    screened = sum(sizes.values()) - sum(accepted.values())
    english = sum(n for label, n in accepted.items() if label.startswith("en:"))
    largest = sorted(accepted.values(), reverse=True)[:5]
    singletons = sum(1 for n in accepted.values() if n == 1)
    return (
        f"{sum(sizes.values())} messages: {len(accepted)} clusters "
        f"(largest {largest}, {singletons} singletons), {english} in English, "
        f"{screened} screened"
    )


if __name__ == "__main__":
    sys.exit(main())
