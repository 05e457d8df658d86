"""Charts for the funders' report (ReportLab graphics): plain bars, French labels, values written
on the bars so that a printed page in grey still reads without colours.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from acs_desktop.domain.french import format_int, format_money, format_percent
from acs_desktop.domain.review import (
    FIGURES_BY_KEY,
    FUNNEL_STEPS,
    FunnelLine,
    Kind,
    TrendLine,
    funnel_label,
    month_label,
)
from acs_desktop.domain.review_protection import ShownFunnelLine
from acs_desktop.printing.fonts import SANS, SANS_BOLD, register_fonts
from acs_desktop.printing.layout import ACCENT, INK, MUTED

LIGHT = colors.HexColor("#c9a3ad")  # the accent, lighter: the previous season
GRID = colors.HexColor("#dddddd")


def _nice_max(value: float) -> float:
    """A round top for an axis a little above `value`."""
    if value <= 0:
        return 1
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 50000):
        if value / step <= 6:
            return step * (int(value / step) + 1)
    return value * 1.2


def _step(top: float) -> float:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 50000):
        if top / step <= 6:
            return step
    return top / 5


def _title(drawing: Drawing, text: str, width: float, height: float) -> None:
    drawing.add(String(0, height - 11, text, fontName=SANS_BOLD, fontSize=9.5, fillColor=INK))


def _empty(
    drawing: Drawing, width: float, height: float, text: str = "Pas encore de données pour cette saison."
) -> Drawing:
    drawing.add(Rect(0, 0, width, height - 18, strokeColor=GRID, fillColor=None))
    drawing.add(
        String(width / 2, (height - 18) / 2, text, fontName=SANS, fontSize=8.5, fillColor=MUTED, textAnchor="middle")
    )
    return drawing


def vertical_bars(
    title: str,
    categories: Sequence[str],
    series: Sequence[Sequence[float | None]],
    names: Sequence[str] = (),
    *,
    width: float = 180 * mm,
    height: float = 62 * mm,
    value_format=format_int,
) -> Drawing:
    """Bars per category; several series side by side (this season, the previous one)."""
    register_fonts()
    drawing = Drawing(width, height)
    _title(drawing, title, width, height)
    if not categories or not any(any(v for v in s) for s in series):
        return _empty(drawing, width, height)
    values = [v for s in series for v in s if v is not None]  # None: no data, or a hidden count: no bar
    legend_room = 0
    chart = VerticalBarChart()
    chart.x, chart.y = 26, 22 + legend_room
    chart.width, chart.height = width - 34, height - 44 - legend_room
    chart.data = [list(s) for s in series]
    chart.categoryAxis.categoryNames = list(categories)
    chart.categoryAxis.labels.fontName = SANS
    chart.categoryAxis.labels.fontSize = 7 if len(categories) > 8 else 7.5
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.strokeColor = MUTED
    top = _nice_max(max(values))
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, top, _step(top)
    chart.valueAxis.labels.fontName = SANS
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labels.fillColor = MUTED
    chart.valueAxis.labelTextFormat = lambda v: format_int(int(v))
    chart.valueAxis.strokeColor = MUTED
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = GRID
    chart.barSpacing = 1.5
    chart.groupSpacing = 6 if len(categories) > 6 else 12
    palette = [ACCENT, LIGHT]
    for index in range(len(series)):
        chart.bars[index].fillColor = palette[index % len(palette)]
        chart.bars[index].strokeColor = None
    chart.barLabels.fontName = SANS
    chart.barLabels.fontSize = 6.5
    chart.barLabels.fillColor = INK
    chart.barLabels.nudge = 5
    chart.barLabelFormat = lambda v: value_format(v) if v else ""
    drawing.add(chart)
    if len(series) > 1:  # the legend at the top right, beside the title
        x = width
        for index in reversed(range(len(series))):
            label_width = stringWidth(names[index], SANS, 7.5)
            x -= label_width
            drawing.add(String(x, height - 10, names[index], fontName=SANS, fontSize=7.5, fillColor=INK))
            x -= 10
            drawing.add(Rect(x, height - 10.5, 7, 7, fillColor=palette[index % len(palette)], strokeColor=None))
            x -= 12
    return drawing


def horizontal_bars(
    title: str,
    labels: Sequence[str],
    values: Sequence[float],
    texts: Sequence[str],
    *,
    width: float = 180 * mm,
    maximum: float | None = None,
    label_width: float = 62 * mm,
    empty_text: str = "Pas encore de données pour cette saison.",
) -> Drawing:
    """One bar per line, its value written at the end of the bar (texts[i])."""
    register_fonts()
    row = 13
    height = 26 + row * max(len(labels), 2)
    drawing = Drawing(width, height)
    _title(drawing, title, width, height)
    if not labels or not any(values):
        return _empty(drawing, width, min(height, 30 * mm), empty_text)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 4
    chart.width, chart.height = width - label_width - 46, height - 22
    chart.data = [list(reversed(values))]
    chart.categoryAxis.categoryNames = list(reversed(labels))
    chart.categoryAxis.labels.fontName = SANS
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = MUTED
    chart.categoryAxis.visibleTicks = False
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = maximum if maximum is not None else _nice_max(max(values))
    chart.valueAxis.visible = False
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barSpacing = 2
    chart.groupSpacing = 4
    chart.barLabels.fontName = SANS
    chart.barLabels.fontSize = 7
    chart.barLabels.fillColor = INK
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    reversed_texts = list(reversed(texts))
    chart.barLabelFormat = "values"
    chart.barLabelArray = [reversed_texts]
    drawing.add(chart)
    return drawing


def _published(value):
    """A count as a bar: a hidden one (« moins de 5 », « masqué ») draws no bar."""
    return None if isinstance(value, str) else value


def months_chart(months, *, width: float = 180 * mm, shown=None) -> Drawing:
    """`shown`: the months' counts as published (small counts hidden draw no bar)."""
    categories = [month_label(m.month, short=True) for m in months]
    places = shown if shown is not None else [m.places for m in months]
    hidden = any(isinstance(v, str) for p in places for v in (p.used, p.unused))
    return vertical_bars(
        "Places utilisées et non utilisées, par mois" + (" (sans barre : petit nombre masqué)" if hidden else ""),
        categories,
        [[_published(p.used) for p in places], [_published(p.unused) for p in places]],
        ["utilisées", "non utilisées"],
        width=width,
    )


