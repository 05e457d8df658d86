"""The Bilan de saison tab on the demo store: key figures beside the previous season, tables and
charts filled, the qualitative text saved with the season, the report and exports written in
the background."""

import time

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from acs_desktop.ui.app import make_application
from acs_desktop.ui.events import AppEvents
from acs_desktop.ui.review.review_tab import ReviewTab


def season_id(services, label):
    return next(s.id for s in services.seasons.list_seasons() if s.label == label)


@pytest.fixture
def tab(qtbot, demo_services):
    make_application()
    widget = ReviewTab(demo_services, AppEvents())
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    widget.set_season(season_id(demo_services, "2026-2027"))
    wait_shown(qtbot, widget)
    return widget


def wait_shown(qtbot, tab):
    """The review is computed in the background: wait until the tab shows it."""
    qtbot.waitUntil(lambda: not tab.loading, timeout=30000)


def wait_idle(qtbot, tab):
    qtbot.waitUntil(lambda: tab.task is None, timeout=30000)


def test_key_figures_beside_the_previous_season(tab, demo_services):
    review = demo_services.review.review(tab.season_id)
    assert tab.heading.text() == "Bilan de la saison 2026-2027"
    assert tab.values["Places utilisées"].text() == str(review.figures.used)
    assert tab.values["Abonnés solidaires"].text() == "1\u202f012"
    assert tab.cards["used"].before.text().startswith(f"2025-2026 : {review.previous.used}\n−")
    assert "comparés à la saison 2025-2026" in tab.subheading.text()


def test_tables_and_charts_are_filled(tab, demo_services):
    review = demo_services.review.review(tab.season_id)
    assert tab.partners_view.model.rowCount() == len(review.partners) == 11
    assert tab.relays_view.model.rowCount() == len(review.relays)
    assert tab.kinds_view.model.rowCount() == len(review.relay_types)
    assert tab.disciplines_view.model.rowCount() == len(review.disciplines)
    assert tab.reasons_view.model.rowCount() == len(review.reasons)
    assert tab.figures_view.model.rowCount() == len(review.comparisons())
    assert all(
        chart.has_data()
        for chart in (tab.months_chart, tab.participation_chart, tab.reasons_chart, tab.comparison_chart)
    )
    definition = tab.figures_view.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert definition.startswith("Structures culturelles")


def test_the_previous_season_has_no_comparison(tab, demo_services, qtbot):
    tab.set_season(season_id(demo_services, "2025-2026"))
    wait_shown(qtbot, tab)
    assert tab.values["Places utilisées"].text() == "804"
    assert tab.cards["used"].before.text() == "pas de saison précédente"


def test_the_qualitative_text_is_saved_with_ctrl_s(tab, qtbot, demo_services):
    tab.pages.setCurrentWidget(tab.narrative)
    field = tab.narrative.fields["highlights"]
    field.setFocus()
    qtbot.keyClicks(field, "Une sortie au cirque avec trois relais.")
    assert tab.narrative.state.text() == "Modifications non enregistrées"
    QTest.keySequence(field, QKeySequence(QKeySequence.StandardKey.Save))
    assert demo_services.review.narrative(tab.season_id).highlights == "Une sortie au cirque avec trois relais."
    assert tab.narrative.state.text() == "Enregistré." and not tab.narrative.dirty


def test_the_save_button_and_switching_season_keep_the_text(tab, qtbot, demo_services):
    current = tab.season_id
    # QTest types ASCII only; accents go in as a paste would.
    qtbot.keyClicks(tab.narrative.fields["next_steps"], "Rencontrer les relais de ")
    tab.narrative.fields["next_steps"].insertPlainText("Rezé.")
    qtbot.mouseClick(tab.narrative.save_button, Qt.MouseButton.LeftButton)
    assert demo_services.review.narrative(current).next_steps == "Rencontrer les relais de Rezé."
    tab.narrative.fields["gaps"].insertPlainText("Une représentation annulée.")
    tab.set_season(season_id(demo_services, "2025-2026"))  # unsaved text is not lost
    assert demo_services.review.narrative(current).gaps == "Une représentation annulée."
    assert tab.narrative.fields["gaps"].toPlainText() == ""


