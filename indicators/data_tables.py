"""The follow-up's data tables for CSV and XLSX (samverkan.tables): goals, indicators, values
and kartläggning, each only for what the user may see."""

from django.utils.translation import gettext_lazy as _

from agreements.data_tables import agreement_columns
from agreements.models import Agreement, document_fields
from samverkan.tables import Column, Table, register

from .models import Goal, Indicator, Measurement, ProgrammeFigure, StatisticsSnapshot


def _visible(user, agreement):
    agreements = Agreement.objects.visible_to(user)
    if agreement is not None:
        agreements = agreements.filter(pk=agreement.pk)
    return agreements.values("pk")


def _goal_rows(user, agreement=None):
    return (
        Goal.objects.filter(agreement__in=_visible(user, agreement))
        .select_related("agreement", "target_group")
        .defer(*document_fields("agreement__"))
        .order_by("agreement_id", "position", "pk")
    )


def _indicator_rows(user, agreement=None):
    return (
        Indicator.objects.filter(goal__agreement__in=_visible(user, agreement))
        .select_related("goal__agreement", "responsible_party")
        .defer(*document_fields("goal__agreement__"))
        .order_by("goal__agreement_id", "goal__position", "goal_id", "position", "pk")
    )


def _measurement_rows(user, agreement=None):
    return (
        Measurement.objects.filter(indicator__goal__agreement__in=_visible(user, agreement))
        .select_related("indicator__goal__agreement", "period")
        .defer(*document_fields("indicator__goal__agreement__"))
        .order_by("indicator__goal__agreement_id", "indicator_id", "period__year", "period__half")
    )


def _snapshot_rows(user, agreement=None):
    figures = ProgrammeFigure.objects.filter(
        snapshot__in=StatisticsSnapshot.objects.visible_to(user)
    )
    if agreement is not None:
        figures = figures.filter(snapshot__municipality__agreement_memberships__agreement=agreement)
    return figures.select_related("snapshot__municipality").order_by(
        "snapshot__municipality__name", "snapshot__measured_on", "programme"
    )


GOALS = Table(
    key="mal",
    title=_("Mål"),
    position=20,
    rows=_goal_rows,
    columns=(
        *agreement_columns("agreement"),
        Column(_("Mål, id"), lambda g: g.pk),
        Column(_("Nummer"), lambda g: g.number),
        Column(_("Mål"), lambda g: g.title),
        Column(_("Målgrupp"), lambda g: g.target_group.name if g.target_group else ""),
        Column(_("Beskrivning"), lambda g: g.description),
    ),
)

INDICATORS = Table(
    key="indikatorer",
    title=_("Indikatorer"),
    position=30,
    rows=_indicator_rows,
    columns=(
        *agreement_columns("goal", "agreement"),
        Column(_("Mål, id"), lambda i: i.goal_id),
        Column(_("Mål"), lambda i: i.goal.title),
        Column(_("Indikator, id"), lambda i: i.pk),
        Column(_("Indikator"), lambda i: i.name),
        Column(_("Enhet"), lambda i: i.get_unit_display()),
        Column(_("Riktning"), lambda i: i.get_direction_display()),
        Column(_("Utgångsvärde"), lambda i: i.baseline_value),
        Column(_("Utgångsvärdet avser"), lambda i: i.baseline_label),
        Column(_("Målvärde"), lambda i: i.target_value),
        Column(_("Målår"), lambda i: i.target_year),
        Column(_("Datakälla"), lambda i: i.get_source_display()),
        Column(_("Kolada-nyckeltal"), lambda i: i.kolada_kpi),
        Column(_("Frekvens"), lambda i: i.get_frequency_display()),
        Column(
            _("Ansvarig part"), lambda i: i.responsible_party.name if i.responsible_party else ""
        ),
        Column(_("Redovisas för kvinnor och män"), lambda i: i.by_gender),
    ),
)

MEASUREMENTS = Table(
    key="utfall",
    title=_("Utfall"),
    position=40,
    rows=_measurement_rows,
    columns=(
        *agreement_columns("indicator", "goal", "agreement"),
        Column(_("Indikator, id"), lambda m: m.indicator_id),
        Column(_("Indikator"), lambda m: m.indicator.name),
        Column(_("År"), lambda m: m.period.year),
        Column(_("Halvår"), lambda m: m.period.half),
        Column(_("Totalt"), lambda m: m.total),
        Column(_("Kvinnor"), lambda m: m.women),
        Column(_("Män"), lambda m: m.men),
        Column(_("Okänt kön"), lambda m: m.unknown),
        Column(_("Ursprung"), lambda m: m.get_origin_display()),
        Column(_("Påhittat demovärde"), lambda m: m.origin == Measurement.Origin.DEMO),
        Column(_("Källa"), lambda m: m.source_note),
        Column(_("Kommentar"), lambda m: m.comment),
        Column(_("Ändrad"), lambda m: m.updated_at),
    ),
)

SNAPSHOTS = Table(
    key="kartlaggning",
    title=_("Kartläggning"),
    position=50,
    rows=_snapshot_rows,
    columns=(
        Column(_("Kommun"), lambda f: f.snapshot.municipality.name),
        Column(_("Kommunkod"), lambda f: f.snapshot.municipality.municipality_code),
        Column(_("Uppgifterna avser"), lambda f: f.snapshot.measured_on),
        Column(_("Antal invånare"), lambda f: f.snapshot.population),
        Column(_("Program"), lambda f: f.get_programme_display()),
        Column(_("Totalt"), lambda f: f.total),
        Column(_("Kvinnor"), lambda f: f.women),
        Column(_("Män"), lambda f: f.men),
        Column(_("Okänd könstillhörighet"), lambda f: f.unknown),
        Column(_("Kortutbildade"), lambda f: f.short_educated),
        Column(_("Källa"), lambda f: f.snapshot.source_note),
    ),
)


def register_tables():
    for table in (GOALS, INDICATORS, MEASUREMENTS, SNAPSHOTS):
        register(table)
