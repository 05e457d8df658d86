"""Ticket codes: short enough to type, impossible to guess, with a check character.

A code is 8 random characters of Crockford's base 32 (no I, L, O, U: nothing to confuse) and
one check character computed with the Luhn mod N algorithm, which catches every single wrong
character and most swaps of two neighbours. 32⁸ ≈ 1.1 × 10¹² codes: guessing one of a season's
few thousand is hopeless. Shown in three groups (``7KQ-M4Z-P2X``); stored and encoded without
dashes.
"""

from __future__ import annotations

import random
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_INDEX = {ch: i for i, ch in enumerate(ALPHABET)}
PAYLOAD_LENGTH = 8
CODE_LENGTH = PAYLOAD_LENGTH + 1
# What people type for what they see (Crockford's decoding rules).
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})

_system_random = secrets.SystemRandom()


def _luhn_sum(chars: str, start_factor: int) -> int:
    n = len(ALPHABET)
    factor = start_factor
    total = 0
    for ch in reversed(chars):
        addend = factor * _INDEX[ch]
        factor = 1 if factor == 2 else 2
        total += addend // n + addend % n
    return total


def check_character(payload: str) -> str:
    n = len(ALPHABET)
    return ALPHABET[(n - _luhn_sum(payload, 2) % n) % n]


def new_code(rng: random.Random | None = None) -> str:
    """A fresh code. `rng` is for deterministic demos only; real codes use the system's CSPRNG."""
    source = rng or _system_random
    payload = "".join(source.choice(ALPHABET) for _ in range(PAYLOAD_LENGTH))
    return payload + check_character(payload)


def normalize(typed: str) -> str:
    """What was typed or scanned → the stored form (upper case, no separators, O→0, I/L→1)."""
    cleaned = "".join(ch for ch in typed.upper() if ch.isalnum())
    return cleaned.translate(_CONFUSABLE)


def is_valid(code: str) -> bool:
    """True if `code` (normalized) has the right length, alphabet and check character."""
    if len(code) != CODE_LENGTH or any(ch not in _INDEX for ch in code):
        return False
    return _luhn_sum(code, 1) % len(ALPHABET) == 0


def display(code: str) -> str:
    """``7KQM4ZP2X`` → ``7KQ-M4Z-P2X``."""
    return "-".join(code[i : i + 3] for i in range(0, len(code), 3))
