"""What a ticket must never say: it looks like any theatre ticket (domain.md, « Rules »).

A word of this list on a ticket would tell anyone at the door that the holder is followed by
social services. The association's name is printed on tickets: when that name itself says
« solidaire », the director gives another name for tickets (an acronym, a short name).
"""

from __future__ import annotations

import unicodedata

REVEALING_WORDS = (
    "gratuit",
    "free",
    "solidaire",
    "solidarite",
    "precarite",
    "precaire",
    "invitation",
    "social",
    "sociaux",
    "relais",
    "ccas",
    "insertion",
    "hebergement",
    "pauvrete",
)


def plain(text: str) -> str:
    """Lower case without accents: "Précarité" → "precarite"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def revealing_words(text: str) -> list[str]:
    folded = plain(text)
    return [word for word in REVEALING_WORDS if word in folded]
