"""Passwords, never stored: a scrypt key (standard library) with a random salt per account, kept
as one self-describing string « scrypt$n$r$p$salt$key » (base64), so that the cost can be raised
later without losing the accounts made before."""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import secrets

SCHEME = "scrypt"
COST, BLOCK, PARALLEL = 2**14, 8, 1  # 16 MiB and a few hundredths of a second per try
KEY_BYTES, SALT_BYTES = 32, 16


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=KEY_BYTES, maxmem=2 * 128 * r * (n + p + 2)
    )


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(SALT_BYTES)
    key = _derive(password, salt, COST, BLOCK, PARALLEL)
    return f"{SCHEME}${COST}${BLOCK}${PARALLEL}${_b64(salt)}${_b64(key)}"


def verify_password(password: str, stored: str) -> bool:
    """True when `password` is the one `stored` was made from; False for anything else,
    a malformed string included. The comparison takes the same time wherever they differ."""
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != SCHEME:
            return False
        expected = base64.b64decode(key, validate=True)
        found = _derive(password, base64.b64decode(salt, validate=True), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(found, expected)


@functools.cache
def decoy() -> str:
    """A hash to check a password against when the name is unknown: a wrong name takes as long as
    a wrong password, so the time does not tell whether the name exists. Made at the first login
    that needs it, not at import: a scrypt key costs 50 ms, which every start would pay."""
    return hash_password(secrets.token_urlsafe(16))
