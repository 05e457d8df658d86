"""Columns of an attendance sheet: one line per invitation handed out."""

from acs_desktop.domain.states import InvitationStatus
from acs_desktop.domain.ticket_codes import display
from acs_desktop.ui.widgets.formats import format_datetime
from acs_desktop.ui.widgets.table_model import Column, RowsTableModel

STATUS_TEXT = {
    InvitationStatus.ISSUED: "à relever",
    InvitationStatus.USED: "présent",
    InvitationStatus.UNUSED: "absent",
}


class AttendanceTableModel(RowsTableModel):
    ID_FIELD = "invitation_id"
    COLUMNS = (
        Column("Code", lambda r: display(r.code), sort=lambda r: r.code),
        Column("Relais", lambda r: r.relay_name, stretch=True),
        Column("Prénom", lambda r: r.first_name or ""),
        Column("Pour", lambda r: "accompagnateur" if r.companion else "personne suivie"),
        Column("Présence", lambda r: STATUS_TEXT.get(r.status, r.status.label), sort=lambda r: r.status.value),
        Column("Motif", lambda r: r.reason),
        Column("Commentaire", lambda r: r.comment, stretch=True),
        Column("Relevé le", lambda r: format_datetime(r.recorded_at), sort=lambda r: r.recorded_at or ""),
    )
