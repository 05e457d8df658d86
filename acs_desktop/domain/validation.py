"""Guard clauses shared by the services: each refuses bad input with a French message and a field."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.french import format_money, parse_money

# Far above any real figure, low enough to catch a typing slip (an extra zero or two).
MAX_PLACES = 100_000
MAX_AMOUNT = Decimal("10000000.00")


# C0 control characters and DEL: invisible, and some (NUL) break the files that carry them.
# Tab and line breaks are allowed: a one-line text folds them into spaces, a long text keeps them.
CONTROL_CHARACTERS = frozenset(chr(c) for c in (*range(0x00, 0x20), 0x7F)) - {"\t", "\n", "\r"}


def refuse_control_characters(value: str, what: str, field: str) -> None:
    for position, char in enumerate(value, start=1):
        if char in CONTROL_CHARACTERS:
            raise DomainError(
                "control_character",
                f"{what} contient un caractère de contrôle invisible (U+{ord(char):04X}, position {position}) : retirez-le.",
                field=field,
            )


def required_text(value: str | None, what: str, field: str, max_length: int = 120) -> str:
    refuse_control_characters(value or "", what, field)
    text = " ".join((value or "").split())
    if not text:
        raise DomainError("name_required", f"{what} est obligatoire.", field=field)
    if len(text) > max_length:
        raise DomainError(
            "text_too_long", f"{what} : {max_length} caractères au plus ({len(text)} saisis).", field=field
        )
    return text


def optional_text(value: str | None, what: str, field: str, max_length: int = 200, *, multiline: bool = False) -> str:
    refuse_control_characters(value or "", what, field)
    text = (value or "").strip() if multiline else " ".join((value or "").split())
    if len(text) > max_length:
        raise DomainError(
            "text_too_long", f"{what} : {max_length} caractères au plus ({len(text)} saisis).", field=field
        )
    return text


_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")


def optional_email(value: str | None, what: str = "Courriel", field: str = "email") -> str:
    """An email address, or nothing: « nom@exemple.fr », never « nom@ », « nom.exemple.fr » or two « @ »."""
    text = optional_text(value, what, field, 120)
    if text and not _EMAIL.match(text):
        raise DomainError(
            "email_invalid",
            f"{what} : « {text} » n'est pas une adresse de courriel (exemple : nom@exemple.fr).",
            field=field,
        )
    return text


def count(value: object, what: str, field: str, *, minimum: int = 0, maximum: int = MAX_PLACES) -> int:
    """A whole number of places or people, within [minimum, maximum]."""
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            text = str(value).strip().replace("\u202f", "").replace(" ", "")
            number = int(text)
        except (TypeError, ValueError):
            raise DomainError(
                "number_invalid", f"{what} : « {value} » n'est pas un nombre entier.", field=field
            ) from None
    else:
        number = value
    if number < 0:
        raise DomainError("number_negative", f"{what} ne peut pas être négatif.", field=field)
    if number < minimum:
        raise DomainError("number_too_small", f"{what} : au moins {minimum}.", field=field)
    if number > maximum:
        raise DomainError("number_too_large", f"{what} : {number} paraît trop grand (au plus {maximum}).", field=field)
    return number


def money(value: object, what: str, field: str) -> Decimal:
    """Euros ≥ 0 with at most two decimals, as Decimal (never float)."""
    if isinstance(value, float):
        raise DomainError("amount_invalid", f"{what} : montant à saisir en décimal exact.", field=field)
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        try:
            amount = Decimal(value)
        except InvalidOperation:
            raise DomainError("amount_invalid", f"{what} : montant illisible.", field=field) from None
        if not amount.is_finite():
            raise DomainError("amount_invalid", f"{what} : montant illisible.", field=field)
        if amount < 0:
            raise DomainError("amount_negative", f"{what} : un montant ne peut pas être négatif.", field=field)
        if amount > MAX_AMOUNT:  # before quantize(), which fails beyond Decimal's precision
            raise DomainError("amount_too_large", f"{what} : {format_money(MAX_AMOUNT)} au plus.", field=field)
        if amount != amount.quantize(Decimal("0.01")):
            raise DomainError("amount_invalid", f"{what} : au plus deux chiffres après la virgule.", field=field)
        amount = amount.quantize(Decimal("0.01"))
    else:
        amount = parse_money(str(value), field=field, what=what)
    if amount > MAX_AMOUNT:
        raise DomainError("amount_too_large", f"{what} : {format_money(MAX_AMOUNT)} au plus.", field=field)
    return amount


def same_label(a: str, b: str) -> bool:
    """Entries of a short list (a discipline, a kind of relay) a person would call the same: case,
    accents and spaces ignored ("theatre" is "Théâtre")."""
    return _folded(a) == _folded(b)


def _folded(text: str) -> str:
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return " ".join(plain.split()).casefold()


def same_name(a: str, b: str) -> bool:
    """Names a person would call the same: case and surrounding spaces ignored."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
