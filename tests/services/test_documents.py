"""The documents service: which invitations get a ticket, marking them issued (or not), and the
data of the attendance sheet, the relay slip and the catalogue."""

import inspect
from datetime import timedelta

import pytest

from acs_desktop.domain import ticket_codes
from acs_desktop.domain.documents import CSV, PDF, XLSX, Document
from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.progress import Cancelled
from acs_desktop.domain.states import InvitationStatus
from acs_desktop.exports.review_tables import review_tables
from acs_desktop.services.bookings import BookingRequest
from acs_desktop.services.documents import DocumentService, TicketSelection, slug
from acs_desktop.services.offers import PerformanceInput
from acs_desktop.services.relays import RelayInput
from tests.printing.pdf_tools import decode_ticket_codes, flat, forbidden_words_in, page_count


@pytest.fixture
def association(services):
    services.settings.update(
        name="Les Amis du Spectacle",
        address="12 rue des Olivettes",
        postal_code="44000",
        commune="Nantes",
        phone="02 40 00 00 00",
        email="contact@amis.example",
    )


@pytest.fixture
def hall_performance(services, make, convention_id, partner_id):
    """A performance in a hall with an address, in twelve days."""
    venue = services.partners.save_venue(partner_id, "Salle Jean-Vilar", "18 rue de la Commune", "44400", "Rezé")
    show = make.show(convention_id, "Cœur d’Ulysse & <les autres>")
    starts_at = (services.clock() + timedelta(days=12)).replace(hour=20, minute=30, second=0)
    return services.offers.save_performance(PerformanceInput(show, starts_at, 10, venue_id=venue))


@pytest.fixture
def ccas(services):
    kind = services.relays.get_or_create_relay_type("Épicerie sociale")
    return services.relays.create_relay(RelayInput(name="CCAS de Rezé", relay_type_id=kind, commune="Rezé"))


def statuses(services, booking_id):
    return [(i.status, i.print_count) for i in services.booking_lists.invitations_of(booking_id)]


# --- which tickets ---------------------------------------------------------------------------------
def test_a_booking_s_tickets_hold_the_show_hall_and_codes(services, hall_performance, ccas, association):
    booking = make_booking(services, hall_performance, ccas, 3)
    booked = services.documents.ticket_batch(TicketSelection(booking_id=booking.booking_id))
    assert [t.code for t in booked.tickets] == list(booking.codes)
    ticket = booked.tickets[0]
    assert (ticket.show_title, ticket.partner_name, ticket.venue_name) == (
        "Cœur d’Ulysse & <les autres>",
        "Théâtre de la Ville",
        "Salle Jean-Vilar",
    )
    assert ticket.venue_address == "18 rue de la Commune, 44400 Rezé"
    assert not ticket.reprint and booked.identity.name == "Les Amis du Spectacle"


def make_booking(services, performance_id, relay_id, places, **options):
    return services.bookings.book_places(BookingRequest(performance_id, relay_id, places, **options))


def test_cancelled_places_get_no_ticket(services, performance_id, relay_id):
    booking = make_booking(services, performance_id, relay_id, 3)
    first = services.booking_lists.invitations_of(booking.booking_id)[0]
    services.bookings.cancel_invitations([first.id])
    batch = services.documents.ticket_batch(TicketSelection(booking_id=booking.booking_id))
    assert first.code not in [t.code for t in batch.tickets] and len(batch.tickets) == 2


def test_the_first_name_only_when_the_relay_asked_for_names(services, performance_id, relay_id):
    named = make_booking(services, performance_id, relay_id, 2, first_names=("Zoé", "Inès"), names_on_tickets=True)
    unnamed = make_booking(services, performance_id, relay_id, 1, first_names=("Chloé",), names_on_tickets=False)
    assert [
        t.first_name for t in services.documents.ticket_batch(TicketSelection(booking_id=named.booking_id)).tickets
    ] == ["Zoé", "Inès"]
    assert [
        t.first_name for t in services.documents.ticket_batch(TicketSelection(booking_id=unnamed.booking_id)).tickets
    ] == [None]


