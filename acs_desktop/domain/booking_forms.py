"""The booking form's layout, shared by the workbook that writes it and the import that reads it back.

A form (« bon de réservation ») is an XLSX workbook made for one relay and one season:

- « Représentations »: one row per performance open to booking when the form was made, the
  relay fills « Places demandées » (and « Prénoms (facultatif) »);
- « Mes réservations »: one row per upcoming booking of the relay that holds places, the relay
  fills « Places à rendre »;
- « acs-formulaire », a very hidden sheet: the form's identity (key, value rows from A1:
  `FORM_KEYS`) and, from row `LINES_ROW`, one row per line of the visible sheets (`LINE_HEADERS`):
  which sheet and row, what it stands for (the performance, the booking) and what the locked
  cells said, so that a returned form changed beyond its fillable cells can be refused.

Only the fillable cells are unlocked; the sheets and the workbook's structure are protected
(without a password: it keeps mistakes out, not people).
"""

from __future__ import annotations

FORM_KIND = "acs-bon-de-reservation"
FORM_VERSION = 1

PERFORMANCES_SHEET = "Représentations"
BOOKINGS_SHEET = "Mes réservations"
IDENTITY_SHEET = "acs-formulaire"

# The visible sheets: columns, in order. The fillable ones are the last.
PERFORMANCE_HEADERS = (
    "N°",
    "Date",
    "Heure",
    "Spectacle",
    "Partenaire",
    "Salle",
    "Discipline",
    "Places restantes",
    "Date limite de réservation",
)
REQUESTED = "Places demandées"
FIRST_NAMES = "Prénoms (facultatif)"
BOOKING_HEADERS = ("N° réservation", "Date", "Heure", "Spectacle", "Partenaire", "Salle", "Places réservées")
TO_RETURN = "Places à rendre"

# Where the table's header row is on both visible sheets (the rows above say whose form it is).
HEADER_ROW = 5

# The hidden sheet: identity keys (column A) and their values (column B), then the lines.
FORM_KEYS = (
    "type",
    "version",
    "identifiant",
    "relais_id",
    "relais",
    "saison_id",
    "saison",
    "fait_le",
)
LINES_ROW = len(FORM_KEYS) + 2  # after one empty row: the header of the lines' table
LINE_HEADERS = ("feuille", "ligne", "représentation_id", "réservation_id", "date_heure", "spectacle", "places")
