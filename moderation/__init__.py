"""Screening, deduplication and clustering of the question stream.

The public API is :class:`Engine` with its :class:`EngineConfig`, the records
it returns (:class:`Assignment`, :class:`ClusterView`, :class:`MergeSuggestion`)
and the errors of :mod:`moderation.errors`, all rooted at
:class:`ModerationError`. The batch command lives in :mod:`moderation.cli`.
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