def test_a_relay_s_unprinted_tickets_of_the_season_only(
    services, make, season, convention_id, performance_id, relay_id
):
    printed, _ids = make.issued_booking(performance_id, relay_id, 2)
    waiting = make_booking(services, performance_id, relay_id, 1)
    later = make_booking(services, make.performance(convention_id, in_days=30), relay_id, 2)
    other_relay = make_booking(services, performance_id, make.relay("Secours populaire", commune="Nantes"), 1)
    cancelled_performance = make.performance(convention_id, in_days=20)
    lost = make_booking(services, cancelled_performance, relay_id, 1)
    services.offers.cancel_performance(cancelled_performance)
    batch = services.documents.ticket_batch(TicketSelection(relay_id=relay_id, season_id=season.id))
    assert [t.code for t in batch.tickets] == [*waiting.codes, *later.codes]  # by date
    assert not set(printed.codes + other_relay.codes + lost.codes) & {t.code for t in batch.tickets}


def test_a_performance_s_unprinted_tickets_or_all_of_them(services, make, performance_id, relay_id):
    printed, _ids = make.issued_booking(performance_id, relay_id, 2)
    waiting = make_booking(services, performance_id, make.relay("Armée du Salut", commune="Nantes"), 1)
    unprinted = services.documents.ticket_batch(TicketSelection(performance_id=performance_id))
    assert [t.code for t in unprinted.tickets] == list(waiting.codes) and unprinted.row_per_group
    everything = services.documents.ticket_batch(TicketSelection(performance_id=performance_id, include_printed=True))
    assert [(t.code, t.reprint) for t in everything.tickets] == [(c, False) for c in waiting.codes] + [
        (c, True) for c in printed.codes
    ]


@pytest.mark.parametrize("selection", ["relay", "performance"])
def test_nothing_to_print_is_refused_in_french(services, make, season, performance_id, relay_id, selection):
    make.issued_booking(performance_id, relay_id, 1)
    choice = (
        TicketSelection(relay_id=relay_id, season_id=season.id)
        if selection == "relay"
        else TicketSelection(performance_id=performance_id)
    )
    with pytest.raises(DomainError) as refused:
        services.documents.ticket_batch(choice)
    assert refused.value.code == "no_tickets" and "aucun" in refused.value.message.lower()


def test_no_ticket_for_a_past_or_cancelled_performance(services, make, clock, convention_id, performance_id, relay_id):
    booking = make_booking(services, performance_id, relay_id, 1)
    clock.advance(days=11)
    with pytest.raises(DomainError) as past:
        services.documents.ticket_batch(TicketSelection(booking_id=booking.booking_id))
    assert past.value.code == "performance_past"
    other = make.performance(convention_id, in_days=5)
    services.offers.cancel_performance(other)
    with pytest.raises(DomainError) as cancelled:
        services.documents.ticket_batch(TicketSelection(performance_id=other))
    assert cancelled.value.code == "performance_cancelled"


# --- printing marks them issued --------------------------------------------------------------------
def test_printing_marks_issued_and_a_second_print_is_a_duplicata_of_the_same_codes(
    services, performance_id, relay_id, tmp_path
):
    booking = make_booking(services, performance_id, relay_id, 2)
    first = services.documents.render_and_issue_tickets(TicketSelection(booking_id=booking.booking_id))
    assert statuses(services, booking.booking_id) == [(InvitationStatus.ISSUED, 1)] * 2
    assert first.summary == "2 billets : 2 imprimés pour la première fois."
    assert "DUPLICATA" not in flat(first.content)
    again = services.documents.render_and_issue_tickets(TicketSelection(booking_id=booking.booking_id))
    assert statuses(services, booking.booking_id) == [(InvitationStatus.ISSUED, 2)] * 2
    assert flat(again.content).count("DUPLICATA") == 2 and "2 duplicata (mêmes codes)" in again.summary
    assert decode_ticket_codes(again.content, 1, tmp_path)[:2] == list(booking.codes)
    # Its own default name: saved next to the first print, it does not replace it.
    assert first.filename == f"billets-reservation-{booking.booking_id}.pdf"
    assert again.filename == f"billets-reservation-{booking.booking_id}-duplicata.pdf"


