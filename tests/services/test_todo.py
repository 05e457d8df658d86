"""« À faire »: each kind of line appears when something waits and not otherwise, asked of the
service that owns its rule; the most urgent come first; the backup reminder after 7 days."""

from dataclasses import replace
from datetime import timedelta

from acs_desktop.domain.accounts import Role
from acs_desktop.domain.states import ConventionState, FollowUpKind
from acs_desktop.services.follow_ups import NextStep
from acs_desktop.services.todo import (
    ATTENDANCE,
    BACKUP,
    CANCELLATION,
    DRAFT_CONVENTION,
    FOLLOW_UP,
    UNPRINTED,
    WAITING_OFFER,
    TodoItem,
    TodoKind,
    TodoPlace,
    TodoTarget,
    TodoUrgency,
    grouped,
)


def lines(services, season_id, kind=None):
    return [i for i in services.todo.items(season_id) if kind is None or i.kind == kind]


def signed(services, convention_id):
    services.conventions.change_state(convention_id, ConventionState.SIGNED)


def copied_outside(services, tmp_path):
    services.safety.backup_to(tmp_path / "cle-usb")


def test_tickets_not_printed_within_the_reminder_days_are_a_line(services, make, convention_id, season, relay_id):
    soon = make.performance(convention_id, in_days=5)
    later = make.performance(convention_id, in_days=20)
    booked = make.book(soon, relay_id, 3)
    make.book(later, relay_id, 1)  # in good time: not yet a line
    [line] = lines(services, season.id, UNPRINTED)
    assert line.target == TodoTarget(TodoPlace.BOOKING, booked.booking_id)
    assert (line.count, line.urgency) == (3, TodoUrgency.NOW)
    assert "3 billets à éditer pour CCAS" in line.text


def test_printed_tickets_and_the_setting_remove_the_line(services, make, convention_id, season, relay_id):
    soon = make.performance(convention_id, in_days=5)
    make.issued_booking(soon, relay_id, 2)
    assert lines(services, season.id, UNPRINTED) == []
    make.book(soon, relay_id, 1)
    assert len(lines(services, season.id, UNPRINTED)) == 1
    info = services.settings.get()
    services.settings.update(name=info.name or "SOSO", print_reminder_days=3)  # the rule's own setting
    assert lines(services, season.id, UNPRINTED) == []


def test_attendance_not_recorded_after_the_performance_is_a_line(
    services, make, clock, convention_id, season, relay_id
):
    performance = make.performance(convention_id, in_days=1)
    _, ids = make.issued_booking(performance, relay_id, 3)
    assert lines(services, season.id, ATTENDANCE) == []  # not played yet
    clock.advance(days=2)
    [line] = lines(services, season.id, ATTENDANCE)
    assert line.target == TodoTarget(TodoPlace.ATTENDANCE, performance)
    assert "présence à relever (3 sur 3 billets remis)" in line.text
    services.attendance.mark_used(ids)
    assert lines(services, season.id, ATTENDANCE) == []


def test_places_offered_from_the_waiting_list_and_unanswered_are_a_line(
    services, make, performance_id, relay_id, season
):
    other = make.relay("Centre social Ouest", commune="Nantes")
    first = make.book(performance_id, relay_id, 10)
    waiting = services.bookings.join_waiting_list(performance_id, other, 2)
    assert lines(services, season.id, WAITING_OFFER) == []  # waiting, nothing offered yet
    services.bookings.return_places(first.booking_id, 3)
    [line] = lines(services, season.id, WAITING_OFFER)
    assert line.target == TodoTarget(TodoPlace.WAITING, waiting)
    assert line.text.startswith("Centre social Ouest : 2 places proposées")
    services.bookings.accept_offer(waiting)
    assert lines(services, season.id, WAITING_OFFER) == []


def test_relays_to_warn_of_a_cancellation_are_a_line_until_warned(services, make, performance_id, relay_id, season):
    booked = make.book(performance_id, relay_id, 2)
    assert lines(services, season.id, CANCELLATION) == []
    services.offers.cancel_performance(performance_id)
    [line] = lines(services, season.id, CANCELLATION)
    assert line.target == TodoTarget(TodoPlace.WARNING, booked.booking_id)
    assert line.text.startswith("Prévenir CCAS")
    services.offers.mark_relay_warned(booked.booking_id)
    assert lines(services, season.id, CANCELLATION) == []


def test_a_draft_convention_once_the_season_has_started_is_a_line(services, make, convention_id, season, partner_id):
    # Today (22/11/2026) is within the season 2026-2027, which started on 01/09/2026.
    [line] = lines(services, season.id, DRAFT_CONVENTION)
    assert line.target == TodoTarget(TodoPlace.CONVENTION, convention_id)
    assert "la saison a commencé le 01/09/2026" in line.text
    signed(services, convention_id)
    assert lines(services, season.id, DRAFT_CONVENTION) == []


def test_a_draft_convention_before_its_season_starts_is_no_line(services, make, partner_id):
    next_season = make.season("2027-2028")
    make.convention(partner_id, next_season.id)
    assert lines(services, next_season.id, DRAFT_CONVENTION) == []


def test_no_copy_on_an_external_drive_is_a_line(services, season, tmp_path):
    [line] = lines(services, season.id, BACKUP)
    assert line.target == TodoTarget(TodoPlace.BACKUP)
    assert "Aucune copie" in line.text
    copied_outside(services, tmp_path)
    assert lines(services, season.id, BACKUP) == []


