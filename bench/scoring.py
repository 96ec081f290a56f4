"""Scores of one engine's answers against a labelled development set.

Gold records carry ``label`` (the gold cluster), ``screening`` and optionally
``hard``; answers carry the engine's ``cluster``, ``screening`` and
``duplicate_of``. The rules, also written in ``bench/README.md``:

* B-cubed is computed over the messages whose gold screening is ``accepted``. One
  that the engine screens out (or leaves without a cluster) counts as a predicted
  cluster of its own, so losing it costs recall. Gold-screened messages are left
  out of B-cubed and scored by screening accuracy alone.
* A gold label ``family@variant`` marks clusters built to look alike (one street in
  two towns, school No. 5 and No. 6): messages of one family with different labels
  are the pairs that must be split.
* A hard case's join pairs are the same-label pairs with at least one message
  tagged with that case; its split pairs are the same-family, different-label
  pairs with at least one tagged message.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from bench.bcubed import BCubed, bcubed
from bench.engine import SCREENING_KINDS, Record

ALL_PAIRS = "(all pairs)"

# A predicted cluster: ("cluster", the engine's cluster as JSON) or, for a message
# the engine left out, ("alone", its id).
Key = tuple[str, str]
NON_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class KindScore:
    """Precision and recall of one screening kind, with its gold count."""

    precision: float
    recall: float
    gold: int


@dataclass(frozen=True)
class DuplicateScore:
    """How the engine's ``duplicate_of`` marks compare with the gold clusters.

    ``gold_copies`` are messages whose text, ignoring case, spacing and
    punctuation, repeats an earlier message of the same gold cluster.
    """

    marked: int
    marked_same_cluster: int
    gold_copies: int
    gold_copies_found: int


@dataclass(frozen=True)
class HardCaseScore:
    """Pairs of one hard case joined or split as the gold clusters say."""

    items: int
    screened_right: int
    join_pairs: int
    joined: int
    split_pairs: int
    split: int


@dataclass(frozen=True)
class QualityReport:
    """Every score of one engine on one development set."""

    bcubed: BCubed
    gold_clusters: int
    predicted_clusters: int
    lost: int
    screening_accuracy: float
    screening: dict[str, KindScore]
    duplicates: DuplicateScore
    hard_cases: dict[str, HardCaseScore]


def family(label: str) -> str | None:
    """The look-alike family of a gold label, ``None`` when it has none."""
    return label.split("@", 1)[0] if "@" in label else None


def predicted_keys(gold: Sequence[Record], answers: Sequence[Record]) -> list[Key]:
    """The engine's cluster for each message, unique for messages it left out."""
    keys: list[Key] = []
    for record, answer in zip(gold, answers, strict=True):
        if answer["screening"] == "accepted" and answer["cluster"] is not None:
            keys.append(("cluster", json.dumps(answer["cluster"], sort_keys=True)))
        else:
            keys.append(("alone", record["id"]))
    return keys


def score(gold: Sequence[Record], answers: Sequence[Record]) -> QualityReport:
    """Score the engine's answers, given in the order of the gold records."""
    keys = predicted_keys(gold, answers)
    accepted = [i for i, record in enumerate(gold) if record["screening"] == "accepted"]
    gold_map = {gold[i]["id"]: gold[i]["label"] for i in accepted}
    predicted_map = {gold[i]["id"]: keys[i] for i in accepted}
    accuracy, kinds = screening_scores(gold, answers)
    return QualityReport(
        bcubed=bcubed(gold_map, predicted_map),
        gold_clusters=len(set(gold_map.values())),
        predicted_clusters=len(set(predicted_map.values())),
        lost=sum(1 for i in accepted if keys[i][0] == "alone"),
        screening_accuracy=accuracy,
        screening=kinds,
        duplicates=duplicate_score(gold, answers),
        hard_cases=hard_case_scores(gold, answers, keys),
    )


def screening_scores(
    gold: Sequence[Record], answers: Sequence[Record]
) -> tuple[float, dict[str, KindScore]]:
    """Overall screening accuracy and precision/recall of each kind."""
    pairs = Counter(
        (record["screening"], answer["screening"])
        for record, answer in zip(gold, answers, strict=True)
    )
    kinds = {}
    for kind in SCREENING_KINDS:
        right = pairs[(kind, kind)]
        said = sum(n for (_, given), n in pairs.items() if given == kind)
        truly = sum(n for (true, _), n in pairs.items() if true == kind)
        kinds[kind] = KindScore(
            precision=right / said if said else 0.0,
            recall=right / truly if truly else 0.0,
            gold=truly,
        )
    accuracy = sum(pairs[(kind, kind)] for kind in SCREENING_KINDS) / len(gold)
    return accuracy, kinds


def duplicate_score(
    gold: Sequence[Record], answers: Sequence[Record]
) -> DuplicateScore:
    """Count the duplicate marks and the gold copies the engine found."""
    label_of = {record["id"]: record["label"] for record in gold}
    marked = [answer for answer in answers if answer["duplicate_of"] is not None]
    same = sum(
        1
        for answer in marked
        if label_of.get(answer["duplicate_of"]) == label_of[answer["id"]]
    )
    seen: set[tuple[str, str]] = set()
    copies = found = 0
    for record, answer in zip(gold, answers, strict=True):
        key = (record["label"], NON_WORD.sub(" ", record["text"].casefold()).strip())
        if key in seen:
            copies += 1
            found += answer["duplicate_of"] is not None
        seen.add(key)
    return DuplicateScore(len(marked), same, copies, found)


def hard_case_scores(
    gold: Sequence[Record], answers: Sequence[Record], keys: Sequence[Key]
) -> dict[str, HardCaseScore]:
    """Score each hard case, plus every join and split pair under ``ALL_PAIRS``."""
    accepted = [i for i, record in enumerate(gold) if record["screening"] == "accepted"]
    join_pairs, split_pairs = _gold_pairs(gold, accepted)
    tagged: dict[str, list[int]] = defaultdict(list)
    for i, record in enumerate(gold):
        if record.get("hard"):
            tagged[record["hard"]].append(i)

    scores = {}
    for case in sorted(tagged):
        members = set(tagged[case])
        joins = [pair for pair in join_pairs if members.intersection(pair)]
        splits = [pair for pair in split_pairs if members.intersection(pair)]
        scores[case] = _pair_score(gold, answers, keys, members, joins, splits)
    scores[ALL_PAIRS] = _pair_score(
        gold, answers, keys, set(accepted), join_pairs, split_pairs
    )
    return scores


def _gold_pairs(
    gold: Sequence[Record], accepted: Iterable[int]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    joins, splits = [], []
    for a, b in combinations(accepted, 2):
        label_a, label_b = gold[a]["label"], gold[b]["label"]
        if label_a == label_b:
            joins.append((a, b))
        elif family(label_a) is not None and family(label_a) == family(label_b):
            splits.append((a, b))
    return joins, splits


def _pair_score(
    gold: Sequence[Record],
    answers: Sequence[Record],
    keys: Sequence[Key],
    members: set[int],
    joins: Sequence[tuple[int, int]],
    splits: Sequence[tuple[int, int]],
) -> HardCaseScore:
    return HardCaseScore(
        items=len(members),
        screened_right=sum(
            gold[i]["screening"] == answers[i]["screening"] for i in members
        ),
        join_pairs=len(joins),
        joined=sum(keys[a] == keys[b] for a, b in joins),
        split_pairs=len(splits),
        split=sum(keys[a] != keys[b] for a, b in splits),
    )
