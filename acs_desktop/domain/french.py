"""French formats for people: 14/02/2026, 20 h 30, 1 234,50 €; and the parsers for what they type.

Formatting follows Qt's French locale (narrow no-break space U+202F between thousands, no-break
space U+00A0 before € and %), so that the window and the printed documents agree. Parsers are
lenient with what people type (spaces, a dot or a comma, "20h30") and strict with what they mean:
anything else is refused with a French message naming the field.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from acs_desktop.domain.errors import DomainError

NNBSP = "\u202f"  # thousands separator
NBSP = "\u00a0"  # before € and %
CENT = Decimal("0.01")
MONEY_MAX = Decimal("999999999.99")  # far above any donation, well inside the store's integer cents
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def format_int(value: int) -> str:
    return f"{value:,}".replace(",", NNBSP)


def quantity(n: int, singular: str, plural: str | None = None) -> str:
    """ "0 place", "1 place", "12 places", "1 234 billets" (French: the singular below 2)."""
    return f"{format_int(n)} {singular if abs(n) < 2 else plural or singular + 's'}"


def format_decimal(value: Decimal | float, places: int = 2) -> str:
    quantum = Decimal(1).scaleb(-places)
    amount = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    whole, _, frac = f"{abs(amount):f}".partition(".")
    text = format_int(int(whole))
    return f"{sign}{text},{frac}" if places else f"{sign}{text}"


def format_money(value: Decimal | None) -> str:
    """Decimal("1234.5") → "1 234,50 €"."""
    if value is None:
        return ""
    return f"{format_decimal(value, 2)}{NBSP}€"


def format_percent(ratio: float | Decimal | None, places: int = 1) -> str:
    """0.805 → "80,5 %"; None (no denominator) → "—"."""
    if ratio is None:
        return "—"
    return f"{format_decimal(Decimal(str(ratio)) * 100, places)}{NBSP}%"


def format_date(value: date | datetime | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def format_time(value: time | datetime | None) -> str:
    """The way the window shows a time: 20:30."""
    return value.strftime("%H:%M") if value else ""


def format_time_long(value: time | datetime) -> str:
    """The way paper shows a time: "20 h 30", "20 h"."""
    return f"{value.hour}{NBSP}h{NBSP}{value.minute:02d}" if value.minute else f"{value.hour}{NBSP}h"


def format_datetime(value: datetime | None) -> str:
    return f"{format_date(value)} {format_time(value)}" if value else ""


def format_long_date(value: date | datetime) -> str:
    """ "samedi 14 février 2026"."""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{WEEKDAYS[value.weekday()]} {day} {MONTHS[value.month - 1]} {value.year}"


def _refuse(code: str, what: str, text: str, example: str, field: str | None) -> DomainError:
    return DomainError(code, f"{what} : « {text} » n'est pas valable (exemple : {example}).", field=field)


_DATE = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


def parse_date(text: str, *, field: str | None = None, what: str = "Date") -> date:
    """ "14/02/2026", "14/2/26", "14.02.2026" or "2026-02-14" → date."""
    match = _DATE.match(text or "")
    iso = _ISO_DATE.match(text or "")
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            if year < 100:
                year += 2000
            return date(year, month, day)
        if iso:
            year, month, day = (int(g) for g in iso.groups())
            return date(year, month, day)
    except ValueError:
        raise _refuse("date_invalid", what, text, "14/02/2026", field) from None
    raise _refuse("date_invalid", what, text, "14/02/2026", field)


_TIME = re.compile(r"^\s*(\d{1,2})\s*(?:[:h]\s*(\d{2})?)?\s*$", re.IGNORECASE)


def parse_time(text: str, *, field: str | None = None, what: str = "Heure") -> time:
    """ "20:30", "20h30", "20 h 30", "20h" or "20" → time."""
    match = _TIME.match(text or "")
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour < 24 and minute < 60:
            return time(hour, minute)
    raise _refuse("time_invalid", what, text, "20:30", field)


_AMOUNT_CLEAN = re.compile(r"[\s\u202f\u00a0€]")


def parse_money(text: str, *, field: str | None = None, what: str = "Montant") -> Decimal:
    """ "1 234,50 €", "1234.5", "12" → Decimal("1234.50"); negative or more than 2 decimals refused."""
    raw = _AMOUNT_CLEAN.sub("", text or "")
    if raw.count(",") == 1 and "." in raw:
        raw = raw.replace(".", "")  # "1.234,50": the dot groups thousands
    raw = raw.replace(",", ".")
    if not re.fullmatch(r"-?\d+(\.\d+)?", raw):
        raise _refuse("amount_invalid", what, text, "1 234,50", field)
    try:
        value = Decimal(raw)
    except InvalidOperation:  # pragma: no cover - the pattern above already excludes it
        raise _refuse("amount_invalid", what, text, "1 234,50", field) from None
    if value < 0:
        raise DomainError("amount_negative", f"{what} : un montant ne peut pas être négatif.", field=field)
    if value > MONEY_MAX:
        raise DomainError("amount_too_large", f"{what} : au plus 999 999 999,99 €.", field=field)
    if value != value.quantize(CENT):
        raise DomainError("amount_invalid", f"{what} : au plus deux chiffres après la virgule.", field=field)
    return value.quantize(CENT)


# Communes whose h is mute (« d'Héric »); any other h is taken as aspirated (« de Haute-Goulaine »).
MUTE_H = frozenset({"héric", "herbignac", "hérouville-saint-clair", "honfleur"})


def de(place: str) -> str:
    """« de » before a place's name, the French way: « de Nantes », « d'Orvault », « d'Angers »,
    « d'Héric », « du Pellerin », « des Sorinières », « de La Chapelle-sur-Erdre »."""
    name = place.strip()
    if name.startswith("Le "):
        return f"du {name[3:]}"
    if name.startswith("Les "):
        return f"des {name[4:]}"
    first = unicodedata.normalize("NFKD", name[:1]).casefold()[:1]  # "É" → "e"
    if (first and first in "aeiouy") or name.split(" ")[0].casefold() in MUTE_H:
        return f"d'{name}"
    return f"de {name}"
