"""Tables and text helpers for the funders' report: French numbers, right-aligned figures, a
header row, zebra lines and a bold total; paragraphs from the director's text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table, TableStyle

from acs_desktop.domain.french import format_int, format_money, format_percent, quantity
from acs_desktop.printing.fonts import SANS, SANS_BOLD
from acs_desktop.printing.layout import ACCENT, INK, MUTED, escape

HEADER_FILL = colors.HexColor("#f2e6ea")
ZEBRA = colors.HexColor("#f8f6f6")
RULE = colors.HexColor("#c8c8c8")


def french_spacing(markup: str) -> str:
    """No line may start with « ; », « : », « ? », « ! » or « » » (nor end with « « »): the space
    before them becomes a no-break space, as French typesetting wants."""
    for mark in (";", ":", "?", "!", "»", "%", "€"):
        markup = markup.replace(f" {mark}", f"\u00a0{mark}")
    return markup.replace("« ", "«\u00a0")


def cell_text(value) -> str:
    """French text of a figure: 1 234, 1 234,50 €, 80,5 %, — for nothing."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, Decimal):
        return format_money(value)
    if isinstance(value, float):
        return format_percent(value)
    if isinstance(value, int):
        return format_int(value)
    return str(value)


def plural(n: int, one: str, many: str) -> str:
    """ "1 spectacle", "0 spectacle", "12 spectacles": `domain.french.quantity`'s rule."""
    return quantity(n, one, many)


PADDING = 3


def _natural_widths(headers, rows, total, text_columns: int, font_size: float) -> tuple[list[float], list[float]]:
    """Per column: the width its content wants on one line, and the least it can take (its longest word)."""
    natural, least = [], []
    for index, title in enumerate(headers):
        cells = [cell_text(r[index]) for r in rows if r[index] is not None] + (
            [cell_text(total[index])] if total and total[index] is not None else []
        )
        head = max((stringWidth(word, SANS_BOLD, font_size) for word in str(title).split()), default=0)
        widest = max(
            (stringWidth(c, SANS_BOLD if total and c == cell_text(total[index]) else SANS, font_size) for c in cells),
            default=0,
        )
        if index < text_columns:
            longest_word = max((stringWidth(w, SANS, font_size) for c in cells for w in c.split()), default=0)
            natural.append(max(widest, head, stringWidth(str(title), SANS_BOLD, font_size)) + 2 * PADDING + 1)
            least.append(max(longest_word, head) + 2 * PADDING + 1)
        else:
            need = max(widest, head) + 2 * PADDING + 2
            natural.append(need)
            least.append(need)
    return natural, least


def fit_widths(headers, rows, total, text_columns: int, font_size: float, width: float) -> list[float]:
    """Figures get what they need; text columns share the rest; what is left widens the figures."""
    natural, least = _natural_widths(headers, rows, total, text_columns, font_size)
    figures = sum(natural[text_columns:])
    room = width - figures
    wanted = sum(natural[:text_columns])
    if wanted <= room:
        spare = (room - wanted) / max(len(headers) - text_columns, 1)
        return natural[:text_columns] + [w + spare for w in natural[text_columns:]]
    # Each text column gets its longest word; then, smallest need first, the columns that can be
    # given a whole line are (fewer wrapped rows); the last ones share what is left.
    shares = least[:text_columns]
    spare = max(room - sum(shares), 0)
    order = sorted(range(text_columns), key=lambda i: natural[i] - least[i])
    for position, i in enumerate(order):
        lacking = natural[i] - least[i]
        if lacking <= spare:
            shares[i], spare = natural[i], spare - lacking
            continue
        rest = order[position:]
        total_lacking = sum(natural[j] - least[j] for j in rest) or 1
        for j in rest:
            shares[j] = least[j] + spare * (natural[j] - least[j]) / total_lacking
        break
    return shares + natural[text_columns:]