def participation_chart(disciplines, *, width: float = 180 * mm, shown=None) -> Drawing:
    """`shown`: the disciplines' counts as published; a discipline whose rate is hidden is left out."""
    if shown is not None:
        disciplines = [d for d, s in zip(disciplines, shown, strict=True) if not isinstance(s.participation_rate, str)]
    lines = [d for d in disciplines if d.places.participation_rate is not None]
    return horizontal_bars(
        "Taux de participation par discipline",
        [d.discipline for d in lines],
        [d.places.participation_rate * 100 for d in lines],
        [
            f"{format_percent(d.places.participation_rate)}  ({format_int(d.places.used)} / {format_int(d.places.issued_past)})"
            for d in lines
        ],
        width=width,
        maximum=100,
        label_width=38 * mm,
    )


def reasons_chart(reasons, *, width: float = 180 * mm, hidden=()) -> Drawing:
    """`hidden`: the indexes of the reasons whose count is not published (left out)."""
    lines = [r for i, r in enumerate(reasons) if r.count and i not in hidden]
    return horizontal_bars(
        "Motifs de non-utilisation" + (" (sans les nombres masqués)" if hidden else ""),
        [r.reason for r in lines],
        [r.count for r in lines],
        [f"{format_int(r.count)}  ({format_percent(r.share)})" for r in lines],
        width=width,
        empty_text="Aucune place non utilisée pour le moment.",
    )


