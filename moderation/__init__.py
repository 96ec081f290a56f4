"""Screening, deduplication and clustering of the question stream.

The public API is :class:`Engine` with its :class:`EngineConfig`, the records
it returns (:class:`Assignment`, :class:`ClusterView`, :class:`MergeSuggestion`)
and the errors of :mod:`moderation.errors`, all rooted at
:class:`ModerationError`. The batch command is :data:`moderation.cli.cluster_command`.

The modules, from the bottom up: ``lexicon`` (word lists and civic concepts),
``translit`` and ``morphology`` (one word form at a time), ``normalize`` (a
message), ``screening``, ``places`` (gazetteer, streets, numbers), ``topics``,
``vectors`` (word vectors), ``features``, ``dedup``, ``index`` (candidate look-up),
``cluster`` (centroids and constraints), ``items`` (per-item arrays),
``records``, ``engine``, ``snapshot`` (an engine saved to a stream and loaded
back) and ``cli``, the only one that opens files.
"""

from moderation.engine import Engine, EngineConfig
from moderation.errors import (
    DuplicateItem,
    InvalidCommand,
    ModelMissing,
    ModerationError,
    StaleCluster,
    UnknownCluster,
    UnknownItem,
)
from moderation.records import Assignment, ClusterView, MergeSuggestion

__all__ = [
    "Assignment",
    "ClusterView",
    "DuplicateItem",
    "Engine",
    "EngineConfig",
    "InvalidCommand",
    "MergeSuggestion",
    "ModelMissing",
    "ModerationError",
    "StaleCluster",
    "UnknownCluster",
    "UnknownItem",
]
