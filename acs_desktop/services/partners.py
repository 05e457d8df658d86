"""Cultural partners, their contacts and their halls."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.validation import optional_email, optional_text, required_text, same_name
from acs_desktop.models import Convention, Partner, PartnerContact, Performance, Venue
from acs_desktop.services.base import Service, get_or_refuse, save_named


@dataclass(frozen=True)
class PartnerInput:
    name: str
    address: str = ""
    postal_code: str = ""
    commune: str = ""
    phone: str = ""
    email: str = ""
    notes: str = ""


@dataclass(frozen=True)
class ContactInfo:
    id: int
    name: str
    role: str
    phone: str
    email: str
    version: int  # as read: saving the contact with it is refused if another desk saved it meanwhile


@dataclass(frozen=True)
class VenueInfo:
    id: int
    partner_id: int
    name: str
    address: str
    postal_code: str
    commune: str
    version: int


@dataclass(frozen=True)
class PartnerRow:
    id: int
    name: str
    commune: str
    phone: str
    email: str
    contacts: int
    conventions: int
    archived: bool


@dataclass(frozen=True)
class PartnerDetail:
    id: int
    data: PartnerInput
    archived: bool
    version: int
    contacts: tuple[ContactInfo, ...] = field(default_factory=tuple)
    venues: tuple[VenueInfo, ...] = field(default_factory=tuple)


def _clean(data: PartnerInput) -> dict:
    return {
        "name": required_text(data.name, "Le nom du partenaire", "name"),
        "address": optional_text(data.address, "Adresse", "address"),
        "postal_code": optional_text(data.postal_code, "Code postal", "postal_code", 10),
        "commune": optional_text(data.commune, "Commune", "commune", 80),
        "phone": optional_text(data.phone, "Téléphone", "phone", 30),
        "email": optional_email(data.email),
        "notes": optional_text(data.notes, "Notes", "notes", 4000, multiline=True),
    }


def _venue_info(v: Venue) -> VenueInfo:
    return VenueInfo(v.id, v.partner_id, v.name, v.address, v.postal_code, v.commune, v.version)


class PartnerService(Service):
    # --- partners -------------------------------------------------------------------------
    def list_partners(self, *, include_archived: bool = True) -> list[PartnerRow]:
        contacts = select(func.count()).where(PartnerContact.partner_id == Partner.id).scalar_subquery()
        conventions = select(func.count()).where(Convention.partner_id == Partner.id).scalar_subquery()
        query = select(Partner, contacts, conventions).order_by(Partner.name)
        if not include_archived:
            query = query.where(Partner.archived.is_(False))
        with self._reading() as session:
            return [
                PartnerRow(p.id, p.name, p.commune, p.phone, p.email, n_contacts, n_conv, p.archived)
                for p, n_contacts, n_conv in session.execute(query)
            ]

    def get_partner(self, partner_id: int) -> PartnerDetail:
        with self._reading() as session:
            p = get_or_refuse(session, Partner, partner_id, "Ce partenaire")
            return PartnerDetail(
                p.id,
                PartnerInput(p.name, p.address, p.postal_code, p.commune, p.phone, p.email, p.notes),
                p.archived,
                p.version,
                tuple(ContactInfo(c.id, c.name, c.role, c.phone, c.email, c.version) for c in p.contacts),
                tuple(_venue_info(v) for v in p.venues),
            )

    def create_partner(self, data: PartnerInput) -> int:
        values = _clean(data)
        with self._writing() as session:
            self._refuse_duplicate(session, values["name"])
            partner = Partner(**values)
            session.add(partner)
            session.flush()
            self._log(session, "create", "partner", partner.id, f"Partenaire « {partner.name} » créé")
            return partner.id

    def update_partner(self, partner_id: int, data: PartnerInput, *, version: int | None = None) -> None:
        """`version`: the one the dialog read; refused if another desk saved the partner since."""
        values = _clean(data)
        with self._writing() as session:
            partner = get_or_refuse(session, Partner, partner_id, "Ce partenaire", version=version)
            self._refuse_duplicate(session, values["name"], exclude_id=partner_id)
            before = partner.name
            for key, value in values.items():
                setattr(partner, key, value)
            self._log(session, "update", "partner", partner_id, f"Partenaire « {before} » modifié")

    def set_archived(self, partner_id: int, archived: bool) -> None:
        with self._writing() as session:
            partner = get_or_refuse(session, Partner, partner_id, "Ce partenaire")
            partner.archived = archived
            verb = "archivé" if archived else "réactivé"
            self._log(
                session,
                "archive" if archived else "unarchive",
                "partner",
                partner_id,
                f"Partenaire « {partner.name} » {verb}",
            )

    def delete_partner(self, partner_id: int) -> None:
        """Only a partner with no convention can be deleted; others are archived instead."""
        with self._writing() as session:
            partner = get_or_refuse(session, Partner, partner_id, "Ce partenaire")
            used = session.scalar(select(func.count()).where(Convention.partner_id == partner_id))
            if used:
                raise DomainError(
                    "partner_in_use",
                    f"« {partner.name} » a {used} convention(s) : il ne peut pas être supprimé. Archivez-le plutôt.",
                )
            session.delete(partner)
            self._log(session, "delete", "partner", partner_id, f"Partenaire « {partner.name} » supprimé")

    @staticmethod
    def _refuse_duplicate(session: Session, name: str, exclude_id: int | None = None) -> None:
        for other_id, other_name in session.execute(select(Partner.id, Partner.name)):
            if other_id != exclude_id and same_name(other_name, name):
                raise DomainError("partner_exists", f"Un partenaire s'appelle déjà « {other_name} ».", field="name")

    # --- contacts -------------------------------------------------------------------------
    def save_contact(
        self,
        partner_id: int,
        name: str,
        role: str = "",
        phone: str = "",
        email: str = "",
        contact_id: int | None = None,
        *,
        version: int | None = None,
    ) -> int:
        values = {
            "name": required_text(name, "Le nom du contact", "name"),
            "role": optional_text(role, "Fonction", "role", 80),
            "phone": optional_text(phone, "Téléphone", "phone", 30),
            "email": optional_email(email),
        }
        with self._writing() as session:
            partner = get_or_refuse(session, Partner, partner_id, "Ce partenaire")
            if contact_id is None:
                contact = PartnerContact(partner_id=partner_id, **values)
                session.add(contact)
            else:
                contact = get_or_refuse(session, PartnerContact, contact_id, "Ce contact", version=version)
                for key, value in values.items():
                    setattr(contact, key, value)
            session.flush()
            self._log(
                session,
                "save",
                "partner_contact",
                contact.id,
                f"Contact « {contact.name} » de « {partner.name} » enregistré",
            )
            return contact.id

    def delete_contact(self, contact_id: int) -> None:
        with self._writing() as session:
            contact = get_or_refuse(session, PartnerContact, contact_id, "Ce contact")
            session.delete(contact)
            self._log(session, "delete", "partner_contact", contact_id, f"Contact « {contact.name} » supprimé")

    # --- venues ---------------------------------------------------------------------------
    def list_venues(self, partner_id: int | None = None) -> list[VenueInfo]:
        query = select(Venue).order_by(Venue.name)
        if partner_id is not None:
            query = query.where(Venue.partner_id == partner_id)
        with self._reading() as session:
            return [_venue_info(v) for v in session.scalars(query)]

    def save_venue(
        self,
        partner_id: int,
        name: str,
        address: str = "",
        postal_code: str = "",
        commune: str = "",
        venue_id: int | None = None,
        *,
        version: int | None = None,
    ) -> int:
        values = {
            "name": required_text(name, "Le nom de la salle", "name"),
            "address": optional_text(address, "Adresse", "address"),
            "postal_code": optional_text(postal_code, "Code postal", "postal_code", 10),
            "commune": optional_text(commune, "Commune", "commune", 80),
        }
        with self._writing() as session:
            partner = get_or_refuse(session, Partner, partner_id, "Ce partenaire")
            venue = save_named(
                session,
                Venue,
                venue_id,
                {"partner_id": partner_id, **values},
                what="Cette salle",
                version=version,
                siblings=((v.id, v.name) for v in partner.venues),
                refusal=lambda taken: DomainError(
                    "venue_exists", f"« {partner.name} » a déjà une salle « {taken} ».", field="name"
                ),
            )
            self._log(session, "save", "venue", venue.id, f"Salle « {venue.name} » ({partner.name}) enregistrée")
            return venue.id

    def delete_venue(self, venue_id: int) -> None:
        with self._writing() as session:
            venue = get_or_refuse(session, Venue, venue_id, "Cette salle")
            used = session.scalar(select(func.count()).where(Performance.venue_id == venue_id))
            if used:
                raise DomainError(
                    "venue_in_use",
                    f"La salle « {venue.name} » accueille {used} représentation(s) : elle ne peut pas être supprimée.",
                )
            session.delete(venue)
            self._log(session, "delete", "venue", venue_id, f"Salle « {venue.name} » supprimée")
