"""B-cubed precision, recall and F1 of a clustering against gold labels.

B-cubed (Bagga and Baldwin, 1998) scores every item, then averages. For an item
``i`` let ``G(i)`` be the set of items sharing its gold label and ``C(i)`` the set
sharing its predicted cluster (both include ``i``)::

    precision(i) = |C(i) & G(i)| / |C(i)|
    recall(i)    = |C(i) & G(i)| / |G(i)|

Precision and recall are the means over all items, and F1 is their harmonic mean.
Putting everything in one cluster gives recall 1; leaving everything alone gives
precision 1; only the gold clustering gives both. Label values are compared only
for equality, so the names the engine chooses do not matter.

This module does no I/O and imports nothing from the rest of ``bench``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class BCubed:
    """B-cubed scores of one clustering, each between 0 and 1."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall, 0 when both are 0."""
        total = self.precision + self.recall
        return 0.0 if total == 0 else 2 * self.precision * self.recall / total


def bcubed(gold: Mapping[str, Hashable], predicted: Mapping[str, Hashable]) -> BCubed:
    """Score ``predicted`` against ``gold``; both map item ids to cluster labels.

    Raises:
        ValueError: the two maps do not hold the same ids, or they are empty.
    """
    if gold.keys() != predicted.keys():
        missing = len(gold.keys() - predicted.keys())
        extra = len(predicted.keys() - gold.keys())
        raise ValueError(
            f"gold and predicted ids differ: {missing} missing, {extra} extra"
        )
    if not gold:
        raise ValueError("cannot score an empty clustering")

    # |C(i) & G(i)| is the same for every item with the same pair of labels, so
    # counting pairs makes the whole computation linear in the number of items.
    gold_sizes = Counter(gold.values())
    predicted_sizes = Counter(predicted.values())
    overlaps = Counter((gold[item], predicted[item]) for item in gold)

    precision = recall = 0.0
    for (gold_label, predicted_label), overlap in overlaps.items():
        precision += overlap * overlap / predicted_sizes[predicted_label]
        recall += overlap * overlap / gold_sizes[gold_label]
    return BCubed(precision=precision / len(gold), recall=recall / len(gold))