def test_a_prepared_document_marks_nothing_until_its_tickets_are_issued(services, performance_id, relay_id):
    booking = make_booking(services, performance_id, relay_id, 3)
    prepared = services.documents.prepare_tickets(TicketSelection(booking_id=booking.booking_id))
    assert (
        statuses(services, booking.booking_id) == [(InvitationStatus.BOOKED, 0)] * 3
    )  # a preview closed unprinted: still to print
    assert prepared.summary == "3 billets : 3 à imprimer pour la première fois."
    assert len(prepared.tickets) == 3 and "DUPLICATA" not in flat(prepared.content)
    assert services.documents.issue_tickets(prepared) == "3 marqués édités."
    assert statuses(services, booking.booking_id) == [(InvitationStatus.ISSUED, 1)] * 3
    again = services.documents.prepare_tickets(TicketSelection(booking_id=booking.booking_id))
    assert again.summary == "3 billets : 3 duplicata (mêmes codes)." and flat(again.content).count("DUPLICATA") == 3
    assert services.documents.issue_tickets(again) == "3 duplicata comptés."
    assert statuses(services, booking.booking_id) == [(InvitationStatus.ISSUED, 2)] * 3


def stop(*_):
    raise Cancelled


def test_nothing_is_issued_when_the_print_is_cancelled(services, performance_id, relay_id):
    booking = make_booking(services, performance_id, relay_id, 9)
    with pytest.raises(Cancelled):
        services.documents.render_and_issue_tickets(TicketSelection(booking_id=booking.booking_id), progress=stop)
    assert statuses(services, booking.booking_id) == [(InvitationStatus.BOOKED, 0)] * 9


def test_nothing_is_issued_when_rendering_fails(services, performance_id, relay_id, monkeypatch):
    import acs_desktop.printing.tickets as tickets

    def broken(batch, progress=None):
        raise RuntimeError("disque plein")

    monkeypatch.setattr(tickets, "render_tickets", broken)
    booking = make_booking(services, performance_id, relay_id, 2)
    with pytest.raises(RuntimeError):
        services.documents.render_and_issue_tickets(TicketSelection(booking_id=booking.booking_id))
    assert statuses(services, booking.booking_id) == [(InvitationStatus.BOOKED, 0)] * 2


def test_a_printed_ticket_names_neither_the_relay_nor_its_kind(services, season, hall_performance, ccas, association):
    make_booking(services, hall_performance, ccas, 3, first_names=("Zoé",), names_on_tickets=True)
    document = services.documents.render_and_issue_tickets(TicketSelection(relay_id=ccas, season_id=season.id))
    content = flat(document.content)
    assert forbidden_words_in(content, extra=("CCAS de Rezé", "Épicerie sociale")) == []
    assert "Zoé" in content and "Salle Jean-Vilar" in content and page_count(document.content) == 1
    assert document.filename == f"billets-ccas-de-reze-{services.clock():%Y-%m-%d}.pdf"


def test_relays_with_places_say_how_many_to_print(services, make, season, performance_id, relay_id):
    make.issued_booking(performance_id, relay_id, 2)
    make_booking(services, performance_id, relay_id, 1)
    places = services.documents.relays_with_places(season.id)
    assert [(p.relay_id, p.to_print, p.held) for p in places] == [(relay_id, 1, 3)]


# --- attendance sheet ------------------------------------------------------------------------------
def test_attendance_sheet_lists_handed_tickets_by_relay(services, make, performance_id, relay_id):
    _done, _ids = make.issued_booking(performance_id, relay_id, 2)
    other = make.relay("Armée du Salut", commune="Nantes")
    named = make_booking(services, performance_id, other, 1, first_names=("Zoé",), names_on_tickets=True)
    services.documents.render_and_issue_tickets(TicketSelection(booking_id=named.booking_id))
    make_booking(services, performance_id, relay_id, 1, first_names=("Inès",))  # booked, not printed
    data = services.documents.attendance_data(performance_id, with_relays=True)
    assert [(g.relay_name, [(e.code, e.first_name, e.present) for e in g.entries]) for g in data.groups] == [
        ("Armée du Salut", [(named.codes[0], "Zoé", None)]),
        ("CCAS", [(code, None, None) for code in sorted(_done.codes)]),
    ]
    assert data.not_printed == 1 and data.total == 3
    document = services.documents.attendance_sheet(performance_id, with_relays=True)
    assert (
        ticket_codes.display(named.codes[0]) in flat(document.content)
        and document.summary == "Feuille d'émargement : 3 billets, 2 relais."
    )
    assert "Armée du Salut" in flat(document.content) and document.filename.endswith("-association.pdf")