def figures_table(
    styles: dict,
    headers: Sequence[str],
    rows: Sequence[Sequence],
    *,
    width: float,
    widths: Sequence[float] | None = None,
    total: Sequence | None = None,
    text_columns: int = 1,
    section_rows: Sequence[int] = (),
    font_size: float = 8,
) -> Table:
    """A table whose first `text_columns` columns are text (wrapped) and the rest figures, right
    aligned. Column widths come from the content unless `widths` are given."""
    cell = styles["cell"].clone("tcell", fontSize=font_size, leading=font_size + 2)
    bold = styles["cell_bold"].clone("tbold", fontSize=font_size, leading=font_size + 2)
    head = bold.clone("thead", textColor=INK, splitLongWords=0)
    head_right = head.clone("thead_r", alignment=2)

    column_widths = list(widths) if widths else fit_widths(headers, rows, total, text_columns, font_size, width)

    def text_row(values, style, *, heading=False):
        out = []
        for index, value in enumerate(values):
            if index < text_columns or heading:
                chosen = head_right if heading and index >= text_columns else style
                out.append(_text_cell(value, chosen, column_widths[index], heading=heading))
            else:
                out.append(cell_text(value))
        return out

    data = [text_row(headers, head, heading=True)]
    data += [text_row(row, bold if i in section_rows else cell) for i, row in enumerate(rows)]
    if total is not None:
        data.append(text_row(total, bold))
    table = Table(data, colWidths=column_widths, repeatRows=1, hAlign="LEFT")
    commands = [
        ("FONT", (0, 0), (-1, -1), SANS, font_size, font_size + 2),  # a Paragraph's leading, for the plain cells
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("ALIGN", (text_columns, 0), (-1, -1), "RIGHT"),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
    ]
    for index in range(1, len(rows) + 1):
        if index % 2 == 0:
            commands.append(("BACKGROUND", (0, index), (-1, index), ZEBRA))
    for index in section_rows:
        commands += [
            ("BACKGROUND", (0, index + 1), (-1, index + 1), colors.white),
            ("LINEABOVE", (0, index + 1), (-1, index + 1), 0.4, RULE),
            ("FONT", (0, index + 1), (-1, index + 1), SANS_BOLD, font_size, font_size + 2),
        ]
    if total is not None:
        commands += [
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK),
            ("FONT", (0, -1), (-1, -1), SANS_BOLD, font_size, font_size + 2),
            ("BACKGROUND", (0, -1), (-1, -1), colors.white),
        ]
    commands.append(("LINEBELOW", (0, -1), (-1, -1), 0.4, RULE))
    table.setStyle(TableStyle(commands))
    return table


def _text_cell(value, style, column_width: float, *, heading: bool) -> Paragraph | str:
    """A text cell: a plain string when it holds on one line of its column (the table draws it in
    the row's font, at a Paragraph's leading, as the Paragraph would), else a Paragraph that
    wraps. A report's 400 partners are 1,200 such cells: plain, laid out several times faster."""
    if value is None and not heading:
        return ""
    text = " ".join(_SPACES.split(cell_text(value))).strip()  # as a Paragraph reads spaces and line ends
    if not heading:
        font = SANS_BOLD if style.fontName == SANS_BOLD else SANS
        plain = french_spacing(text)
        if stringWidth(plain, font, style.fontSize) <= column_width - 2 * PADDING:
            return plain
    return Paragraph(french_spacing(escape(text)), style)


_SPACES = re.compile(r"[ \t\r\n]+")


def signed(value) -> str:
    """ "+109", "−233", "−49,45 €", "=" for no change."""
    if not value:
        return "="
    text = cell_text(abs(value))
    return f"+{text}" if value > 0 else f"\u2212{text}"


def text_paragraphs(text: str, style, empty_style, empty_text: str = "Non renseigné.") -> list[Paragraph]:
    """The director's text: blank lines separate paragraphs, a line break stays a line break."""
    blocks = [b.strip() for b in (text or "").replace("\r\n", "\n").split("\n\n") if b.strip()]
    if not blocks:
        return [Paragraph(escape(empty_text), empty_style)]
    spaced = style.clone(f"{style.name}_spaced", spaceAfter=max(style.spaceAfter, 4))
    return [Paragraph(french_spacing(escape(block)).replace("\n", "<br/>"), spaced) for block in blocks]


def muted(styles: dict):
    return styles["italic"].clone("muted", textColor=MUTED)