def comparison_chart(figures, previous, *, width: float = 180 * mm) -> Drawing:
    keys = (
        ("places_offered", "offertes"),
        ("places_funded", "financées"),
        ("booked", "réservées"),
        ("issued", "éditées"),
        ("used", "utilisées"),
    )
    series = [[getattr(figures, k) for k, _ in keys]]
    names = [f"saison {figures.season_label}"]
    if previous is not None:
        series.append([getattr(previous, k) for k, _ in keys])
        names.append(f"saison {previous.season_label}")
    title = (
        "Places : cette saison et la précédente"
        if previous is not None
        else f"Places de la saison {figures.season_label}"
    )
    return vertical_bars(title, [f"places {label}" for _, label in keys], series, names, width=width)


def chain_diagram(
    donations: Decimal, subscribers: int, funded: int, issued: int, used: int, *, width: float = 180 * mm
) -> Drawing:
    """Dons → places financées → places éditées → places utilisées, as four boxes and arrows."""
    register_fonts()
    height = 26 * mm
    drawing = Drawing(width, height)
    steps = (
        (format_money(donations), ("de dons de", f"{format_int(subscribers)} abonnés solidaires")),
        (format_int(funded), ("places financées", "par les dons")),
        (format_int(issued), ("places éditées", "et remises aux relais")),
        (format_int(used), ("places utilisées", "")),
    )
    gap = 9 * mm
    box = (width - gap * (len(steps) - 1)) / len(steps)
    for index, (figure, captions) in enumerate(steps):
        x = index * (box + gap)
        shade = colors.HexColor(("#8a1538", "#a4475f", "#bf7a8b", "#d9adb8")[index])
        drawing.add(Rect(x, 2 * mm, box, height - 4 * mm, rx=3, ry=3, fillColor=shade, strokeColor=None))
        text_color = colors.white if index < 2 else INK
        drawing.add(
            String(
                x + box / 2,
                height / 2 + 2.5 * mm,
                figure,
                fontName=SANS_BOLD,
                fontSize=12.5,
                fillColor=text_color,
                textAnchor="middle",
            )
        )
        for line_index, caption in enumerate(captions):
            drawing.add(
                String(
                    x + box / 2,
                    height / 2 - (3.5 + 3.3 * line_index) * mm,
                    caption,
                    fontName=SANS,
                    fontSize=7,
                    fillColor=text_color,
                    textAnchor="middle",
                )
            )
        if index < len(steps) - 1:
            ax = x + box + 1.5 * mm
            mid = height / 2
            drawing.add(Line(ax, mid, ax + gap - 4.5 * mm, mid, strokeColor=MUTED, strokeWidth=1.2))
            drawing.add(
                Polygon(
                    [ax + gap - 3 * mm, mid, ax + gap - 5 * mm, mid + 1.6 * mm, ax + gap - 5 * mm, mid - 1.6 * mm],
                    fillColor=MUTED,
                    strokeColor=None,
                )
            )
    return drawing


# --- from offered to used -----------------------------------------------------------------------
FUNNEL_SHADES = tuple(colors.HexColor(c) for c in ("#e8d3d9", "#c9a3ad", "#a4475f", "#8a1538"))


def _box(x: float, y: float, width: float, height: float, fill: colors.Color) -> Rect:
    """A filled rectangle without outline (set after: the stubs mistype Rect's keywords)."""
    box = Rect(x, y, width, height)
    box.fillColor, box.strokeColor = fill, None
    return box


def _drawn(value: int | str | None) -> int:
    """A step's length: a hidden count (a text) is not drawn."""
    return 0 if value is None or isinstance(value, str) else value


FUNNEL_ROWS = 40  # rows of 13 points: the chart and its title fit on one page


