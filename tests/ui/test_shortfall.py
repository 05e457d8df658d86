"""A shortfall is shown, never hidden: the convention dialog, the Conventions list and the Bilan tab
say how many committed places the donations do not cover and for how much."""

from PySide6.QtCore import Qt

from acs_desktop.ui.conventions.convention_dialog import ConventionDialog
from tests.ui.test_workflows import type_into

SHORT = "20 places engagées non couvertes par les dons : 200,00\u00a0€"


def test_the_convention_dialog_says_the_shortfall_as_the_director_types(qtbot, services, make, season):
    partner = make.partner("Le Grand T")
    dialog = ConventionDialog(services, season.id)
    qtbot.addWidget(dialog)
    dialog.partner.set_value(partner)
    dialog.places.setValue(50)
    type_into(qtbot, dialog.donations, "300")
    type_into(qtbot, dialog.place_value, "10")
    assert SHORT in dialog.surplus.text()
    assert "surplus" not in dialog.surplus.text()  # never « 0,00 € de surplus »
    type_into(qtbot, dialog.donations, "600")
    assert "100,00" in dialog.surplus.text() and "non couvertes" not in dialog.surplus.text()


def test_the_conventions_list_and_the_review_show_the_shortfall(qtbot, window, make, services, season):
    partner = make.partner("Le Grand T")
    make.convention(partner, season.id, donations="300.00", place_value="10.00", places=50)
    window.reload_seasons(season.id)
    window.reload_all()
    conventions = window.tab_pages[0]
    model = conventions.view.model
    column = next(i for i, c in enumerate(model.COLUMNS) if c.title == "Surplus ou manque")
    assert model.index(0, column).data(Qt.ItemDataRole.DisplayRole) == "manque 200,00\u00a0€ (20 places)"
    conventions.view.select_ids([model.row_at(0).id])
    assert SHORT in conventions.surplus_summary.text()

    review = window.tab_pages[4]
    window.show_tab(window.tab_pages.index(review))
    qtbot.waitUntil(lambda: review.review is not None and not review.loading, timeout=5000)
    assert SHORT in review.alerts.text() and review.alerts.isVisibleTo(review)
    assert services.review.key_figures(season.id).shortfall == 200
