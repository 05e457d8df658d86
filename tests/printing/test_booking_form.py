"""The booking form on paper: the same lines as the workbook, boxes to fill, whose form it is and
how to send it back — and none of the words a form must not say."""

from datetime import datetime

from acs_desktop.domain.documents import BookingFormData, FormBooking, FormPerformance
from acs_desktop.printing.booking_form import render_booking_form
from tests.printing import samples
from tests.printing.pdf_tools import flat, page_count, plain


def form(performances: int = 2, bookings: int = 1) -> BookingFormData:
    lines = (
        FormPerformance(
            31,
            datetime(2027, 2, 14, 20, 30),
            "Le Bal du port",
            "Théâtre & <Cie>",
            "Grande salle",
            "Danse",
            6,
            datetime(2027, 2, 12, 18, 0),
        ),
        FormPerformance(32, datetime(2027, 3, 2, 19, 0), "Phèdre", "Le Grand T", "", "Théâtre", 0),
    )[:performances]
    held = (FormBooking(77, 30, datetime(2027, 1, 30, 20, 0), "La Mouette", "Le Lieu Unique", "Salle 2", 3, 1),)
    return BookingFormData(
        samples.identity(),
        "7F3A-9C21-B0D4",
        5,
        "Centre social Bellevue",
        "Nantes",
        2,
        "2026-2027",
        datetime(2027, 1, 20, 9, 0),
        lines,
        held[:bookings],
    )


def test_the_form_names_the_relay_its_number_season_and_date():
    said = flat(render_booking_form(form()))
    for words in ("Bon de réservation", "Centre social Bellevue", "7F3A-9C21-B0D4", "2026-2027", "20/01/2027"):
        assert words in said


def test_it_lists_the_performances_with_remaining_places_deadline_and_a_box_to_fill():
    said = flat(render_booking_form(form()))
    assert "Le Bal du port" in said and "Phèdre" in said
    assert "14/02/2027" in said and "Théâtre & <Cie>" in said
    assert "Réserver avant le 12/02/2027 18:00" in said
    assert "demandées" in said and "Prénoms (facultatif)" in said


def test_it_lists_the_relay_s_bookings_with_a_box_to_give_places_back():
    said = flat(render_booking_form(form()))
    assert "La Mouette" in said and "3 places" in said and "à rendre" in said


def test_it_says_how_to_send_it_back():
    said = flat(render_booking_form(form()))
    assert "Renvoyer le bon" in said and "contact@amis.example" in said and "Les Amis du Spectacle" in said


def test_an_empty_offer_is_said():
    said = flat(render_booking_form(form(performances=0, bookings=0)))
    assert "Aucune représentation n'est ouverte" in said and "Aucune réservation à venir" in said


def test_a_long_offer_takes_several_pages():
    data = form()
    many = data.performances[:1] * 40
    assert page_count(render_booking_form(BookingFormData(**{**data.__dict__, "performances": many}))) > 1


def test_a_form_never_says_free_or_precarity():
    folded = plain(flat(render_booking_form(form())))
    assert not [word for word in ("gratuit", "precarite", "beneficiaire") if word in folded]
