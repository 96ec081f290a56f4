"""Message ids in the Redis Streams format, ``<milliseconds>-<sequence>``.

Both bus backends hand out ids of this form, so a console can keep the last id
it saw and resume from it whichever backend runs. Ids order as pairs of
integers, not as strings: "10-0" comes after "9-5". This module does no I/O.
"""

from __future__ import annotations

from realtime.errors import InvalidMessage

__all__ = ["ZERO", "MessageId", "format_id", "next_id", "parse_id"]

MessageId = tuple[int, int]

ZERO: MessageId = (0, 0)

# Redis keeps both halves of an id as unsigned 64-bit integers.
_LIMIT = 2**64


def parse_id(text: str) -> MessageId:
    """Read ``"ms-seq"``, or ``"ms"`` alone, which means sequence 0 as in Redis.

    Raises:
        InvalidMessage: the text is not an id.
    """
    ms, dash, seq = text.partition("-")
    if not _is_number(ms) or (dash and not _is_number(seq)):
        raise InvalidMessage(f"not a message id: {text!r}")
    parsed = (int(ms), int(seq) if dash else 0)
    if parsed[0] >= _LIMIT or parsed[1] >= _LIMIT:
        raise InvalidMessage(f"message id out of range: {text!r}")
    return parsed


def format_id(message_id: MessageId) -> str:
    """Write an id the way Redis does."""
    return f"{message_id[0]}-{message_id[1]}"


def next_id(last: MessageId, now_ms: int) -> MessageId:
    """Return the id of a message added after `last` at wall-clock `now_ms`.

    Like Redis, the id never goes backwards when the clock does: within the same
    millisecond, or after a clock step back, the sequence counts up instead.
    """
    if now_ms > last[0]:
        return (now_ms, 0)
    return (last[0], last[1] + 1)


def _is_number(text: str) -> bool:
    # str.isdigit alone also accepts digits of other scripts, such as "²".
    return text.isascii() and text.isdigit()
