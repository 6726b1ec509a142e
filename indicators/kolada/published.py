"""What Kolada publishes beside the agreement's own measurements, kept by the import without
changing a measurement: every fetched value (``KoladaValue``, also Riket's and the counties'
for the comparison) and each KPI's description (``KoladaKpi``)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import KoladaKpi, KoladaValue
from .areas import comparison_areas
from .client import KoladaError, KoladaPoint, fetch_kpi, fetch_kpi_meta


def store_values(points: list[KoladaPoint]) -> None:
    now = timezone.now()
    existing = {
        (v.kpi, v.municipality_code, v.year): v
        for v in KoladaValue.objects.filter(
            kpi__in={p.kpi for p in points},
            municipality_code__in={p.municipality for p in points},
            year__in={p.year for p in points},
        )
    }
    for point in points:
        row = existing.get((point.kpi, point.municipality, point.year))
        if row is None:
            KoladaValue.objects.create(
                kpi=point.kpi,
                municipality_code=point.municipality,
                year=point.year,
                fetched_at=now,
                **point.values(),
            )
        elif any(getattr(row, name) != value for name, value in point.values().items()):
            for name, value in point.values().items():
                setattr(row, name, value)
            row.fetched_at = now
            row.save()


def import_comparison(kpi: str, codes, years, cache, report) -> None:
    """Riket's and the counties' values of ``kpi``: shown beside the agreement's own."""
    areas = comparison_areas(codes)
    key = (kpi, tuple(areas), tuple(years))
    if key not in cache:
        try:
            cache[key] = fetch_kpi(kpi, areas, years)
        except KoladaError as exc:
            cache[key] = exc
            report.errors.append(
                _("%(kpi)s, jämförelse med riket och länet: %(error)s") % {"kpi": kpi, "error": exc}
            )
            return
        points = cache[key]
        if not isinstance(points, KoladaError):
            store_values([p for p in points if p.municipality in areas])


def import_metadata(kpis, report=None) -> int:
    """Fetch Kolada's title and gender division of ``kpis`` into ``KoladaKpi``; the number of
    rows changed. A failure is a message, not an error: no value depends on it."""
    kpis = sorted({k.strip() for k in kpis if k and k.strip()})
    if not kpis:
        return 0
    try:
        found = fetch_kpi_meta(kpis)
    except KoladaError as exc:
        if report is not None:
            report.messages.append(
                _("Koladas beskrivning av nyckeltalen kunde inte hämtas: %(error)s")
                % {"error": exc}
            )
        return 0
    existing = {row.kpi: row for row in KoladaKpi.objects.filter(kpi__in=found)}
    changed = 0
    now = timezone.now()
    for kpi, meta in found.items():
        row = existing.get(kpi)
        if row is None:
            KoladaKpi.objects.create(
                kpi=kpi, title=meta.title, by_gender=meta.by_gender, fetched_at=now
            )
            changed += 1
        elif (row.title, row.by_gender) != (meta.title, meta.by_gender):
            row.title, row.by_gender, row.fetched_at = meta.title, meta.by_gender, now
            row.save()
            changed += 1
    return changed
