"""B-cubed scores on clusterings small enough to check by hand."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

# The benchmarks are scripts of the repository, not part of the installed package,
# so the module is loaded from its file rather than imported by name.
BCUBED_PATH = Path(__file__).resolve().parents[2] / "bench" / "bcubed.py"


def _load_bcubed() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_bcubed", BCUBED_PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bcubed = _load_bcubed().bcubed

GOLD = {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y", "f": "z"}


def test_gold_clustering_scores_one_everywhere() -> None:
    score = bcubed(GOLD, GOLD)
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)


def test_renaming_predicted_clusters_changes_nothing() -> None:
    renamed = {item: f"cluster-{label}" for item, label in GOLD.items()}
    assert bcubed(GOLD, renamed) == bcubed(GOLD, GOLD)


def test_one_big_cluster_has_full_recall_and_low_precision() -> None:
    score = bcubed(GOLD, dict.fromkeys(GOLD, 0))
    assert score.recall == 1.0
    # Three items see 3 of 6 right, two see 2 of 6, one sees 1 of 6.
    assert score.precision == pytest.approx((3 * 3 + 2 * 2 + 1 * 1) / 36)


def test_all_singletons_have_full_precision_and_low_recall() -> None:
    score = bcubed(GOLD, {item: item for item in GOLD})
    assert score.precision == 1.0
    assert score.recall == pytest.approx((3 * (1 / 3) + 2 * (1 / 2) + 1) / 6)


def test_split_cluster_costs_recall_only() -> None:
    predicted = {"a": 1, "b": 1, "c": 2, "d": 3, "e": 3, "f": 4}
    score = bcubed(GOLD, predicted)
    assert score.precision == 1.0
    assert score.recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1 + 1) / 6)


def test_merged_clusters_cost_precision_only() -> None:
    predicted = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2, "f": 2}
    score = bcubed(GOLD, predicted)
    assert score.recall == 1.0
    assert score.precision == pytest.approx((1 + 1 + 1 + 2 / 3 + 2 / 3 + 1 / 3) / 6)


def test_swapping_gold_and_predicted_swaps_precision_and_recall() -> None:
    predicted = {"a": 1, "b": 2, "c": 2, "d": 2, "e": 3, "f": 3}
    forward = bcubed(GOLD, predicted)
    backward = bcubed(predicted, GOLD)
    assert forward.precision == pytest.approx(backward.recall)
    assert forward.recall == pytest.approx(backward.precision)


def test_f1_is_the_harmonic_mean() -> None:
    score = bcubed(GOLD, dict.fromkeys(GOLD, 0))
    expected = 2 * score.precision * score.recall / (score.precision + score.recall)
    assert score.f1 == pytest.approx(expected)


def test_different_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="1 missing, 1 extra"):
        bcubed({"a": 1, "b": 1}, {"a": 1, "c": 1})


def test_empty_clustering_is_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        bcubed({}, {})