def test_the_venues_attendance_sheet_holds_the_codes_in_order_and_no_relay(services, make, performance_id, relay_id):
    done, _ids = make.issued_booking(performance_id, relay_id, 2)
    other = make.relay("Armée du Salut", commune="Nantes")
    named = make_booking(services, performance_id, other, 1, first_names=("Zoé",), names_on_tickets=True)
    services.documents.render_and_issue_tickets(TicketSelection(booking_id=named.booking_id))
    data = services.documents.attendance_data(performance_id)
    assert [(g.relay_name, [e.code for e in g.entries]) for g in data.groups] == [
        (None, sorted([*done.codes, *named.codes]))
    ]
    assert not data.with_relays and "Zoé" in [e.first_name for e in data.entries]
    document = services.documents.attendance_sheet(performance_id)
    content = flat(document.content)
    assert "Armée du Salut" not in content and "CCAS" not in content and "relais" not in content.casefold()
    assert document.summary == "Feuille d'émargement : 3 billets." and not document.filename.endswith(
        "-association.pdf"
    )


def test_attendance_sheet_after_the_performance_shows_what_was_recorded(
    services, make, clock, performance_id, relay_id
):
    done, ids = make.issued_booking(performance_id, relay_id, 2)
    clock.advance(days=11)
    services.attendance.mark_used([ids[0]])
    services.attendance.mark_unused([ids[1]], services.reasons.list_reasons()[0].id)
    entries = {e.code: e.present for g in services.documents.attendance_data(performance_id).groups for e in g.entries}
    used, unused = services.booking_lists.invitations_of(done.booking_id)  # in the order of ids
    assert entries == {used.code: True, unused.code: False}


def test_an_empty_attendance_sheet_is_refused(services, performance_id, relay_id):
    make_booking(services, performance_id, relay_id, 2)
    with pytest.raises(DomainError) as refused:
        services.documents.attendance_data(performance_id)
    assert refused.value.code == "no_tickets" and "2 places réservées" in refused.value.message


# --- relay slip ------------------------------------------------------------------------------------
def test_relay_slip_lists_upcoming_places_with_codes(
    services, make, season, convention_id, performance_id, relay_id, association
):
    done, _ids = make.issued_booking(performance_id, relay_id, 2)
    later = make_booking(
        services, make.performance(convention_id, in_days=40), relay_id, 1, first_names=("Zoé",), names_on_tickets=True
    )
    services.relays.save_referent(relay_id, "Marie Dupont")
    data = services.documents.slip_data(relay_id=relay_id, season_id=season.id)
    assert [[(t.code, t.first_name, t.printed) for t in line.tickets] for line in data.lines] == [
        [(c, None, True) for c in done.codes],
        [(later.codes[0], "Zoé", False)],
    ]
    assert data.referents == ("Marie Dupont",) and data.places == 3
    assert [line.bookings for line in data.lines] == [(done.booking_id,), (later.booking_id,)]
    one = services.documents.slip_data(booking_id=later.booking_id)
    assert [t.code for line in one.lines for t in line.tickets] == list(later.codes)
    document = services.documents.relay_slip(relay_id=relay_id, season_id=season.id)
    assert (
        "02 40 00 00 00" in flat(document.content)
        and document.summary == "Bordereau de « CCAS » : 3 places, 2 représentations."
    )


def test_a_relay_without_upcoming_places_gets_no_slip(services, season, relay_id):
    with pytest.raises(DomainError) as refused:
        services.documents.slip_data(relay_id=relay_id, season_id=season.id)
    assert refused.value.code == "no_places"


# --- catalogue -------------------------------------------------------------------------------------
def test_catalogue_lists_upcoming_performances_with_places_left(
    services, make, clock, season, convention_id, hall_performance, relay_id
):
    full = make.performance(convention_id, quota=2, in_days=15)
    make_booking(services, full, relay_id, 2)
    cancelled = make.performance(convention_id, in_days=16)
    services.offers.cancel_performance(cancelled)
    make.performance(convention_id, in_days=1)  # past once the clock moves
    clock.advance(days=2)
    data = services.documents.catalogue_data(season.id)
    assert [(e.show_title, e.venue_name, e.venue_commune, e.remaining) for e in data.entries] == [
        ("Cœur d’Ulysse & <les autres>", "Salle Jean-Vilar", "Rezé", 10),
    ]
    everything = services.documents.catalogue_data(season.id, everything=True)
    assert [(e.starts_at < clock(), e.remaining) for e in everything.entries] == [(True, 10), (False, 10), (False, 0)]
    assert everything.places == 10  # a past performance offers nothing any more
    document = services.documents.catalogue(season.id)
    assert (
        document.filename == "catalogue-2026-2027.pdf"
        and document.summary == "Catalogue 2026-2027 : 1 représentation, 10 places disponibles."
    )