def test_the_backup_reminder_is_for_who_may_copy_the_store_out(services, season):
    services.accounts.create_account("Marie", Role.DIRECTION, "direction-marie")
    services.accounts.create_account("Paul", Role.VOLUNTEER, "benevole-paul")
    assert len(lines(services, season.id, BACKUP)) == 1
    services.accounts.log_in("Paul", "benevole-paul")
    assert lines(services, season.id, BACKUP) == []


def test_the_backup_reminder_comes_back_after_seven_days(services, clock, season, tmp_path):
    copied_outside(services, tmp_path)
    clock.advance(days=6, hours=23)
    assert lines(services, season.id, BACKUP) == []
    clock.advance(hours=1)
    [line] = lines(services, season.id, BACKUP)
    assert "le 22/11/2026, il y a 7 jours" in line.text


def test_a_copy_inside_the_data_folder_is_not_an_external_one(services, season):
    services.safety.backup_to(services.safety.data_dir / "sauvegardes")
    assert services.safety.last_external_backup() is None
    assert len(lines(services, season.id, BACKUP)) == 1


def test_the_most_urgent_lines_come_first_then_by_kind_and_date(
    services, make, clock, convention_id, season, relay_id, tmp_path
):
    past = make.performance(convention_id, in_days=1)
    make.issued_booking(past, relay_id, 1)
    clock.advance(days=2)  # attendance to record (soon)
    late = make.performance(convention_id, in_days=6)
    early = make.performance(convention_id, in_days=4)
    later_booking = make.book(late, relay_id, 1).booking_id
    earlier_booking = make.book(early, relay_id, 1).booking_id  # two urgent prints, the later booked first
    cancelled = make.performance(convention_id, in_days=9)
    make.book(cancelled, relay_id, 1)
    services.offers.cancel_performance(cancelled)  # a relay to warn (urgent)
    items = lines(services, season.id)
    assert [i.kind for i in items] == [CANCELLATION, UNPRINTED, UNPRINTED, ATTENDANCE, DRAFT_CONVENTION, BACKUP]
    assert [i.target.record_id for i in items if i.kind == UNPRINTED] == [earlier_booking, later_booking]
    groups = services.todo.groups(season.id)
    assert [(g.kind, len(g.items)) for g in groups] == [
        (CANCELLATION, 1),
        (UNPRINTED, 2),
        (ATTENDANCE, 1),
        (DRAFT_CONVENTION, 1),
        (BACKUP, 1),
    ]
    assert groups[1].title == "Billets urgents à éditer (2)"


def test_a_group_is_ranked_by_its_most_urgent_line():
    calm = TodoKind("calm", "Calme", 1)
    pressing = TodoKind("pressing", "Pressant", 2)
    items = [
        TodoItem(calm, "a", 1, TodoUrgency.SOON, TodoTarget(TodoPlace.BACKUP)),
        TodoItem(pressing, "b", 1, TodoUrgency.SOON, TodoTarget(TodoPlace.BACKUP)),
        TodoItem(pressing, "c", 1, TodoUrgency.NOW, TodoTarget(TodoPlace.BACKUP)),
    ]
    assert [(g.kind.key, [i.text for i in g.items]) for g in grouped(items)] == [
        ("pressing", ["c", "b"]),
        ("calm", ["a"]),
    ]


def test_nothing_waits_gives_no_line(services, make, convention_id, season, tmp_path):
    signed(services, convention_id)
    copied_outside(services, tmp_path)
    assert services.todo.items(season.id) == []
    assert services.todo.groups(season.id) == []


def test_another_part_of_the_application_adds_its_lines(services, season):
    imported = TodoKind("imported_forms", "Bons importés à revoir", 5)
    line = TodoItem(imported, "Bon de CCAS : 2 lignes refusées.", 2, TodoUrgency.NOW, TodoTarget("import", 4))
    services.todo.sources.append(lambda season_id: [line] if season_id == season.id else [])
    assert services.todo.items(season.id)[0] == line


def test_a_follow_up_step_due_and_not_done_is_a_line_until_done(services, clock, convention_id, season, relay_id):
    today = clock().date()
    step = NextStep("relancer pour le bilan", today + timedelta(days=2))
    entry = services.conventions.save_follow_up(
        convention_id, today, FollowUpKind.MEETING, "Rendez-vous", next_step=step
    )
    assert lines(services, season.id, FOLLOW_UP) == []  # not yet due
    clock.advance(days=2)
    [line] = lines(services, season.id, FOLLOW_UP)
    assert line.text == (
        f"Convention Théâtre de la Ville : relancer pour le bilan — prévu le {(today + timedelta(days=2)):%d/%m/%Y}"
    )
    assert line.target == TodoTarget(TodoPlace.CONVENTION, convention_id)
    services.conventions.save_follow_up(
        convention_id, today, FollowUpKind.MEETING, "Rendez-vous", entry, replace(step, done=True)
    )
    assert lines(services, season.id, FOLLOW_UP) == []


def test_relays_and_conventions_steps_come_most_overdue_first(services, clock, convention_id, season, relay_id):
    today = clock().date()
    services.conventions.save_follow_up(
        convention_id, today, FollowUpKind.MEETING, "Bilan", next_step=NextStep("envoyer le bilan", today)
    )
    services.relays.save_follow_up(
        relay_id,
        today,
        FollowUpKind.EXCHANGE,
        "Appel",
        next_step=NextStep("rappeler la référente", today - timedelta(days=5)),
    )
    found = lines(services, season.id, FOLLOW_UP)
    assert [i.target for i in found] == [
        TodoTarget(TodoPlace.RELAY, relay_id),
        TodoTarget(TodoPlace.CONVENTION, convention_id),
    ]
    assert found[0].text.startswith("Relais CCAS : rappeler la référente — prévu le ")
