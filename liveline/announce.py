"""Waking whoever works on new submissions, once they are stored.

After each group commit the web process publishes one message per event on the
bus; the clusterer (and later the moderators' consoles) wake up and read the
new submissions from the database. The message only wakes: a consumer finds
its work by asking the database what it has not handled yet (the clusterer
looks for submissions without a place in its order), so a message lost
between the commit and the publish, or while Redis is down, delays the work
by one poll and loses nothing.
"""

from __future__ import annotations

import logging
from collections import defaultdict

from liveline.writer import Receipt
from realtime.bus import Bus

logger = logging.getLogger(__name__)


def submissions_stream(event_id: int) -> str:
    """The bus stream on which an event's new submissions are announced."""
    return f"liveline:event:{event_id}:submissions"


class Announcer:
    """Publishes one wake-up per event for each committed batch."""

    def __init__(self, bus: Bus) -> None:
        self._bus = bus

    async def announce(self, receipts: list[Receipt]) -> int:
        """Publish the ids of freshly committed submissions; return how many.

        A bus failure is logged and otherwise ignored: consumers poll too.
        """
        by_event: dict[int, list[int]] = defaultdict(list)
        for receipt in receipts:
            by_event[receipt.event_id].append(receipt.submission_id)
        announced = 0
        for event_id, ids in by_event.items():
            message = {"type": "submissions.accepted", "ids": ",".join(map(str, ids))}
            try:
                await self._bus.publish(submissions_stream(event_id), message)
            except Exception as exc:  # noqa: BLE001 - consumers poll the database
                logger.warning(
                    "could not wake consumers of event %s (%d submissions): %s",
                    event_id,
                    len(ids),
                    exc,
                )
                continue
            announced += len(ids)
        return announced
