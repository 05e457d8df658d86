"""Data for the renderers, with the characters that break naive PDFs: accents, œ, ’, &, <, the
narrow no-break space of French numbers."""

from __future__ import annotations

import io
import random
from datetime import datetime

from acs_desktop.domain import ticket_codes
from acs_desktop.domain.documents import Identity, PerformanceHeading, TicketData

AWKWARD_TITLE = "Cœur d’Ulysse & <les 1\u202f001 nuits>"
# In Platypus paragraphs U+202F is written as U+00A0 (see layout.para), which the PDF stores as
# a plain space: the number stays on one line.
AWKWARD_TITLE_IN_PARAGRAPHS = AWKWARD_TITLE.replace("\u202f", " ")
PARTNER = "Théâtre de l'Estuaire"


def logo_png() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (200, 100), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((5, 5, 95, 95), fill=(138, 21, 56, 255))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def identity(logo: bool = True) -> Identity:
    return Identity(
        "Les Amis du Spectacle",
        "12 rue des Olivettes, 44000 Nantes",
        "02 40 00 00 00 · contact@amis.example",
        logo_png() if logo else None,
    )


def heading(title: str = AWKWARD_TITLE, starts_at: datetime = datetime(2027, 2, 13, 20, 30)) -> PerformanceHeading:
    return PerformanceHeading(title, PARTNER, "Salle de l'Érdre", "4 quai de la Fosse, 44000 Nantes", starts_at)


def tickets(
    n: int, *, seed: int = 1, reprint_every: int = 0, names: bool = False, group_size: int = 0
) -> list[TicketData]:
    rng = random.Random(seed)
    return [
        TicketData(
            invitation_id=i + 1,
            code=ticket_codes.new_code(rng),
            show_title=AWKWARD_TITLE if i % 2 else "Phèdre",
            partner_name=PARTNER,
            venue_name="Salle de l'Érdre",
            venue_address="4 quai de la Fosse, 44000 Nantes",
            starts_at=datetime(2027, 2, 13, 20, 30),
            first_name=("Zoé" if i % 3 == 0 else "Chloé") if names else None,
            reprint=bool(reprint_every) and i % reprint_every == 0,
            group=(i // group_size) if group_size else 0,
            booking_id=100 + ((i // group_size) if group_size else 0),
        )
        for i in range(n)
    ]
