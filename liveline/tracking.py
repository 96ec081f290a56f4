"""Tracking codes: unguessable, yet short enough to read out over the phone.

A code is twelve symbols of Crockford's base 32 in three groups, such as
``7KQM-4XH2-PD9R``: 60 random bits, so guessing one among even millions of
submissions takes about 10^11 tries, far beyond what the rate limits allow.
The alphabet has no I, L, O or U, so that a code dictated or typed by hand comes
back right; reading forgives case, spaces, dashes and the look-alike letters.
"""

from __future__ import annotations

import base64
import os

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS = 3
GROUP_LENGTH = 4
LENGTH = GROUPS * GROUP_LENGTH

_LOOKALIKES = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})
# Standard base 32 (RFC 4648) spells five bits with these symbols; translated
# symbol for symbol, it spells the same bits in Crockford's alphabet.
_TO_CROCKFORD = bytes.maketrans(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", ALPHABET.encode("ascii")
)
# Fifteen random bytes are 120 bits: two codes, with no padding to strip.
_BYTES_PER_PAIR = 15


def new_code() -> str:
    """A fresh random code, grouped with dashes."""
    return new_codes(1)[0]


def new_codes(count: int) -> list[str]:
    """``count`` fresh random codes, from one draw of the system's randomness.

    The writer draws a batch's codes at once: one system call, and the bits are
    spelled out by ``base64`` in C rather than five bits at a time in Python.
    """
    pairs = (count + 1) // 2
    spelled = base64.b32encode(os.urandom(_BYTES_PER_PAIR * pairs))
    symbols = spelled.translate(_TO_CROCKFORD).decode("ascii")
    return [
        f"{symbols[i : i + 4]}-{symbols[i + 4 : i + 8]}-{symbols[i + 8 : i + 12]}"
        for i in range(0, count * LENGTH, LENGTH)
    ]


def format_code(raw: str) -> str:
    """Group twelve symbols as ``XXXX-XXXX-XXXX``."""
    return "-".join(raw[i : i + GROUP_LENGTH] for i in range(0, LENGTH, GROUP_LENGTH))


def parse_code(text: str) -> str | None:
    """The canonical code for what a person typed, or None when it is not a code."""
    raw = "".join(text.split()).replace("-", "").upper().translate(_LOOKALIKES)
    if len(raw) != LENGTH or any(symbol not in ALPHABET for symbol in raw):
        return None
    return format_code(raw)
