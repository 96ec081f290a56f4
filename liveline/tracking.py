"""Tracking codes: unguessable, yet short enough to read out over the phone.

A code is twelve symbols of Crockford's base 32 in three groups, such as
``7KQM-4XH2-PD9R``: 60 random bits, so guessing one among even millions of
submissions takes about 10^11 tries, far beyond what the rate limits allow.
The alphabet has no I, L, O or U, so that a code dictated or typed by hand comes
back right; reading forgives case, spaces, dashes and the look-alike letters.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS = 3
GROUP_LENGTH = 4
LENGTH = GROUPS * GROUP_LENGTH

_LOOKALIKES = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})


def new_code() -> str:
    """A fresh random code, grouped with dashes."""
    # One draw of 60 bits, five bits a symbol: a draw per symbol would cost a
    # system call each, on the thread that commits submissions.
    bits = secrets.randbits(5 * LENGTH)
    raw = "".join(ALPHABET[(bits >> (5 * i)) & 31] for i in range(LENGTH))
    return format_code(raw)


def format_code(raw: str) -> str:
    """Group twelve symbols as ``XXXX-XXXX-XXXX``."""
    return "-".join(raw[i : i + GROUP_LENGTH] for i in range(0, LENGTH, GROUP_LENGTH))


def parse_code(text: str) -> str | None:
    """The canonical code for what a person typed, or None when it is not a code."""
    raw = "".join(text.split()).replace("-", "").upper().translate(_LOOKALIKES)
    if len(raw) != LENGTH or any(symbol not in ALPHABET for symbol in raw):
        return None
    return format_code(raw)
