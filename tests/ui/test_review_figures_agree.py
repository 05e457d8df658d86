"""One definition of what a season counts: the Bilan tab, the funders' PDF (key figures and
sentences), the XLSX and the CSV carry the same number for every key figure, and every table
adds up to its key figure — on a season with conventions in every state, cancelled, past and
coming performances, places never printed, a shortfall and a surplus."""

import csv
import io
import itertools
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from acs_desktop.domain.review import FIGURES, format_value
from acs_desktop.domain.review_protection import no_protection
from acs_desktop.domain.states import AllocationKind, ConventionState
from acs_desktop.exports.atomic import write_documents
from acs_desktop.exports.review_files import csv_text
from acs_desktop.exports.review_tables import Rate, review_tables
from acs_desktop.services.conventions import AllocationInput
from acs_desktop.services.relays import RelayInput
from tests.conftest import TODAY
from tests.printing.pdf_tools import text as pdf_text

STATES = [
    ConventionState.DRAFT,
    ConventionState.SIGNED,
    ConventionState.RUNNING,
    ConventionState.REVIEW,
    ConventionState.CLOSED,
]


def _to(services, convention_id, state):
    order = STATES.index(state)
    for step in STATES[1 : order + 1]:
        services.conventions.change_state(convention_id, step)


@pytest.fixture
def season_in_every_state(services, make, clock):
    s = services
    kinds = {k.name: k.id for k in s.relays.list_relay_types()}
    disciplines = {d.name: d.id for d in s.offers.list_disciplines()}
    reason = next(r.id for r in s.reasons.list_reasons() if r.label == "Garde d'enfants")
    s.settings.update(name="ACS", charter_version=2)
    relays = [
        s.relays.create_relay(
            RelayInput("CCAS d'Orvault", kinds["CCAS"], "Orvault", charter_version=2, charter_signed_on=TODAY.date())
        ),
        s.relays.create_relay(
            RelayInput(
                "Centre social Bellevue",
                kinds["Centre social"],
                "Nantes",
                charter_version=1,
                charter_signed_on=TODAY.date(),
            )
        ),
        s.relays.create_relay(RelayInput("Foyer du Port", None, "Nantes")),
        s.relays.create_relay(RelayInput("Maison de quartier", kinds["Centre social"], "Rezé")),
    ]
    clock.now = TODAY - timedelta(days=30)
    season = make.season("2026-2027")
    figures = [
        ("1200.00", "12.00", 80),
        ("300.00", "10.00", 50),
        ("500.50", "15.00", 30),
        ("0", "9.00", 0),
        ("800.00", "8.00", 90),
    ]
    conventions = []
    for i, ((donations, value, places), state) in enumerate(zip(figures, STATES, strict=True)):
        partner = make.partner(f"Partenaire {i} — {state.label}")
        conventions.append(
            make.convention(
                partner, season.id, donations=donations, place_value=value, places=places, subscribers=10 * (i + 1)
            )
        )
    s.conventions.save_allocation(
        conventions[0],
        AllocationInput(
            AllocationKind.EXTRA_PLACES, Decimal("120.00"), 10, done_amount=Decimal("96.00"), done_places=8
        ),
    )
    used_ids, unused_ids = [], []
    for i, convention in enumerate(conventions):
        show = s.offers.save_show(convention, f"Spectacle {i}", disciplines["Théâtre"] if i % 2 else None)
        past = make.performance(convention, quota=8, in_days=10 + i, show_id=show)  # past on TODAY
        coming = make.performance(convention, quota=6, in_days=50 + i, show_id=show)  # still to come
        _, ids = make.issued_booking(past, relays[i % 4], 3)
        used_ids += ids[:2]
        unused_ids += ids[2:]
        make.book(past, relays[(i + 1) % 4], 1)  # booked, never printed
        make.book(coming, relays[(i + 2) % 4], 2)
        if i == 2:
            cancelled = make.performance(convention, quota=5, in_days=60, show_id=show)
            make.issued_booking(cancelled, relays[0], 2)
            s.offers.cancel_performance(cancelled, "Tournée annulée")
    s.offers.save_show(conventions[1], "Pas encore programmé")
    for convention, state in zip(conventions, STATES, strict=True):
        _to(s, convention, state)
    clock.now = TODAY
    s.attendance.mark_used(used_ids)
    s.attendance.mark_unused(unused_ids, reason)
    return season.id


def _spaces(value: str) -> str:
    return re.sub(r"[\u00a0\u202f ]+", " ", value)


