"""Factories for the moderation tests; the models load once per session."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from moderation import Engine, EngineConfig
from moderation.morphology import Morphology, shared_morphology
from moderation.normalize import Normalizer


@pytest.fixture(scope="session")
def morphology() -> Morphology:
    return shared_morphology()


@pytest.fixture(scope="session")
def normalizer(morphology: Morphology) -> Normalizer:
    return Normalizer(morphology)


@pytest.fixture
def make_engine() -> Callable[..., Engine]:
    def make(
        municipalities: list[str] | None = None,
        topics: list[str] | None = None,
        config: EngineConfig | None = None,
    ) -> Engine:
        return Engine(municipalities, topics, config)

    return make


@pytest.fixture
def engine(make_engine: Callable[..., Engine]) -> Engine:
    return make_engine()
