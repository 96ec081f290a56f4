"""A reference clusterer to measure the engine against.

Messages become TF-IDF vectors of character 3-, 4- and 5-grams of their normalised
text and are compared by cosine similarity. Leader clustering then reads them in
order: a message joins the cluster whose first message (its leader) is most
similar, if that similarity reaches the threshold, and otherwise leads a new
cluster. Nothing is screened, and a message is a duplicate of the first one with
the same normalised text. No I/O here.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from bench.engine import Record

NGRAM_SIZES = (3, 4, 5)
NON_WORD = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """Lower-case, fold ё into е, and keep letters and digits between single spaces."""
    return NON_WORD.sub(" ", text.casefold().replace("ё", "е")).strip()


def char_ngrams(text: str) -> Counter[str]:
    """Count the character n-grams of a normalised text padded with spaces."""
    padded = f" {text} "
    return Counter(
        padded[start : start + size]
        for size in NGRAM_SIZES
        for start in range(len(padded) - size + 1)
    )


def similarity_matrix(texts: Sequence[str]) -> np.ndarray:
    """Return the cosine similarities of the texts' TF-IDF n-gram vectors."""
    counts = [char_ngrams(normalize(text)) for text in texts]
    document_frequency = Counter(gram for count in counts for gram in count)
    total = len(texts)
    idf = {
        gram: math.log((1 + total) / (1 + frequency)) + 1
        for gram, frequency in document_frequency.items()
    }

    # An n-gram seen in one message adds to its norm but to no dot product, so
    # only shared n-grams get a column; the matrix stays small.
    shared = [gram for gram, frequency in document_frequency.items() if frequency > 1]
    column = {gram: index for index, gram in enumerate(shared)}
    vectors = np.zeros((total, len(shared)), dtype=np.float32)
    for row, count in enumerate(counts):
        weights = {gram: (1 + math.log(n)) * idf[gram] for gram, n in count.items()}
        norm = math.sqrt(sum(weight * weight for weight in weights.values())) or 1.0
        for gram, weight in weights.items():
            if gram in column:
                vectors[row, column[gram]] = weight / norm
    return vectors @ vectors.T


def leader_clusters(similarity: np.ndarray, threshold: float) -> list[int]:
    """Give each item, in order, the index of its cluster's leader."""
    leaders: list[int] = []
    assigned: list[int] = []
    for item in range(similarity.shape[0]):
        if leaders:
            scores = similarity[item, leaders]
            best = int(np.argmax(scores))
            if scores[best] >= threshold:
                assigned.append(leaders[best])
                continue
        leaders.append(item)
        assigned.append(item)
    return assigned


def cluster_records(
    records: Sequence[Record], threshold: float, similarity: np.ndarray | None = None
) -> list[Record]:
    """Answer as an engine would: the records plus the four output fields.

    ``similarity`` may be passed in when the same records are clustered at several
    thresholds.
    """
    if similarity is None:
        similarity = similarity_matrix([record["text"] for record in records])
    leaders = leader_clusters(similarity, threshold)
    first_with_text: dict[str, str] = {}
    answers = []
    for record, leader in zip(records, leaders, strict=True):
        key = normalize(record["text"])
        original = first_with_text.setdefault(key, record["id"])
        answers.append(
            {
                **record,
                "cluster": records[leader]["id"],
                "screening": "accepted",
                "duplicate_of": None if original == record["id"] else original,
                "topic": None,
            }
        )
    return answers
