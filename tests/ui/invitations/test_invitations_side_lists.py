"""The Invitations tab's side lists: « Billets à éditer » says how many in its title and reads its
rows only when shown (a network's season has tens of thousands of them)."""

from acs_desktop.domain.print_urgency import PrintUrgency


def test_the_tickets_to_print_are_counted_in_the_title_and_read_when_shown(demo_window, demo_services, monkeypatch):
    window = demo_window
    window.show_tab(3)
    invitations = window.tab_pages[3]
    season_id = window.current_season_id()
    rows = demo_services.booking_lists.unprinted(season_id)
    urgent = sum(r.urgency is PrintUrgency.URGENT for r in rows)
    assert rows and invitations.side.currentWidget() is invitations.waiting
    assert invitations.side.tabText(3) == (
        f"Billets à éditer ({len(rows)}, dont {urgent} urgents)" if urgent else f"Billets à éditer ({len(rows)})"
    )
    asked = []
    read = demo_services.booking_lists.unprinted
    monkeypatch.setattr(demo_services.booking_lists, "unprinted", lambda *a, **k: asked.append(k) or read(*a, **k))
    window.reload_all()  # the tab reads the store again: not the hidden list's rows
    assert {} not in asked and invitations.unprinted.view.model.rowCount() == 0
    invitations.side.setCurrentWidget(invitations.unprinted)
    assert asked.count({}) == 1 and invitations.unprinted.view.model.rowCount() == len(rows)
    invitations.side.setCurrentWidget(invitations.waiting)
    invitations.side.setCurrentWidget(invitations.unprinted)
    assert asked.count({}) == 1  # read once until something changes
