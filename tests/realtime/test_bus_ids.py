"""Message ids parse, print and follow one another as Redis Streams ids do."""

from __future__ import annotations

import pytest

from realtime.bus.ids import ZERO, format_id, next_id, parse_id
from realtime.errors import InvalidMessage


def test_an_id_parses_into_milliseconds_and_sequence() -> None:
    assert parse_id("1700000000000-3") == (1700000000000, 3)
    assert parse_id("0") == ZERO
    assert parse_id("42") == (42, 0)


def test_an_id_prints_back_as_redis_writes_it() -> None:
    assert format_id((1700000000000, 3)) == "1700000000000-3"
    assert format_id(parse_id("42")) == "42-0"


def test_ids_order_by_number_not_by_text() -> None:
    assert parse_id("10-0") > parse_id("9-5")
    assert parse_id("9-10") > parse_id("9-9")


@pytest.mark.parametrize(
    "text",
    ["", "-", "abc", "1-", "-1", "1-2-3", "1.5-0", " 1-0", "²-0", "1-x", "+1-0"],
)
def test_malformed_ids_are_refused(text: str) -> None:
    with pytest.raises(InvalidMessage):
        parse_id(text)


def test_ids_beyond_64_bits_are_refused() -> None:
    with pytest.raises(InvalidMessage):
        parse_id(f"{2**64}-0")
    with pytest.raises(InvalidMessage):
        parse_id(f"1-{2**64}")
    assert parse_id(f"{2**64 - 1}-{2**64 - 1}") == (2**64 - 1, 2**64 - 1)


def test_a_later_millisecond_starts_a_new_sequence() -> None:
    assert next_id((1000, 7), 1001) == (1001, 0)
    assert next_id(ZERO, 5) == (5, 0)


def test_the_same_millisecond_counts_the_sequence_up() -> None:
    assert next_id((1000, 7), 1000) == (1000, 8)


def test_a_clock_stepping_back_never_makes_ids_go_backwards() -> None:
    assert next_id((1000, 7), 400) == (1000, 8)