def funnel_chart(
    title: str,
    lines: Sequence[FunnelLine | ShownFunnelLine],
    *,
    from_booked: bool = False,
    width: float = 180 * mm,
) -> Drawing:
    """One row per line: the steps drawn one over the other (each within the one before), from
    the lightest (offered, or booked) to the darkest (used), the numbers written at the end of
    the row in the legend's order. A hidden count (« moins de 5 », « masqué ») is written, not drawn.
    Past `FUNNEL_ROWS` lines (a network's hundreds of partners), the largest only, as the title
    says: every line is in the table that follows the chart."""
    register_fonts()
    first = 1 if from_booked else 0
    keys, shades = FUNNEL_STEPS[first:], FUNNEL_SHADES[first:]
    if len(lines) > FUNNEL_ROWS:
        title = f"{title} : les {FUNNEL_ROWS} plus grands sur {len(lines)} (tous dans le tableau)"
        largest = sorted(range(len(lines)), key=lambda i: -max(_drawn(v) for v in lines[i].steps[first:]))
        lines = [lines[i] for i in sorted(largest[:FUNNEL_ROWS])]
    row, font = 13, 7.5
    height = 30 + row * max(len(lines), 1)
    drawing = Drawing(width, height)
    _title(drawing, title, width, height)
    x = 0.0
    for key, shade in zip(keys, shades, strict=True):  # the legend, under the title
        drawing.add(_box(x, height - 24, 7, 7, shade))
        drawing.add(String(x + 10, height - 23, funnel_label(key), fontName=SANS, fontSize=font, fillColor=INK))
        x += 16 + stringWidth(funnel_label(key), SANS, font)
    if not lines or not any(any(line.steps[first:]) for line in lines):
        return _empty(drawing, width, min(height, 30 * mm))
    texts = [" › ".join(v if isinstance(v, str) else format_int(v or 0) for v in line.steps[first:]) for line in lines]
    label_width = min(max(stringWidth(line.name, SANS, font) for line in lines) + 6, 58 * mm)
    text_width = max(stringWidth(t, SANS, font) for t in texts) + 6
    plot = width - label_width - text_width
    top = max(max(_drawn(v) for v in line.steps[first:]) for line in lines) or 1
    for index, (line, text) in enumerate(zip(lines, texts, strict=True)):
        y = height - 32 - row * (index + 1) + 4
        name = line.name
        while stringWidth(name, SANS, font) > label_width - 6 and len(name) > 4:
            name = name[:-2].rstrip() + "…"
        drawing.add(String(label_width - 4, y + 2, name, fontName=SANS, fontSize=font, fillColor=INK, textAnchor="end"))
        for value, shade in zip(line.steps[first:], shades, strict=True):
            if _drawn(value):
                drawing.add(_box(label_width, y - 1, plot * _drawn(value) / top, row - 4, shade))
        end = label_width + plot * max(_drawn(v) for v in line.steps[first:]) / top
        drawing.add(String(end + 4, y + 2, text, fontName=SANS, fontSize=font, fillColor=INK))
    return drawing


# --- several seasons ------------------------------------------------------------------------------
def _season_names(trends: Sequence[TrendLine]) -> list[str]:
    """The season under its bars, and why there are none when it has no data."""
    return [t.season_label if t.has_data else f"{t.season_label}\n({t.status})" for t in trends]


def trends_places_chart(trends: Sequence[TrendLine], *, width: float = 180 * mm) -> Drawing:
    return vertical_bars(
        "Places offertes et places utilisées, saison par saison",
        _season_names(trends),
        [[t.number("places_offered") for t in trends], [t.number("used") for t in trends]],
        ["places offertes", "places utilisées"],
        width=width,
        height=58 * mm,
        value_format=lambda v: format_int(int(v)),
    )


TREND_FORMATS = {
    "participation_rate": lambda v: format_percent(v / 100),  # drawn in percent
    "donations": lambda v: f"{format_int(round(v))}\u00a0€",  # whole euros: the bars are narrow
}


def trend_chart(trends: Sequence[TrendLine], key: str, *, width: float, height: float = 46 * mm) -> Drawing:
    """One key figure, season by season: a small chart, three side by side on a page. A season
    without data has no bar and « — » under its name."""
    scale = 100 if FIGURES_BY_KEY[key].kind is Kind.RATE else 1
    names = [f"{t.season_label[2:5]}{t.season_label[7:]}" + ("" if t.has_data else "\n—") for t in trends]
    values = [None if (v := t.number(key)) is None else v * scale for t in trends]
    return vertical_bars(
        FIGURES_BY_KEY[key].label,
        names,
        [values],
        width=width,
        height=height,
        value_format=TREND_FORMATS.get(key, lambda v: format_int(int(v))),
    )
