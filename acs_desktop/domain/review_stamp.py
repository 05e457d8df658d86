"""A report that can be checked: the fingerprint of the figures a funders' report shows.

The report carries its date and a short fingerprint: the first 10 hexadecimal digits of SHA-256
over a canonical serialisation (sorted JSON) of the season, the small-count threshold and every
figure the report and its spreadsheets publish, *as published* — a count hidden as « moins de 5 »
enters as that text. Hashing the exact counts instead would let anyone try the few values a
hidden count can take (1 to 4) until the fingerprint matches, and so recompute it.

The stamp is written, in ASCII, into the PDF's metadata (its /Keywords, which PDF writers keep
outside the compressed page streams) and printed on the pages. `read_stamp` finds it in the
file's bytes with no PDF library: `acs-desktop report --verify` recomputes the figures as of the
report's date and compares.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.review import SeasonReview
from acs_desktop.domain.review_protection import BREAKDOWNS, ReviewProtection

FINGERPRINT_LENGTH = 10
STAMP_PATTERN = re.compile(
    rb"acs-bilan saison=(\d{4}-\d{4}) arrete=(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d) seuil=(\d+) empreinte=([0-9a-f]{10})"
)


@dataclass(frozen=True)
class ReportStamp:
    season_label: str
    as_of: datetime  # the figures are those of this instant (to the second)
    threshold: int
    fingerprint: str

    @property
    def text(self) -> str:
        """The ASCII line written into the PDF's metadata."""
        return (
            f"acs-bilan saison={self.season_label} arrete={self.as_of.isoformat(timespec='seconds')} "
            f"seuil={self.threshold} empreinte={self.fingerprint}"
        )


@dataclass(frozen=True)
class ReportCheck:
    """A report's stamp beside the fingerprint of the same figures recomputed from the store."""

    stamp: ReportStamp
    recomputed: str | None  # None: the season is no longer in the store

    @property
    def matches(self) -> bool:
        return self.recomputed == self.stamp.fingerprint


def _canon(value: object) -> object:
    """A JSON value that does not depend on float noise or on Python's types."""
    if isinstance(value, float):
        return f"{value:.6f}"
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, date):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _canon(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [_canon(v) for v in value]
    if isinstance(value, dict):
        return {key: _canon(v) for key, v in value.items()}
    return value  # int, str (« moins de 5 », « masqué » included), None


def _published_line(line: Any, table: str, index: int, protection: ReviewProtection) -> dict:
    """A breakdown's line (a dataclass), every field as it is, but its places as published."""
    out = {f.name: getattr(line, f.name) for f in fields(line)}
    out["places"] = protection.places(table, index, line.places)
    return out


def published_figures(review: SeasonReview, protection: ReviewProtection) -> dict:
    """Every figure the report and its spreadsheets publish, as they publish them: the key figures
    (this season's and the previous one's), every breakdown line with its places as published,
    the surplus allocations and the reasons for non-use."""
    data: dict[str, object] = {
        "season": review.season_label,
        "threshold": protection.threshold,
        "figures": review.figures,
        "previous": review.previous,
        "allocations": [{f.name: getattr(a, f.name) for f in fields(a)} for a in review.allocations],
        "reasons": [
            (
                r.reason,
                protection.reason(i, "count", r.count),
                protection.share(i, r.share),
                protection.reason(i, "previous", r.previous),
            )
            for i, r in enumerate(review.reasons)
        ],
    }
    for table in BREAKDOWNS:
        data[table] = [_published_line(line, table, i, protection) for i, line in enumerate(getattr(review, table))]
    data["trends"] = list(review.trends)  # the seasons' key figures: exact, as published
    for table in ("mediation", "mediation_kinds"):
        data[table] = [
            {f.name: getattr(line, f.name) for f in fields(line)}
            | {"people": protection.count(table, i, "people", line.people)}
            for i, line in enumerate(getattr(review, table))
        ]
    return data


def figures_fingerprint(review: SeasonReview, protection: ReviewProtection) -> str:
    """The first 10 hexadecimal digits of SHA-256 over the published figures, canonical."""
    data = {key: _canon(value) for key, value in published_figures(review, protection).items()}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


def report_stamp(review: SeasonReview, protection: ReviewProtection) -> ReportStamp:
    as_of = review.as_of.replace(microsecond=0)
    return ReportStamp(review.season_label, as_of, protection.threshold, figures_fingerprint(review, protection))


def read_stamp(content: bytes) -> ReportStamp:
    """The stamp a report carries in its metadata (the last one, if the file was added to)."""
    found = list(STAMP_PATTERN.finditer(content))
    if not found:
        raise DomainError(
            "report_without_fingerprint",
            "Ce fichier ne porte pas d'empreinte de bilan : ce n'est pas un bilan de saison édité par ACS Desktop "
            "(ou il a été réenregistré par un autre logiciel). Vérifiez avec le PDF tel qu'il a été édité.",
        )
    season, as_of, threshold, fingerprint = found[-1].groups()
    return ReportStamp(
        season.decode("ascii"),
        datetime.fromisoformat(as_of.decode("ascii")),
        int(threshold),
        fingerprint.decode("ascii"),
    )