def test_the_report_is_written_in_the_background(tab, qtbot, tmp_path, messages):
    target = tmp_path / "bilan"
    messages.path = str(target)
    qtbot.mouseClick(tab.pdf_button, Qt.MouseButton.LeftButton)
    assert tab.task is not None and not tab.pdf_button.isEnabled()
    wait_idle(qtbot, tab)
    written = tmp_path / "bilan.pdf"
    assert written.read_bytes().startswith(b"%PDF")
    assert "Rapport enregistré" in tab.status.text() and tab.pdf_button.isEnabled()


def test_the_tables_are_exported_to_xlsx_and_csv(tab, qtbot, tmp_path, messages):
    messages.path = str(tmp_path / "bilan.xlsx")
    tab.export_xlsx()
    wait_idle(qtbot, tab)
    assert "chiffres_cles" in load_workbook(tmp_path / "bilan.xlsx").sheetnames
    messages.path = str(tmp_path)
    tab.export_csv()
    wait_idle(qtbot, tab)
    assert (tmp_path / "bilan-2026-2027" / "motifs.csv").exists()


def test_a_refused_write_is_said_in_french(tab, qtbot, tmp_path, messages):
    messages.path = str(tmp_path / "absent" / "x.pdf")
    tab.write_report()
    wait_idle(qtbot, tab)
    assert "Impossible d'écrire" in tab.status.text()


def test_the_tab_opens_before_the_review_is_computed_and_never_shows_another_seasons(qtbot, demo_services, monkeypatch):
    make_application()
    widget = ReviewTab(demo_services, AppEvents())
    qtbot.addWidget(widget)
    widget.show()
    widget.set_season(season_id(demo_services, "2026-2027"))
    wait_shown(qtbot, widget)
    assert widget.values["Abonnés solidaires"].text() == "1\u202f012"
    computing = demo_services.review.review
    monkeypatch.setattr(
        demo_services.review, "review", lambda season: (time.sleep(0.3), computing(season))[-1]
    )  # a slow store
    widget.set_season(season_id(demo_services, "2025-2026"))
    assert widget.loading and widget.subheading.text() == "Calcul du bilan…"
    assert widget.values["Abonnés solidaires"].text() == "…"  # not 2026-2027's figures
    wait_shown(qtbot, widget)
    assert widget.heading.text() == "Bilan de la saison 2025-2026"
    assert widget.values["Places utilisées"].text() == "804"


def test_only_the_latest_reload_is_shown(qtbot, demo_services):
    make_application()
    widget = ReviewTab(demo_services, AppEvents())
    qtbot.addWidget(widget)
    widget.show()
    widget.set_season(season_id(demo_services, "2025-2026"))
    widget.set_season(season_id(demo_services, "2026-2027"))
    wait_shown(qtbot, widget)
    qtbot.wait(200)  # the first review, if it came later, would be dropped
    assert widget.heading.text() == "Bilan de la saison 2026-2027"


def test_a_report_on_a_full_disk_is_said_and_leaves_no_file(tab, qtbot, tmp_path, monkeypatch, messages):
    from tests.machine import files_under, full_disk

    out = tmp_path / "clé"
    out.mkdir()
    messages.path = str(out / "bilan.pdf")
    full_disk(monkeypatch)
    tab.write_report()
    wait_idle(qtbot, tab)
    assert "le disque est plein" in tab.status.text() and "bilan.pdf" in tab.status.text()
    assert files_under(out) == []  # never a 0-byte or half PDF


def test_the_tab_shows_exact_numbers_and_says_the_report_protects_small_counts(tab, demo_services):
    review = demo_services.review.review(tab.season_id)
    row = next(i for i, r in enumerate(review.relays) if r.places.used == 3)
    model = tab.relays_view.model
    used = next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == "Utilisées")
    assert model.index(row, used).data() == "3"
    assert tab.protection_note.text() == (
        "Nombres exacts ici ; le rapport et les tableurs écrivent « moins de 5 » pour protéger les personnes."
    )
    assert "Fichier › L'association" in tab.protection_note.toolTip()  # where the threshold is set
    tab.window().resize(1366, 768)
    tab.show()
    assert tab.protection_note.sizeHint().width() <= tab.protection_note.width()  # never cut at 1366 pixels