def test_every_key_figure_is_the_same_in_the_tab_the_pdf_the_xlsx_and_the_csv(
    qtbot, window, services, season_in_every_state, tmp_path
):
    season_id = season_in_every_state
    review = services.review.review(season_id)
    f = review.figures
    assert (f.partners, f.conventions, f.conventions_signed, f.performances_cancelled, f.never_issued) == (
        5,
        5,
        4,
        1,
        5,
    )
    assert (f.relays_active, f.relays_charter_current) == (4, 1)  # one current, one older version, two none
    assert f.shortfall > 0 and f.surplus > 0  # one convention short, others with a surplus

    # The tab.
    window.reload_seasons(season_id)
    window.select_season(season_id)
    tab = window.tab_pages[4]
    window.show_tab(4)
    qtbot.waitUntil(lambda: tab.review is not None and not tab.loading, timeout=5000)
    model = tab.figures_view.model
    shown = {
        model.index(r, 0).data(Qt.ItemDataRole.DisplayRole): model.index(r, 1).data(Qt.ItemDataRole.DisplayRole)
        for r in range(model.rowCount())
    }
    cards = {key: card.value.text() for key, card in tab.cards.items()}

    # The PDF's key figures table: each label, then its value (pypdf reads a cell per line).
    pdf = services.documents.review_report(season_id).content
    lines = [_spaces(line).strip() for line in pdf_text(pdf).splitlines()]

    # The XLSX and the CSV key figures sheet.
    workbook = load_workbook(io.BytesIO(services.documents.review_workbook(season_id).content))
    sheet = workbook["chiffres_cles"]
    in_xlsx = {row[0]: row[1] for row in sheet.iter_rows(min_row=3, values_only=True)}
    folder = tmp_path / "csv"
    write_documents(services.documents.review_csv(season_id), folder)
    with (folder / "chiffres_cles.csv").open(encoding="utf-8-sig", newline="") as handle:
        in_csv = {row[0]: row[1] for row in list(csv.reader(handle, delimiter=";"))[1:]}

    for definition in FIGURES:
        value = getattr(f, definition.key)
        text = format_value(definition, value)
        assert shown[definition.label] == text, definition.key
        if definition.key in cards:
            assert cards[definition.key] == text, definition.key
        assert any(a == definition.label and b == _spaces(text) for a, b in itertools.pairwise(lines)), (
            definition.key,
            text,
        )
        expected = float(value) if isinstance(value, float) else value
        assert in_xlsx[definition.label] == (pytest.approx(expected) if isinstance(value, float) else expected), (
            definition.key
        )
        cell = Rate(value) if isinstance(value, float) else value
        assert in_csv[definition.label] == csv_text(cell), definition.key

    # The report's sentences say the same numbers.
    flat = _spaces(" ".join(pdf_text(pdf).split("\n")))
    assert "5 structures culturelles partenaires ont proposé" in flat
    assert (
        "5 structures culturelles partenaires, 5 conventions pour la saison, dont 4 signées ou plus avancées et 1 encore en brouillon"
        in flat
    )
    assert (
        f"ont donné {_spaces(format_value(FIGURES[[d.key for d in FIGURES].index('donations')], f.donations))}" in flat
    )
    assert "places engagées non couvertes par les dons" in flat
    assert "5 places réservées, jamais éditées, pour des représentations passées" in flat
    for line in review.partners:
        assert line.partner in flat


def test_every_table_adds_up_to_its_key_figure(services, season_in_every_state):
    review = services.review.review(season_in_every_state)
    f = review.figures
    places = ("booked", "issued", "never_issued", "used", "unused", "cancelled", "issued_past")

    partners = review.partners
    assert len(partners) == f.partners == f.conventions
    assert sum(1 for p in partners if p.state != "brouillon") == f.conventions_signed
    for key, get in (
        ("shows", lambda p: p.shows),
        ("performances", lambda p: p.performances),
        ("places_committed", lambda p: p.places_committed),
        ("places_offered", lambda p: p.places_offered),
        ("solidarity_subscribers", lambda p: p.solidarity_subscribers),
        ("donations", lambda p: p.donations),
        ("places_funded", lambda p: p.places_funded),
        ("surplus", lambda p: p.surplus),
        ("places_uncovered", lambda p: p.places_uncovered),
        ("shortfall", lambda p: p.shortfall),
        ("surplus_planned", lambda p: p.surplus_planned),
        ("surplus_done", lambda p: p.surplus_done),
    ):
        assert sum(get(p) for p in partners) == getattr(f, key), key
    for lines, name in (
        (partners, "partners"),
        (review.relays, "relays"),
        (review.relay_types, "kinds"),
        (review.communes, "communes"),
        (review.disciplines, "disciplines"),
        (review.months, "months"),
    ):
        for key in places:
            assert sum(getattr(line.places, key) for line in lines) == getattr(f, key), (name, key)
    assert len(review.relays) == f.relays_active
    assert sum(g.relays for g in review.relay_types) == sum(g.relays for g in review.communes) == f.relays_active
    assert len(review.communes) == f.relay_communes
    assert len([d for d in review.disciplines if d.discipline != "Sans discipline"]) == f.disciplines
    assert sum(d.shows for d in review.disciplines) == f.shows
    assert (
        sum(d.performances for d in review.disciplines) == sum(m.performances for m in review.months) == f.performances
    )
    assert (
        sum(d.places_offered for d in review.disciplines)
        == sum(m.places_offered for m in review.months)
        == f.places_offered
    )
    assert sum(r.count for r in review.reasons) == f.unused
    assert sum(a.planned_amount for a in review.allocations) == f.surplus_planned
    assert sum(a.done_amount or 0 for a in review.allocations) == f.surplus_done

    # The spreadsheets, small counts not protected: each table's rows add up to its total line,
    # which is the key figure (protected, the totals stay those: tests/exports/test_small_counts_out.py).
    for table in review_tables(review, no_protection()):
        if table.total is None or not table.rows:
            continue
        for index, total in enumerate(table.total):
            if (
                isinstance(total, int | Decimal)
                and not isinstance(total, bool)
                and index > 0
                and table.name != "motifs"
            ) or (table.name == "motifs" and index == 1):
                assert sum(row[index] or 0 for row in table.rows) == total, (table.name, table.headers[index])
