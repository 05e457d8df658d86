"""The funders' report of a season (bilan de saison), as a PDF: data in, bytes out.

Its sections follow the French funders' *compte rendu* (CERFA 15059): objectives, actions carried
out, people reached, partners, donations and their use, differences from what was planned, then
the qualitative review, the definition of every figure and the detail per relay. It names no
beneficiary: every figure is an aggregate, and the review carries no first name at all.
"""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    Image,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from acs_desktop.domain.documents import Identity
from acs_desktop.domain.french import format_date, format_int, format_money, format_percent
from acs_desktop.domain.funding import shortfall_text
from acs_desktop.domain.review import (
    DEFAULT_OBJECTIVES,
    FIGURES,
    FIGURES_BY_KEY,
    FUNNEL_STEPS,
    OTHER_TERMS,
    TREND_FIGURES,
    SeasonReview,
    funnel_total,
    month_label,
    never_issued_text,
    partner_funnel,
    relay_type_funnel,
    trends_title,
)
from acs_desktop.domain.review_protection import (
    ReviewProtection,
    protect_review,
    protection_note,
    protection_terms,
    published_funnel,
)
from acs_desktop.domain.review_stamp import ReportStamp, report_stamp
from acs_desktop.domain.seasons import parse_season_label
from acs_desktop.printing import charts
from acs_desktop.printing.fonts import SANS_BOLD
from acs_desktop.printing.layout import (
    ACCENT,
    INK,
    MARGIN,
    MUTED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    escape,
    numbered_canvas,
    styles,
)
from acs_desktop.printing.report_mediation import mediation_parts, quote_parts
from acs_desktop.printing.report_tables import figures_table, french_spacing, muted, plural, signed, text_paragraphs

WIDTH = PAGE_WIDTH - 2 * MARGIN
# The relays listed one by one in the annex up to this many (about 27 pages); beyond, the
# workbook holds them (at 4,800 relays the list took 90 of the report's 137 pages, and 4 s).
RELAYS_LISTED_MAX = 1000

SECTIONS = (
    "Chiffres clés",
    "1. Objectifs",
    "2. Actions réalisées",
    "3. Publics touchés",
    "4. Partenaires",
    "5. Dons et leur utilisation",
    "6. Écarts avec le prévu",
    "7. Bilan qualitatif",
    "Définition des chiffres",
    "Annexe : rapprochement et détail",
)


def render_season_report(review: SeasonReview, identity: Identity, protection: ReviewProtection | None = None) -> bytes:
    """The whole report as PDF bytes: small counts protected (`protection`, by default from 5),
    stamped with the fingerprint of its figures (in its metadata and on every page)."""
    protection = protection or protect_review(review)
    stamp = report_stamp(review, protection)
    buffer = io.BytesIO()
    st = styles()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=16 * mm,
        title=f"Bilan de la saison {review.season_label}",
        author=identity.name or "ACS Desktop",
        subject=f"Abonnement Culturel Solidaire - bilan {review.season_label} - empreinte {stamp.fingerprint}",
        keywords=[stamp.text],
    )
    doc.addPageTemplates(
        [
            PageTemplate(
                "page",
                [
                    Frame(
                        MARGIN,
                        16 * mm,
                        WIDTH,
                        PAGE_HEIGHT - MARGIN - 16 * mm,
                        id="body",
                        leftPadding=0,
                        rightPadding=0,
                        topPadding=0,
                        bottomPadding=0,
                    )
                ],
            )
        ]
    )
    story = _Report(review, identity, st, protection, stamp).story()
    # The fingerprint before the name: a long name is what the footer cuts.
    footer = (
        f"Bilan de la saison {review.season_label}, édité le {format_date(review.as_of)} · empreinte {stamp.fingerprint}"
        f" · {identity.name or 'Abonnement Culturel Solidaire'}"
    )
    doc.build(story, canvasmaker=numbered_canvas(footer))
    return buffer.getvalue()


