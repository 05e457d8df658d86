"""« Documents › Bons de réservation… » on the demo: one relay's form (workbook and PDF side by
side) or every active relay's into a folder; nothing written when the person cancels."""

import io
from typing import ClassVar

import pytest
from openpyxl import load_workbook

from acs_desktop.domain.booking_forms import IDENTITY_SHEET
from acs_desktop.ui import booking_forms_action
from acs_desktop.ui.booking_forms_action import ALL, EVERY_RELAY
from acs_desktop.ui.documents_menu import DocumentsMenu


@pytest.fixture
def menu(demo_window) -> DocumentsMenu:
    bar = demo_window.menuBar().actions()
    return next(action.menu() for action in bar if isinstance(action.menu(), DocumentsMenu))


@pytest.fixture
def picked(monkeypatch):
    """The relay picked in the list (`picked.next`), and the items offered."""

    class Picked:
        next = None
        offered: ClassVar[list] = []

    def fake_choose(_parent, _title, _prompt, items, **_options):
        Picked.offered = items
        return Picked.next

    monkeypatch.setattr(booking_forms_action, "choose", fake_choose)
    return Picked


def test_one_relay_s_form_is_written_with_its_pdf(qtbot, menu, picked, messages, demo_services, tmp_path):
    relay = demo_services.relays.list_relays(include_inactive=False)[0]
    picked.next = (relay.id, False)
    messages.path = str(tmp_path / "bon")
    menu.booking_forms.trigger()
    qtbot.waitUntil(lambda: bool(messages.boxes["information"]), timeout=15000)
    assert picked.offered[0] == (ALL, EVERY_RELAY)
    assert {i for i, _ in picked.offered[1:]} == {
        r.id for r in demo_services.relays.list_relays(include_inactive=False)
    }
    title, said = messages.boxes["information"][-1]
    assert title == "Bons de réservation" and relay.name in said and str(tmp_path / "bon.xlsx") in said
    book = load_workbook(io.BytesIO((tmp_path / "bon.xlsx").read_bytes()))
    assert book[IDENTITY_SHEET].cell(4, 2).value == relay.id
    assert (tmp_path / "bon.pdf").read_bytes().startswith(b"%PDF")


def test_every_active_relay_s_form_into_a_folder(qtbot, menu, picked, messages, demo_services, tmp_path):
    for relay in demo_services.relays.list_relays(include_inactive=False)[3:]:  # three forms are enough
        demo_services.relays.set_active(relay.id, False)
    active = demo_services.relays.list_relays(include_inactive=False)
    assert len(active) == 3
    picked.next = (ALL, False)
    messages.path = str(tmp_path)
    menu.booking_forms.trigger()
    qtbot.waitUntil(lambda: bool(messages.boxes["information"]), timeout=60000)
    assert len(list(tmp_path.glob("bon-reservation-*.xlsx"))) == len(active)
    assert len(list(tmp_path.glob("bon-reservation-*.pdf"))) == len(active)
    assert f"{len(active)} bons de réservation" in messages.boxes["information"][-1][1]


def test_a_cancelled_choice_writes_nothing(qtbot, menu, picked, messages, tmp_path):
    picked.next = (ALL, False)
    messages.path = ""  # the folder dialog cancelled
    menu.booking_forms.trigger()
    qtbot.wait(200)
    assert messages.asked == ["Dossier où écrire les bons de réservation"]
    assert not messages.said and not list(tmp_path.glob("bon-*"))