def test_slug_for_file_names():
    assert slug("Théâtre de l'Estuaire") == "theatre-de-l-estuaire" and slug("¿?") == "document"


def test_tickets_carry_the_name_chosen_for_tickets(services, make, performance_id, relay_id):
    from tests.printing.pdf_tools import flat

    services.settings.update(name="Les Sorties Solidaires", ticket_name="SOSO")
    booking = make.book(performance_id, relay_id, 1)
    from acs_desktop.services.documents import TicketSelection

    content = flat(services.documents.render_and_issue_tickets(TicketSelection(booking_id=booking.booking_id)).content)
    assert "SOSO" in content and "Solidaires" not in content


# --- one shape for every document ------------------------------------------------------------------
MAGIC = {PDF: b"%PDF", XLSX: b"PK\x03\x04", CSV: b"\xef\xbb\xbf"}


def every_document(services) -> dict[str, list[Document]]:
    """One call of each document method of the service, on the demo, by method name."""
    docs = services.documents
    season = next(s for s in services.seasons.list_seasons() if s.label == "2026-2027")
    booking = services.booking_lists.bookings_with_tickets(season.id)[0]
    relay = next(r for r in docs.relays_with_places(season.id) if r.to_print)
    now = services.clock()
    handed = next(p for p in services.offers.performances_with_places(season.id) if p.starts_at < now)
    prepared = docs.prepare_tickets(TicketSelection(booking_id=booking.id))
    made = {
        "prepare_tickets": [prepared],
        "printed": [docs.printed(prepared)],
        "render_and_issue_tickets": [
            docs.render_and_issue_tickets(TicketSelection(relay_id=relay.relay_id, season_id=season.id))
        ],
        "attendance_sheet": [docs.attendance_sheet(handed.id), docs.attendance_sheet(handed.id, with_relays=True)],
        "relay_slip": [docs.relay_slip(relay_id=relay.relay_id, season_id=season.id)],
        "catalogue": [docs.catalogue(season.id)],
        "booking_form": list(docs.booking_form(relay.relay_id, season.id)),
        "review_report": [docs.review_report(season.id)],
        "review_workbook": [docs.review_workbook(season.id)],
        "review_csv": list(docs.review_csv(season.id)),
    }
    for other in services.relays.list_relays(include_inactive=False)[2:]:  # two relays' forms are enough
        services.relays.set_active(other.id, False)
    made["booking_forms"] = list(docs.booking_forms(season.id))
    return made


def test_every_document_method_gives_documents_named_by_their_kind(demo_services):
    made = every_document(demo_services)
    methods = {
        name
        for name, value in vars(DocumentService).items()
        if callable(value) and "Document" in str(inspect.signature(value).return_annotation)
    }
    assert methods == set(made)  # a new document method is checked here too
    for name, documents in made.items():
        assert documents, name
        for document in documents:
            assert isinstance(document, Document), name
            assert document.kind in MAGIC and document.filename.endswith(f".{document.kind}"), (name, document.filename)
            assert document.content.startswith(MAGIC[document.kind]), (name, document.filename)
            assert document.title and document.summary, name


def test_the_review_tables_are_one_csv_document_per_table(demo_services):
    season = next(s for s in demo_services.seasons.list_seasons() if s.label == "2026-2027")
    documents = demo_services.documents.review_csv(season.id)
    tables = review_tables(demo_services.review.review(season.id))
    assert [d.filename for d in documents] == [f"{t.name}.csv" for t in tables]
    assert len({d.filename for d in documents}) == len(documents)  # written side by side in one folder
    assert documents[0].content.decode("utf-8-sig").startswith("Chiffre;Saison 2026-2027;")


def test_the_reports_file_names_follow_the_season(demo_services):
    season = next(s for s in demo_services.seasons.list_seasons() if s.label == "2025-2026")
    assert demo_services.documents.review_report(season.id).filename == "bilan-2025-2026.pdf"
    assert demo_services.documents.review_workbook(season.id).filename == "bilan-2025-2026.xlsx"
