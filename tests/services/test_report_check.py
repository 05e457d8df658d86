"""A report that can be checked: its fingerprint is that of the figures it publishes, recomputed
from the store as of its date and with its threshold; a change in the store shows; its annex
reconciles each convention, donations to places used, with a total line equal to the key figures."""

import io
import re
from dataclasses import replace

from pypdf import PdfReader

from acs_desktop.domain.french import format_int, format_money
from acs_desktop.domain.review_protection import no_protection
from acs_desktop.domain.review_stamp import figures_fingerprint, read_stamp
from acs_desktop.domain.states import ConventionState
from acs_desktop.services.conventions import ConventionFigures


def season_id(services, label="2025-2026"):
    return next(s.id for s in services.seasons.list_seasons() if s.label == label)


def test_the_stamp_names_the_season_the_date_the_threshold_and_the_fingerprint(demo_services):
    sid = season_id(demo_services)
    review, protection = demo_services.documents.review_for_funders(sid)
    stamp = read_stamp(demo_services.documents.review_report(sid).content)
    assert (stamp.season_label, stamp.as_of, stamp.threshold) == ("2025-2026", review.as_of, 5)
    assert stamp.fingerprint == figures_fingerprint(review, protection) and len(stamp.fingerprint) == 10


def test_a_fresh_report_matches_even_later_and_after_the_threshold_changed(demo_services, clock):
    sid = season_id(demo_services, "2026-2027")  # in progress: time alone changes its figures
    content = demo_services.documents.review_report(sid).content
    clock.advance(days=40)
    demo_services.settings.update(name="Les Sorties Solidaires", small_count_threshold=10)
    check = demo_services.documents.check_report(content)
    assert check.matches and check.recomputed == check.stamp.fingerprint


def test_a_changed_store_no_longer_matches(demo_services):
    sid = season_id(demo_services, "2026-2027")
    content = demo_services.documents.review_report(sid).content
    row = next(c for c in demo_services.conventions.list_conventions(sid) if c.state != ConventionState.CLOSED)
    figures = ConventionFigures(
        row.places_committed, row.solidarity_subscribers, row.donations + 50, row.place_value, row.signed_on, row.notes
    )
    demo_services.conventions.update_figures(row.id, figures, version=row.version)
    check = demo_services.documents.check_report(content)
    assert not check.matches and check.recomputed and check.recomputed != check.stamp.fingerprint


def test_the_fingerprint_hashes_the_published_figures_not_the_hidden_ones(demo_services):
    """Hashing the exact counts would let anyone try 1 to 4 for a « moins de 5 » until the
    fingerprint matches: a hidden count changing within its label leaves the fingerprint as is."""
    sid = season_id(demo_services)
    review, protection = demo_services.documents.review_for_funders(sid)
    index, field = next(
        (i, f)
        for (t, i, f) in sorted(protection.hidden)
        if t == "relays" and 0 < getattr(review.relays[i].places, f) < 4
    )
    relay = review.relays[index]
    changed = replace(relay, places=replace(relay.places, **{field: getattr(relay.places, field) + 1}))
    other = replace(review, relays=tuple(changed if i == index else r for i, r in enumerate(review.relays)))
    assert figures_fingerprint(other, protection) == figures_fingerprint(review, protection)
    assert figures_fingerprint(other, no_protection()) != figures_fingerprint(review, no_protection())


def test_the_annex_reconciles_each_convention_with_the_key_figures(demo_services):
    sid = season_id(demo_services)
    review, _ = demo_services.documents.review_for_funders(sid)
    f = review.figures
    lines = review.partners
    assert sum(p.donations for p in lines) == f.donations
    assert sum(p.places_funded for p in lines) == f.places_funded
    assert sum(p.places.booked for p in lines) == f.booked
    assert sum(p.places.issued for p in lines) == f.issued
    assert sum(p.places.used for p in lines) == f.used
    pdf = demo_services.documents.review_report(sid).content
    text = re.sub(r"[\s\u00a0\u202f]+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    annex = text[text.index("Des dons aux places utilisées, par convention Pour chaque convention") :]
    total = " ".join(
        [
            "Total (chiffres clés)",
            format_money(f.donations),
            "—",
            *(format_int(v) for v in (f.places_funded, f.booked, f.issued, f.used)),
        ]
    )
    assert re.sub(r"[\u00a0\u202f]", " ", total) in annex
    assert f"Empreinte de ses chiffres : {read_stamp(pdf).fingerprint}" in annex