class _Report:
    def __init__(
        self, review: SeasonReview, identity: Identity, st: dict, protection: ReviewProtection, stamp: ReportStamp
    ):
        self.r = review
        self.p = protection
        self.stamp = stamp
        self.f = review.figures
        self.identity = identity
        self.st = st
        self.muted = muted(st)
        self.lead = st["body"].clone("lead", fontSize=10, leading=14, spaceAfter=4)
        self.note = st["small"].clone("note", spaceBefore=2, spaceAfter=6)
        self.h2 = st["h2"].clone("h2r", textColor=INK)
        _, _, ends_on = parse_season_label(review.season_label)
        self.in_progress = review.as_of.date() <= ends_on

    def story(self) -> list:
        parts = self.cover() + self.key_figures() + self.trends() + self.objectives() + self.actions()
        parts += self.publics() + self.partners() + self.funnel()
        parts += self.donations() + self.gaps() + self.qualitative() + self.glossary() + self.annex()
        return parts

    def sections(self) -> tuple[str, ...]:
        """The contents: the sections, the trends' page after the key figures."""
        return (SECTIONS[0], trends_title(self.r), *SECTIONS[1:])

    def h1(self, text: str) -> list:
        return [CondPageBreak(60 * mm), Paragraph(escape(text), self.st["h1"])]

    def para(self, text: str, style=None) -> Paragraph:
        return Paragraph(french_spacing(text), style or self.lead)

    # --- cover ----------------------------------------------------------------------------
    def cover(self) -> list:
        st, f = self.st, self.f
        parts: list = []
        if self.identity.logo_png:
            try:
                image = Image(io.BytesIO(self.identity.logo_png))
                ratio = image.imageWidth / image.imageHeight
                image.drawHeight, image.drawWidth = 28 * mm, 28 * mm * ratio
                image.hAlign = "LEFT"
                parts.append(image)
            except Exception:
                pass
        name_style = st["title"].clone("assoc", fontSize=20, leading=24, textColor=INK)
        parts += [
            Spacer(1, 6 * mm),
            Paragraph(escape(self.identity.name or "Abonnement Culturel Solidaire"), name_style),
        ]
        for line in (self.identity.address_line, self.identity.contact_line):
            if line:
                parts.append(Paragraph(escape(line), st["small"]))
        kicker = st["body"].clone("kicker", fontName=SANS_BOLD, fontSize=11, textColor=ACCENT, spaceBefore=40 * mm)
        title = st["title"].clone("cover_title", fontSize=30, leading=36, spaceAfter=4)
        subtitle = st["body"].clone("subtitle", fontSize=13, leading=17, textColor=MUTED)
        parts += [
            Paragraph("ABONNEMENT CULTUREL SOLIDAIRE", kicker),
            Paragraph(f"Bilan de la saison {escape(self.r.season_label)}", title),
            Paragraph("Compte rendu pour les partenaires et les financeurs", subtitle),
            Spacer(1, 4 * mm),
            Paragraph(
                f"Chiffres arrêtés au {format_date(self.r.as_of)}" + (" — saison en cours" if self.in_progress else ""),
                st["body"],
            ),
            Paragraph(f"Empreinte des chiffres : {self.stamp.fingerprint} (voir l'annexe)", st["small"]),
            Spacer(1, 18 * mm),
        ]
        headline = [
            (format_int(f.solidarity_subscribers), "abonnés solidaires"),
            (format_money(f.donations), "de dons collectés"),
            (format_int(f.used), "places utilisées"),
            (format_int(f.relays_active), "relais sociaux"),
        ]
        big = st["title"].clone("big", fontSize=17, leading=21, alignment=1, textColor=ACCENT)
        small = st["small"].clone("under", alignment=1, textColor=INK, fontSize=8.5)
        band = Table(
            [[Paragraph(v, big) for v, _ in headline], [Paragraph(c, small) for _, c in headline]],
            colWidths=[WIDTH / 4] * 4,
        )
        band.setStyle(
            TableStyle(
                [
                    ("LINEABOVE", (0, 0), (-1, 0), 1.2, ACCENT),
                    ("LINEBELOW", (0, 1), (-1, 1), 1.2, ACCENT),
                    ("TOPPADDING", (0, 0), (-1, 0), 8),
                    ("BOTTOMPADDING", (0, 1), (-1, 1), 8),
                ]
            )
        )
        parts += [band, Spacer(1, 20 * mm), Paragraph("Sommaire", self.h2)]
        parts += [Paragraph(escape(s), st["body"]) for s in self.sections()]
        parts.append(PageBreak())
        return parts

    # --- key figures --------------------------------------------------------------------------
    def key_figures(self) -> list:
        previous = self.r.previous_label
        rows, sections, current = [], [], None
        for change in self.r.comparisons():
            if change.definition.section != current:
                current = change.definition.section
                sections.append(len(rows))
                rows.append((current, "", "", "") if previous else (current, ""))
            values = (change.label, change.value_text, change.previous_text, change.change_text)
            rows.append(values if previous else values[:2])
        if previous:
            headers = ("Chiffre", f"Saison {self.r.season_label}", f"Saison {previous}", "Écart")
            table = figures_table(
                self.st,
                headers,
                rows,
                width=WIDTH,
                widths=(68 * mm, 32 * mm, 32 * mm, 48 * mm),
                section_rows=sections,
                font_size=8.5,
            )
        else:
            headers = ("Chiffre", f"Saison {self.r.season_label}")
            table = figures_table(
                self.st, headers, rows, width=WIDTH, widths=(90 * mm, 40 * mm), section_rows=sections, font_size=8.5
            )
        parts = [*self.h1("Chiffres clés"), table]
        if not previous:
            parts.append(self.para("Aucune saison précédente n'est enregistrée : pas de comparaison.", self.note))
        else:
            parts.append(
                self.para(
                    "Écart : différence avec la saison précédente, en valeur puis en pourcentage ; en points pour les taux.",
                    self.note,
                )
            )
        if self.in_progress:
            parts.append(
                self.para(
                    f"La saison est en cours au {format_date(self.r.as_of)} : les places réservées, éditées et utilisées continueront "
                    "d'augmenter d'ici la fin de la saison, alors que la saison précédente est complète. Le taux de participation, lui, "
                    "ne compte que les représentations déjà passées et se compare directement.",
                    self.note,
                )
            )
        parts += [Spacer(1, 4 * mm), charts.comparison_chart(self.f, self.r.previous, width=WIDTH)]
        return parts

    # --- several seasons -------------------------------------------------------------------------
    def trends(self) -> list:
        """One page: the last seasons' key figures, each season computed as this one."""
        trends = self.r.trends
        parts = [Spacer(1, 8 * mm), Paragraph(escape(trends_title(self.r)), self.st["h1"])]
        empty = [t for t in trends if not t.has_data]
        parts.append(
            self.para(
                f"Les chiffres clés des {len(trends)} dernières saisons enregistrées, jusqu'à la saison "
                f"{escape(self.r.season_label)} : chaque saison est calculée comme celle de ce bilan."
                if len(trends) > 1
                else "Une seule saison est enregistrée : les tendances apparaîtront avec les saisons suivantes."
            )
        )
        headers = ("Saison", *(FIGURES_BY_KEY[key].label for key in TREND_FIGURES))
        rows = [
            (t.season_label, *(t.text(key) for key in TREND_FIGURES))
            if t.has_data
            else (t.season_label, _no_data_text(t.status, t.figures is not None), *[None] * (len(TREND_FIGURES) - 1))
            for t in trends
        ]
        first = 30 * mm
        widths = (first, *[(WIDTH - first) / len(TREND_FIGURES)] * len(TREND_FIGURES))
        table = figures_table(self.st, headers, rows, width=WIDTH, widths=widths, font_size=8.5)
        for index, t in enumerate(trends, start=1):  # a season without data says so across its row
            if not t.has_data:
                table.setStyle(
                    TableStyle(
                        [
                            ("SPAN", (1, index), (-1, index)),
                            ("ALIGN", (1, index), (-1, index), "CENTER"),
                            ("TEXTCOLOR", (1, index), (-1, index), MUTED),
                        ]
                    )
                )
        parts.append(table)
        notes = []
        if empty:
            notes.append(
                "Une saison « pas de données » n'a aucune convention enregistrée ; une « saison non enregistrée » "
                "est absente de la base. Ni l'une ni l'autre ne compte pour zéro : elles n'ont pas de barre (« — » sous leur nom dans les petits graphiques)."
            )
        if self.in_progress:
            notes.append(
                f"La saison {escape(self.r.season_label)} est en cours : ses places et ses dons continueront d'augmenter."
            )
        parts += [self.para(" ".join(notes), self.note)] if notes else []
        if len(trends) > 1:
            third = (WIDTH - 8 * mm) / 3
            small = [charts.trend_chart(trends, key, width=third) for key in TREND_FIGURES[2:]]
            row = Table([small], colWidths=[third + 4 * mm] * 3, hAlign="LEFT")
            row.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
            parts += [Spacer(1, 4 * mm), charts.trends_places_chart(trends, width=WIDTH), Spacer(1, 5 * mm), row]
        return [KeepTogether(parts)]  # one page: after the key figures if it fits there, else the next

    # --- 1. objectives ----------------------------------------------------------------------
    def objectives(self) -> list:
        f = self.f
        text = self.r.narrative.objectives or DEFAULT_OBJECTIVES
        parts = self.h1("1. Objectifs") + text_paragraphs(text, self.lead, self.muted)
        parts.append(
            self.para(
                f"Pour la saison {self.r.season_label}, les partenaires se sont engagés sur <b>{plural(f.places_committed, 'place', 'places')}</b> "
                f"dans {plural(f.conventions, 'convention', 'conventions')} ; les dons de leurs abonnés en financent <b>{format_int(f.places_funded)}</b>."
            )
        )
        return parts

    # --- 2. actions ---------------------------------------------------------------------------
    def actions(self) -> list:
        f = self.f
        parts = self.h1("2. Actions réalisées")
        cancelled = (
            f" ({plural(f.performances_cancelled, 'représentation annulée', 'représentations annulées')} par le partenaire)"
            if f.performances_cancelled
            else ""
        )
        parts.append(
            self.para(
                f"{plural(f.partners, 'structure culturelle partenaire a', 'structures culturelles partenaires ont')} proposé "
                f"<b>{plural(f.shows, 'spectacle', 'spectacles')}</b> de {plural(f.disciplines, 'discipline', 'disciplines')}, "
                f"en {plural(f.performances, 'représentation', 'représentations')}{cancelled}. "
                f"<b>{plural(f.places_offered, 'place a', 'places ont')}</b> été mises à disposition des relais sociaux ; "
                f"{format_int(f.booked)} ont été réservées et {format_int(f.issued)} éditées et remises aux relais."
            )
        )
        shown = [self.p.places("disciplines", i, d.places) for i, d in enumerate(self.r.disciplines)]
        rows = [
            (d.discipline, d.shows, d.performances, d.places_offered, s.booked, s.used, s.participation_rate)
            for d, s in zip(self.r.disciplines, shown, strict=True)
        ]
        total = ("Total", f.shows, f.performances, f.places_offered, f.booked, f.used, f.participation_rate)
        headers = ("Discipline", "Spectacles", "Représ.", "Places offertes", "Réservées", "Utilisées", "Participation")
        parts += [Paragraph("Par discipline", self.h2), figures_table(self.st, headers, rows, width=WIDTH, total=total)]
        parts += [
            Spacer(1, 5 * mm),
            KeepTogether([charts.participation_chart(self.r.disciplines, width=WIDTH, shown=shown)]),
        ]
        months = [self.p.places("months", i, m.places) for i, m in enumerate(self.r.months)]
        parts += [Spacer(1, 5 * mm), KeepTogether([charts.months_chart(self.r.months, width=WIDTH, shown=months)])]
        parts += [
            Spacer(1, 5 * mm),
            *mediation_parts(
                self.r, self.st, width=WIDTH, h2=self.h2, lead=self.lead, note=self.note, protection=self.p
            ),
        ]
        return parts

    # --- 3. people reached --------------------------------------------------------------------
    def publics(self) -> list:
        f = self.f
        parts = self.h1("3. Publics touchés")
        parts.append(
            self.para(
                f"<b>{plural(f.used, 'place a', 'places ont')} été utilisée{'s' if f.used > 1 else ''}</b> par des personnes en situation de précarité, "
                f"accompagnées par <b>{plural(f.relays_active, 'relais social', 'relais sociaux')}</b> de {plural(f.relay_communes, 'commune', 'communes')}. "
                f"Taux de participation : <b>{format_percent(f.participation_rate)}</b> "
                f"({format_int(f.used)} places utilisées sur {format_int(f.issued_past)} éditées pour des représentations déjà passées)."
                + (
                    f" La présence reste à relever pour {plural(f.awaiting_record, 'place', 'places')}."
                    if f.awaiting_record
                    else ""
                )
                + (f" {never_issued_text(f.never_issued)}." if f.never_issued else "")
            )
        )
        parts.append(
            self.para(
                "Ce bilan ne nomme aucune personne : les invitations se partagent sans stigmatiser, et seuls des chiffres "
                "agrégés sont présentés. " + protection_note(self.p.threshold),
                self.note,
            )
        )
        headers = ("Type de relais", "Relais", "Réservées", "Éditées", "Utilisées", "Non utilisées", "Participation")
        rows = self.group_rows("relay_types")
        parts += [Paragraph("Par type de relais", self.h2), figures_table(self.st, headers, rows, width=WIDTH)]
        rows = self.group_rows("communes")
        parts += [
            Paragraph("Par commune des relais", self.h2),
            figures_table(self.st, ("Commune", *headers[1:]), rows, width=WIDTH),
        ]
        reasons = [
            (r.reason, self.p.reason(i, "count", r.count), self.p.share(i, r.share))
            + ((self.p.reason(i, "previous", r.previous),) if self.r.previous else ())
            for i, r in enumerate(self.r.reasons)
        ]
        headers = ("Motif de non-utilisation", "Places", "Part") + (
            (f"En {self.r.previous_label}",) if self.r.previous else ()
        )
        total = ("Total", f.unused, 1.0 if f.unused else None) + ((self.r.previous.unused,) if self.r.previous else ())
        parts += [CondPageBreak(70 * mm), Paragraph("Non-utilisation : les freins relevés avec les relais", self.h2)]
        parts.append(
            self.para(
                f"{plural(f.unused, 'place éditée n’a', 'places éditées n’ont')} pas été utilisée{'s' if f.unused > 1 else ''} "
                f"(taux d'absence : {format_percent(f.no_show_rate)}). Après chaque représentation, l'association en recherche "
                "le motif avec le relais pour lever ces freins la fois suivante.",
                self.st["body"],
            )
        )
        parts += [Spacer(1, 2 * mm), figures_table(self.st, headers, reasons, width=WIDTH, total=total)]
        hidden = [i for i, r in enumerate(self.r.reasons) if isinstance(self.p.reason(i, "count", r.count), str)]
        parts += [
            Spacer(1, 4 * mm),
            KeepTogether([charts.reasons_chart(self.r.reasons, width=WIDTH, hidden=hidden)]),
        ]
        return parts

    def group_rows(self, table: str) -> list[tuple]:
        """Relays by type or by commune, as published."""
        rows = []
        for index, group in enumerate(getattr(self.r, table)):
            s = self.p.places(table, index, group.places)
            rows.append((group.name, group.relays, s.booked, s.issued, s.used, s.unused, s.participation_rate))
        return rows

    # --- 4. partners --------------------------------------------------------------------------
    def partners(self) -> list:
        f = self.f
        parts = self.h1("4. Partenaires")
        drafts = f.conventions - f.conventions_signed
        parts.append(
            self.para(
                f"{plural(f.partners, 'structure culturelle partenaire', 'structures culturelles partenaires')}, "
                f"{plural(f.conventions, 'convention', 'conventions')} pour la saison, dont "
                f"{plural(f.conventions_signed, 'signée ou plus avancée', 'signées ou plus avancées')}"
                + (f" et {plural(drafts, 'encore en brouillon', 'encore en brouillon')}" if drafts else "")
                + "."
            )
        )
        shown = [self.p.places("partners", i, p.places) for i, p in enumerate(self.r.partners)]
        rows = [
            (
                p.partner,
                p.state,
                p.shows,
                p.performances,
                p.places_committed,
                p.places_offered,
                s.booked,
                s.used,
                s.participation_rate,
            )
            for p, s in zip(self.r.partners, shown, strict=True)
        ]
        total = (
            "Total",
            None,
            f.shows,
            f.performances,
            f.places_committed,
            f.places_offered,
            f.booked,
            f.used,
            f.participation_rate,
        )
        headers = (
            "Partenaire",
            "Convention",
            "Spect.",
            "Représ.",
            "Places engagées",
            "Places offertes",
            "Réservées",
            "Utilisées",
            "Particip.",
        )
        parts.append(figures_table(self.st, headers, rows, width=WIDTH, total=total, text_columns=2))
        return parts

    # --- from offered to used (in section 4) ---------------------------------------------------
    def funnel(self) -> list:
        f = self.f
        labels = tuple(FIGURES_BY_KEY[key].label for key in FUNNEL_STEPS)
        by_partner = published_funnel(partner_funnel(self.r), "partners", self.p)
        parts = [
            CondPageBreak(90 * mm),
            Paragraph("Des places offertes aux places utilisées", self.h2),
            self.para(
                f"Sur {plural(f.places_offered, 'place offerte', 'places offertes')}, {format_int(f.booked)} ont été "
                f"réservées par les relais, {format_int(f.issued)} éditées et remises, {format_int(f.used)} utilisées. "
                "Chaque étape est le chiffre clé du même nom ; les totaux sont ceux des chiffres clés.",
                self.st["body"],
            ),
            Spacer(1, 2 * mm),
            KeepTogether([charts.funnel_chart("Par partenaire", by_partner, width=WIDTH)]),
            Spacer(1, 3 * mm),
        ]
        rows = [(line.name, *line.steps) for line in by_partner]
        total = ("Total", *funnel_total(f).steps)
        parts.append(figures_table(self.st, ("Partenaire", *labels), rows, width=WIDTH, total=total))
        by_kind = published_funnel(relay_type_funnel(self.r), "relay_types", self.p)
        parts += [
            CondPageBreak(70 * mm),
            Spacer(1, 3 * mm),
            KeepTogether([charts.funnel_chart("Par type de relais", by_kind, from_booked=True, width=WIDTH)]),
            self.para(
                "Les places sont offertes par les partenaires, pas à un type de relais : par type de relais, "
                "le parcours part des places réservées.",
                self.note,
            ),
            Spacer(1, 3 * mm),
            figures_table(
                self.st,
                ("Type de relais", *labels[1:]),
                [(line.name, *line.steps[1:]) for line in by_kind],
                width=WIDTH,
                total=("Total", f.booked, f.issued, f.used),
            ),
        ]
        return parts

    # --- 5. donations -------------------------------------------------------------------------
    def donations(self) -> list:
        f = self.f
        parts = self.h1("5. Dons et leur utilisation")
        parts.append(
            self.para(
                f"Les abonnés des partenaires ajoutent librement un don à leur abonnement. Cette saison, <b>{plural(f.solidarity_subscribers, 'abonné solidaire', 'abonnés solidaires')}</b> "
                f"ont donné <b>{format_money(f.donations)}</b>, qui financent {plural(f.places_funded, 'place', 'places')} "
                f"(dons ÷ valeur d'une place convenue avec chaque partenaire)."
            )
        )
        parts += [
            Spacer(1, 2 * mm),
            charts.chain_diagram(f.donations, f.solidarity_subscribers, f.places_funded, f.issued, f.used, width=WIDTH),
            Spacer(1, 3 * mm),
        ]
        rows = [
            (
                p.partner,
                p.solidarity_subscribers,
                p.donations,
                p.place_value,
                p.places_funded,
                p.places_uncovered or None,
                s.issued,
                s.used,
                p.surplus - p.shortfall,
            )
            for p, s in zip(self.r.partners, self.partner_places(), strict=True)
        ]
        total = (
            "Total",
            f.solidarity_subscribers,
            f.donations,
            None,
            f.places_funded,
            f.places_uncovered,
            f.issued,
            f.used,
            None,
        )
        headers = (
            "Partenaire",
            "Abonnés solidaires",
            "Dons",
            "Valeur d'une place",
            "Places financées",
            "Places non couvertes",
            "Places éditées",
            "Places utilisées",
            "Surplus (manque : −)",
        )
        parts += [
            Paragraph("Des dons aux places utilisées, par convention", self.h2),
            figures_table(self.st, headers, rows, width=WIDTH, total=total, font_size=7.5),
        ]
        if f.shortfall:
            short = [p for p in self.r.partners if p.shortfall]
            each = " ; ".join(
                f"{escape(p.partner)} : {plural(p.places_uncovered, 'place', 'places')}, {format_money(p.shortfall)}"
                for p in short
            )
            parts += [
                Spacer(1, 2 * mm),
                self.para(
                    f"<b>{escape(shortfall_text(f.places_uncovered, f.shortfall))}</b> ({each}). "
                    "Ces places restent engagées par les partenaires ; leur financement est à trouver ou à revoir avec eux.",
                    self.st["body"],
                ),
            ]
        parts += [Paragraph("Le surplus de don et son affectation", self.h2)]
        if not f.surplus and f.shortfall:
            parts.append(
                self.para(
                    "Aucun surplus de don cette saison : les dons ne couvrent pas les places engagées (voir ci-dessus).",
                    self.st["body"],
                )
            )
        else:
            parts.append(
                self.para(
                    f"Le surplus de don — ce qui reste une fois payées les places engagées — s'élève à <b>{format_money(f.surplus)}</b>. "
                    f"Il est affecté avec chaque partenaire à des places hors abonnement ou à la gestion des invitations : "
                    f"{format_money(f.surplus_planned)} prévus, {format_money(f.surplus_done)} réalisés.",
                    self.st["body"],
                )
            )
        if self.r.allocations:
            rows = [
                (a.partner, a.kind, a.planned_amount, a.planned_places, a.done_amount, a.done_places)
                for a in self.r.allocations
            ]
            total = (
                "Total",
                None,
                f.surplus_planned,
                sum(a.planned_places for a in self.r.allocations),
                f.surplus_done,
                sum(a.done_places or 0 for a in self.r.allocations),
            )
            headers = ("Partenaire", "Affectation", "Prévu", "Places prévues", "Réalisé", "Places réalisées")
            parts += [
                Spacer(1, 2 * mm),
                figures_table(self.st, headers, rows, width=WIDTH, total=total, text_columns=2),
            ]
        return parts

    def partner_places(self) -> list:
        return [self.p.places("partners", i, p.places) for i, p in enumerate(self.r.partners)]

    # --- 6. gaps ------------------------------------------------------------------------------
    def gaps(self) -> list:
        f = self.f
        parts = self.h1("6. Écarts avec le prévu")
        rows = [
            (
                "Places engagées → places offertes",
                f.places_committed,
                f.places_offered,
                f.places_offered - f.places_committed,
            ),
            ("Places financées par les dons → places éditées", f.places_funded, f.issued, f.issued - f.places_funded),
            (
                "Places éditées (représentations passées) → places utilisées",
                f.issued_past,
                f.used,
                f.used - f.issued_past,
            ),
            (
                "Surplus affecté : prévu → réalisé",
                f.surplus_planned,
                f.surplus_done,
                f.surplus_done - f.surplus_planned,
            ),
        ]
        rows = [(label, a, b, signed(d)) for label, a, b, d in rows]
        parts.append(
            figures_table(
                self.st,
                ("Prévu → réalisé", "Prévu", "Réalisé", "Écart"),
                rows,
                width=WIDTH,
                widths=(96 * mm, 28 * mm, 28 * mm, 28 * mm),
                font_size=8.5,
            )
        )
        facts = []
        if f.performances_cancelled:
            facts.append(
                f"{plural(f.performances_cancelled, 'représentation a', 'représentations ont')} été annulée{'s' if f.performances_cancelled > 1 else ''} par le partenaire."
            )
        if f.cancelled:
            facts.append(
                f"{plural(f.cancelled, 'place a', 'places ont')} été rendue{'s' if f.cancelled > 1 else ''} par les relais avant la représentation ou annulée{'s' if f.cancelled > 1 else ''} avec elle ; elles ont pu être proposées à d'autres relais."
            )
        if f.unused:
            facts.append(
                f"{plural(f.unused, 'place éditée n’a', 'places éditées n’ont')} pas été utilisée{'s' if f.unused > 1 else ''} : les motifs sont détaillés en partie 3."
            )
        if f.never_issued:
            facts.append(
                f"{never_issued_text(f.never_issued)} : elles n'ont servi à personne et ne comptent pas dans le taux de participation."
            )
        if f.shortfall:
            facts.append(f"{shortfall_text(f.places_uncovered, f.shortfall)}.")
        parts += [Spacer(1, 3 * mm)] + [Paragraph(french_spacing(escape(x)), self.st["body"]) for x in facts]
        parts += [
            Paragraph("Explication des écarts", self.h2),
            *text_paragraphs(self.r.narrative.gaps, self.st["body"], self.muted),
        ]
        return parts

    # --- 7. qualitative -------------------------------------------------------------------------
    def qualitative(self) -> list:
        n = self.r.narrative
        parts = self.h1("7. Bilan qualitatif")
        for title, text in (
            ("Faits marquants", n.highlights),
            ("Retours des relais", n.relay_feedback),
            ("Actions pour la saison prochaine", n.next_steps),
        ):
            # Under « Retours des relais », the words the director chose, without names.
            quotes = quote_parts(self.r, self.st["body"], self.muted) if title == "Retours des relais" else []
            body = text_paragraphs(text, self.st["body"], self.muted) if text.strip() or not quotes else []
            parts += [Paragraph(title, self.h2), *body, *quotes]
        return parts

    # --- glossary and annex -------------------------------------------------------------------
    def glossary(self) -> list:
        term = self.st["cell_bold"]
        body = self.st["cell"]
        rows = [
            [Paragraph(escape(d.label), term), Paragraph(french_spacing(escape(d.definition)), body)] for d in FIGURES
        ]
        rows += [
            [Paragraph(escape(t), term), Paragraph(french_spacing(escape(text)), body)]
            for t, text in (*OTHER_TERMS, *protection_terms(self.p.threshold))
        ]
        table = Table(rows, colWidths=(48 * mm, WIDTH - 48 * mm))
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, MUTED),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ]
            )
        )
        money_note = "Les montants sont en euros ; les taux sont arrondis au dixième."
        return [
            PageBreak(),
            Paragraph("Définition des chiffres", self.st["h1"]),
            table,
            Paragraph(money_note, self.note),
        ]

    def reconciliation(self) -> list:
        """Per convention, from the donations to the places used; the total line is the key figures.
        Then the report's date and fingerprint, and how to check them."""
        f = self.f
        rows = [
            (p.partner, p.donations, p.place_value, p.places_funded, s.booked, s.issued, s.used)
            for p, s in zip(self.r.partners, self.partner_places(), strict=True)
        ]
        total = ("Total (chiffres clés)", f.donations, None, f.places_funded, f.booked, f.issued, f.used)
        headers = ("Convention", "Dons", "Valeur d'une place", "Places financées", "Réservées", "Éditées", "Utilisées")
        check = self.st["small"].clone("check", textColor=INK, spaceBefore=4, leading=11)
        return [
            Paragraph("Des dons aux places utilisées, par convention", self.h2),
            self.para(
                "Pour chaque convention : les dons déclarés, la valeur d'une place, les places qu'ils financent, puis "
                "les places réservées, éditées et utilisées. La ligne de total reprend les chiffres clés.",
                self.note,
            ),
            figures_table(self.st, headers, rows, width=WIDTH, total=total),
            Paragraph(
                french_spacing(
                    f"Bilan édité le {format_date(self.r.as_of)} à {self.r.as_of:%H:%M:%S}, chiffres arrêtés à cet instant. "
                    f"Empreinte de ses chiffres : <b>{self.stamp.fingerprint}</b> (SHA-256 des chiffres publiés, avec la "
                    f"saison et le seuil des petits nombres : {self.p.threshold}). Pour vérifier qu'ils correspondent "
                    "toujours à la base : <i>acs-desktop report --verify</i> suivi du fichier PDF."
                ),
                check,
            ),
        ]

    def annex(self) -> list:
        parts = [
            CondPageBreak(80 * mm),
            Paragraph("Annexe : rapprochement et détail", self.st["h1"]),
            *self.reconciliation(),
            Paragraph(
                french_spacing(
                    "Réserv. : places réservées ; Édit. : éditées ; Util. : utilisées ; Non util. : non utilisées ; Particip. : taux de participation."
                ),
                self.note,
            ),
        ]
        parts += [Paragraph("Relais sociaux actifs", self.h2), *self.relay_detail()]
        headers = (
            "Mois",
            "Représ.",
            "Places offertes",
            "Réservées",
            "Éditées",
            "Utilisées",
            "Non utilisées",
            "Participation",
        )
        month_rows: list[tuple] = []
        for index, m in enumerate(self.r.months):
            s = self.p.places("months", index, m.places)
            month_rows.append(
                (
                    month_label(m.month),
                    m.performances,
                    m.places_offered,
                    s.booked,
                    s.issued,
                    s.used,
                    s.unused,
                    s.participation_rate,
                )
            )
        parts += [
            CondPageBreak(50 * mm),
            Paragraph("Représentations par mois", self.h2),
            figures_table(self.st, headers, month_rows, width=WIDTH),
        ]
        return parts

    def relay_detail(self) -> list:
        """The relays one by one, up to `RELAYS_LISTED_MAX`; a network's thousands of relays
        (a hundred pages nobody reads) stay in the review's workbook, the report giving them by
        kind and by commune. Their small counts are protected the same way in both."""
        relays = self.r.relays
        if len(relays) > RELAYS_LISTED_MAX:
            return [
                self.para(
                    f"Les {format_int(len(relays))} relais actifs de la saison sont détaillés un à un dans les tableaux "
                    "du bilan (onglet Bilan de saison, « Exporter (XLSX/CSV)… », tableau « relais »), avec les mêmes "
                    "nombres protégés ; ce rapport les présente par type et par commune (partie 3).",
                    self.st["body"],
                )
            ]
        headers = ("Relais", "Type", "Commune", "Réserv.", "Édit.", "Util.", "Non util.", "Particip.")
        rows = []
        for index, r in enumerate(relays):
            s = self.p.places("relays", index, r.places)
            rows.append((r.relay, r.relay_type, r.commune, s.booked, s.issued, s.used, s.unused, s.participation_rate))
        return [figures_table(self.st, headers, rows, width=WIDTH, text_columns=3, font_size=7.5)]


def _no_data_text(status: str, recorded: bool) -> str:
    return f"{status} : aucune convention enregistrée" if recorded else f"{status} dans la base"
