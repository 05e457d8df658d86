"""The association's settings: its name, address and logo, printed on every document."""

from __future__ import annotations

from dataclasses import dataclass

from acs_desktop.domain.accounts import DEFAULT_LOCK_MINUTES, Permission
from acs_desktop.domain.documents import address_line
from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.print_urgency import DEFAULT_REMINDER_DAYS
from acs_desktop.domain.relays import DEFAULT_NO_SHOW_THRESHOLD
from acs_desktop.domain.small_counts import DEFAULT_THRESHOLD as DEFAULT_SMALL_COUNT
from acs_desktop.domain.ticket_words import revealing_words
from acs_desktop.domain.validation import count, optional_email, optional_text, required_text
from acs_desktop.models import AssociationSettings
from acs_desktop.services.base import Service, changed_elsewhere

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"
MAX_LOGO_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class AssociationInfo:
    name: str
    address: str
    postal_code: str
    commune: str
    phone: str
    email: str
    website: str
    retention_months: int
    logo: bytes | None
    version: int  # as read: saving the settings with it is refused if another desk saved them meanwhile
    ticket_name: str = ""
    print_reminder_days: int = DEFAULT_REMINDER_DAYS  # tickets not printed this close to the performance are urgent
    charter_text: str = ""  # the charter the relays sign
    charter_version: int = 1  # a relay that signed an older version is warned when booking
    no_show_threshold: int = DEFAULT_NO_SHOW_THRESHOLD  # places unused without notice from which booking is warned
    lock_minutes: int = DEFAULT_LOCK_MINUTES  # with accounts: the window locks after so long without a key (0: never)
    small_count_threshold: int = DEFAULT_SMALL_COUNT  # what leaves the office reads « moins de N » under it (0: off)

    @property
    def is_named(self) -> bool:
        return bool(self.name)

    @property
    def name_on_tickets(self) -> str:
        return self.ticket_name or self.name

    @property
    def address_line(self) -> str:
        return address_line(self.address, self.postal_code, self.commune)


def _info(row: AssociationSettings) -> AssociationInfo:
    return AssociationInfo(
        row.name,
        row.address,
        row.postal_code,
        row.commune,
        row.phone,
        row.email,
        row.website,
        row.retention_months,
        row.logo_png,
        row.version,
        row.ticket_name,
        row.print_reminder_days,
        row.charter_text,
        row.charter_version,
        row.no_show_threshold,
        row.lock_minutes,
        row.small_count_threshold,
    )


class SettingsService(Service):
    def get(self) -> AssociationInfo:
        with self._reading() as session:
            return _info(self._row(session))

    def update(
        self,
        *,
        name: str,
        address: str = "",
        postal_code: str = "",
        commune: str = "",
        phone: str = "",
        email: str = "",
        website: str = "",
        retention_months: int = 24,
        ticket_name: str = "",
        print_reminder_days: int = DEFAULT_REMINDER_DAYS,
        charter_text: str | None = None,
        charter_version: int | None = None,
        no_show_threshold: int | None = None,
        lock_minutes: int | None = None,
        small_count_threshold: int | None = None,
        version: int | None = None,
    ) -> AssociationInfo:
        """The association's settings; the charter, the no-show threshold, the idle lock and the
        small-count threshold are kept when not given. The direction's, once the store has accounts. `version`: the one the
        dialog read; refused if another desk saved the settings since."""
        self._desk.require(Permission.SETTINGS)
        values = {
            "name": required_text(name, "Le nom de l'association", "name"),
            "ticket_name": optional_text(ticket_name, "Nom sur les billets", "ticket_name", 120),
            "address": optional_text(address, "Adresse", "address"),
            "postal_code": optional_text(postal_code, "Code postal", "postal_code", 10),
            "commune": optional_text(commune, "Commune", "commune", 80),
            "phone": optional_text(phone, "Téléphone", "phone", 30),
            "email": optional_email(email),
            "website": optional_text(website, "Site web", "website", 120),
            "retention_months": count(
                retention_months, "Durée de conservation (mois)", "retention_months", minimum=1, maximum=120
            ),
            "print_reminder_days": count(
                print_reminder_days,
                "Billets à éditer au plus tard (jours avant)",
                "print_reminder_days",
                minimum=0,
                maximum=90,
            ),
        }
        if charter_text is not None:
            values["charter_text"] = optional_text(
                charter_text, "Texte de la charte", "charter_text", 20000, multiline=True
            )
        if charter_version is not None:
            values["charter_version"] = count(
                charter_version, "Version de la charte", "charter_version", minimum=1, maximum=999
            )
        if no_show_threshold is not None:
            values["no_show_threshold"] = count(
                no_show_threshold,
                "Places non utilisées sans prévenir (seuil)",
                "no_show_threshold",
                minimum=1,
                maximum=999,
            )
        if lock_minutes is not None:
            values["lock_minutes"] = count(
                lock_minutes, "Verrouillage après (minutes)", "lock_minutes", minimum=0, maximum=480
            )
        if small_count_threshold is not None:
            values["small_count_threshold"] = count(
                small_count_threshold,
                "Petits nombres protégés (seuil)",
                "small_count_threshold",
                minimum=0,
                maximum=99,
            )
        revealing = revealing_words(values["ticket_name"])
        if revealing:
            raise DomainError(
                "ticket_name_reveals",
                f"« {values['ticket_name']} » contient « {revealing[0]} » : imprimé sur les billets, ce nom dirait "
                "à l'entrée qu'il s'agit de places offertes. Choisissez un nom neutre (un sigle, par exemple).",
                field="ticket_name",
            )
        with self._writing() as session:
            row = self._row(session, version)
            before = row.name
            for key, value in values.items():
                setattr(row, key, value)
            self._log(session, "update", "settings", 1, f"Coordonnées de l'association : « {before} » → « {row.name} »")
            session.flush()  # the new version, for what comes back
            return _info(row)

    def set_logo(self, image: bytes | None, *, version: int | None = None) -> int:
        """A PNG or JPEG image (2 Mo at most), or None to remove the logo. `version`: the settings'
        as the dialog read them (refused if another desk saved them since). The new version back."""
        self._desk.require(Permission.SETTINGS)
        if image is not None:
            if not (image.startswith(PNG_SIGNATURE) or image.startswith(JPEG_SIGNATURE)):
                raise DomainError("logo_format", "Le logo doit être une image PNG ou JPEG.", field="logo")
            if len(image) > MAX_LOGO_BYTES:
                raise DomainError(
                    "logo_too_large", "Le logo dépasse 2 Mo : choisissez une image plus légère.", field="logo"
                )
        with self._writing() as session:
            row = self._row(session, version)
            row.logo_png = image
            self._log(session, "update", "settings", 1, "Logo retiré" if image is None else "Logo remplacé")
            session.flush()
            return row.version

    @staticmethod
    def _row(session, version: int | None = None) -> AssociationSettings:
        row = session.get(AssociationSettings, 1)
        if row is None:  # the first migration inserts it; a hand-edited store may lack it
            row = AssociationSettings(id=1)
            session.add(row)
            session.flush()
        if version is not None and row.version != version:
            raise changed_elsewhere(AssociationSettings.__tablename__)
        return row
