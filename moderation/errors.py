"""Errors raised by the moderation engine.

All of them derive from one root, so the web app can catch the package's
failures in one place::

    ModerationError
    ├── ModelMissing        a bundled model file is not installed
    ├── DuplicateItem       an item id was added twice
    ├── UnknownItem         no item has this id
    ├── UnknownCluster      no cluster has this id (or it was merged away)
    ├── StaleCluster        a moderator command was made on an older version
    └── InvalidCommand      a command that cannot apply (split of nothing, ...)
"""

from __future__ import annotations


class ModerationError(Exception):
    """Root of every error the moderation package raises."""


class ModelMissing(ModerationError):
    """A model file that should ship with an installed package is absent."""


class DuplicateItem(ModerationError):
    """The item id is already in the engine; ids must be unique per event."""


class UnknownItem(ModerationError):
    """No item with this id was added."""


class UnknownCluster(ModerationError):
    """No open cluster has this id."""


class StaleCluster(ModerationError):
    """The command was made on a cluster version that has since changed."""

    def __init__(self, cluster_id: str, expected: int, actual: int) -> None:
        super().__init__(
            f"cluster {cluster_id} is at version {actual}, command made on {expected}"
        )
        self.cluster_id = cluster_id
        self.expected = expected
        self.actual = actual


class InvalidCommand(ModerationError):
    """A moderator command that cannot be carried out as given."""
