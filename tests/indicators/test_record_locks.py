"""A submitted or approved half-year is the record: every path that writes measurements
refuses it, and the value stays as the section chief saw it (issue 9, item 1).

Each write path is walked against a submitted and an approved period: the entry page, the
Excel and CSV import, the Kolada import (service, task and command), the conflict settlement,
the admin (change, add, delete, bulk delete, history revert), the demo loader and the model
itself. A scan of the source then keeps every measurement write inside indicators/services.py,
so a path added later without the rule fails this file.
"""

import ast
import datetime
import io
import threading
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from openpyxl import load_workbook

from indicators import demo
from indicators.kolada import h2_period, kolada_conflict_resolve, kolada_import
from indicators.models import (
    FollowUpReport,
    KoladaConflict,
    Measurement,
    MeasurementLocked,
)
from indicators.services import (
    followup_period_lock,
    followup_report_submit,
    measurement_delete,
    measurement_save,
    measurement_save_row,
    measurement_store,
)
from indicators.tasks import kolada_import_task

from .factories import FollowUpReportFactory, IndicatorFactory
from .kolada_support import GoalFactory, KoladaIndicatorFactory, configure, serve_kolada

LOCKED = [FollowUpReport.Status.SUBMITTED, FollowUpReport.Status.APPROVED]
REFUSAL = "kan inte ändras: halvårsrapporten är inskickad eller granskad"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def kolada(settings):
    with serve_kolada() as server:
        configure(settings, server)
        yield server


class Locked:
    """World's agreement (Österåker, 2023–2024) with a Kolada count (N00914: 861 in 2023,
    857 in 2024) and a typed value 850 for 2023 H2, whose report is then locked."""

    def __init__(self, world, status):
        self.world = world
        world.municipality.municipality_code = "0117"
        world.municipality.save()
        agreement = world.agreement
        agreement.valid_from = datetime.date(2023, 1, 1)
        agreement.valid_until = datetime.date(2024, 12, 31)
        agreement.save()
        self.agreement = agreement
        self.indicator = KoladaIndicatorFactory(
            goal=GoalFactory(agreement=agreement), kolada_kpi="N00914"
        )
        self.other = IndicatorFactory(goal=self.indicator.goal, name="Antal i jobbspår")
        self.period = h2_period(agreement, 2023)
        self.measurement = measurement_save(
            indicator=self.indicator,
            period=self.period,
            user=world.official,
            total=850,
            women=400,
            men=450,
        )
        self.report = FollowUpReportFactory(period=self.period, status=status)
        self.before = self.state()

    def state(self):
        return (
            list(Measurement.objects.filter(period=self.period).order_by("pk").values()),
            Measurement.history.filter(period_id=self.period.pk).count(),
        )

    def assert_unchanged(self):
        assert self.state() == self.before
        self.measurement.refresh_from_db()
        assert (self.measurement.total, self.measurement.women, self.measurement.men) == (
            850,
            400,
            450,
        )

    def url(self, name):
        return reverse(name, args=[self.agreement.pk, self.period.year, self.period.half])


@pytest.fixture(params=LOCKED)
def locked(request, world):
    return Locked(world, request.param)


def _messages(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


# ---------------------------------------------------------------- the rule, named once


@pytest.mark.django_db
def test_the_rule_is_named_once_on_the_report_and_the_period(locked):
    assert locked.report.is_locked and locked.period.is_locked
    assert FollowUpReport.period_locked(locked.period.pk)
    for status in (FollowUpReport.Status.DRAFT, FollowUpReport.Status.RETURNED):
        locked.report.status = status
        assert not locked.report.is_locked
    assert set(FollowUpReport.LOCKED_STATUSES) == set(LOCKED)


# ---------------------------------------------------------------- services and the model


@pytest.mark.django_db
def test_every_service_and_the_model_itself_refuse(locked):
    world, period, indicator = locked.world, locked.period, locked.indicator
    with pytest.raises(MeasurementLocked) as refused:
        measurement_save(indicator=indicator, period=period, user=world.official, total=1)
    assert REFUSAL in refused.value.messages[0]
    assert "Andra halvåret 2023" in refused.value.messages[0]
    with pytest.raises(MeasurementLocked):
        measurement_save(indicator=locked.other, period=period, user=world.official, total=1)
    with pytest.raises(MeasurementLocked):
        measurement_store(indicator=indicator, period=period, values={"total": 1}, origin="kolada")
    with pytest.raises(MeasurementLocked):
        measurement_delete(measurement=locked.measurement)
    locked.measurement.total = 1
    with pytest.raises(MeasurementLocked):
        measurement_save_row(measurement=locked.measurement, user=world.admin)
    # A path that forgets the service still meets the model's guard.
    with pytest.raises(MeasurementLocked):
        locked.measurement.save()
    with pytest.raises(MeasurementLocked):
        Measurement(indicator=locked.other, period=period, total=3).save()
    with pytest.raises(MeasurementLocked):
        Measurement.objects.get(pk=locked.measurement.pk).delete()
    locked.assert_unchanged()


@pytest.mark.django_db
def test_returning_the_report_opens_the_values_again(locked):
    locked.report.status = FollowUpReport.Status.RETURNED
    locked.report.save()
    measurement_save(
        indicator=locked.indicator, period=locked.period, user=locked.world.official, total=900
    )
    assert Measurement.objects.get(pk=locked.measurement.pk).total == 900


# ---------------------------------------------------------------- the entry page


@pytest.mark.django_db
def test_entry_page_refuses_with_a_swedish_message(client, locked):
    client.force_login(locked.world.official)
    prefix = f"i{locked.indicator.pk}"
    response = client.post(
        locked.url("indicators:entry"),
        {
            f"{prefix}-total": "999",
            f"{prefix}-women": "",
            f"{prefix}-men": "",
            f"{prefix}-base": "",
        },
    )
    assert response.status_code == 200
    assert any(REFUSAL in m for m in _messages(response))
    locked.assert_unchanged()


@pytest.mark.django_db
def test_entry_page_opened_before_the_submit_keeps_the_typed_value_and_says_why(client, world):
    # GIVEN the page was opened while the report was a draft (the fingerprint is current)
    state = Locked(world, FollowUpReport.Status.DRAFT)
    client.force_login(world.official)
    page = client.get(state.url("indicators:entry"))
    base = page.context["groups"][0][1][0]["base"].value()
    # WHEN the report is submitted meanwhile and the official then saves
    state.report.status = FollowUpReport.Status.SUBMITTED
    state.report.save()
    prefix = f"i{state.indicator.pk}"
    response = client.post(
        state.url("indicators:entry"), {f"{prefix}-total": "999", f"{prefix}-base": base}
    )
    # THEN nothing is saved and the page says so in Swedish
    assert any(REFUSAL in m for m in _messages(response))
    state.assert_unchanged()


# ---------------------------------------------------------------- Excel and CSV


def _filled_xlsx(client, locked, total):
    response = client.get(locked.url("indicators:template"))
    book = load_workbook(io.BytesIO(response.content))
    for row in book.active.iter_rows(min_row=2):
        if row[0].value == locked.indicator.pk:
            row[4].value = total
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("utfall.xlsx", out.getvalue())


@pytest.mark.django_db
def test_excel_upload_to_a_locked_period_is_refused(client, locked):
    client.force_login(locked.world.official)
    upload = _filled_xlsx(client, locked, 999)
    response = client.post(locked.url("indicators:import"), {"file": upload})
    assert response.status_code == 200
    assert any(REFUSAL in m for m in _messages(response))
    locked.assert_unchanged()


@pytest.mark.django_db
@pytest.mark.parametrize("status", LOCKED)
def test_csv_import_confirmed_after_the_report_was_locked_saves_nothing(client, world, status):
    # GIVEN a CSV previewed while the report was a draft
    state = Locked(world, FollowUpReport.Status.DRAFT)
    client.force_login(world.official)
    text = client.get(state.url("indicators:template_csv")).content.decode("utf-8-sig")
    lines = text.splitlines()
    for i, line in enumerate(lines[1:], start=1):
        cells = line.split(";")
        if cells[0] == str(state.indicator.pk):
            cells[4:8] = ["999", "", "", ""]
            lines[i] = ";".join(cells)
    upload = SimpleUploadedFile("mall.csv", ("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))
    preview = client.post(state.url("indicators:import"), {"file": upload})
    assert preview.status_code == 200 and not preview.context["has_errors"]
    # WHEN the report is submitted (or approved) before the import is confirmed
    state.report.status = status
    state.report.save()
    response = client.post(state.url("indicators:import"), {"confirm": "1"}, follow=True)
    # THEN the import is refused as a whole, with a Swedish message
    assert any(REFUSAL in m for m in _messages(response))
    state.assert_unchanged()


# ---------------------------------------------------------------- Kolada


@pytest.mark.django_db
def test_kolada_import_never_changes_a_locked_value_it_becomes_a_conflict(kolada, locked):
    # GIVEN also a Kolada value stored in 2024 H2 (replaceable while open), then locked
    period_2024 = h2_period(locked.agreement, 2024)
    kolada_value, _changed = measurement_store(
        indicator=locked.indicator, period=period_2024, values={"total": 5}, origin="kolada"
    )
    FollowUpReportFactory(period=period_2024, status=locked.report.status)

    run = kolada_import(agreement=locked.agreement)

    # THEN neither value changed; each difference is a conflict for a person
    locked.assert_unchanged()
    kolada_value.refresh_from_db()
    assert kolada_value.total == 5
    assert run.conflicts == 2 and run.updated == 0 and run.created == 0
    assert KoladaConflict.objects.filter(resolved_at__isnull=True).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("status", LOCKED)
def test_kolada_value_for_a_locked_period_without_a_value_becomes_a_note(kolada, world, status):
    state = Locked(world, status)
    # The 2024 H2 report is locked with no value at all.
    period_2024 = h2_period(state.agreement, 2024)
    FollowUpReportFactory(period=period_2024, status=status)

    run = kolada_import(agreement=state.agreement)

    assert not Measurement.objects.filter(period=period_2024).exists()
    notes = [m for m in run.messages if "Andra halvåret 2024" in m]
    assert notes and "Ta upp värdet i nästa halvårsrapport" in notes[0]
    state.assert_unchanged()


@pytest.mark.django_db
def test_kolada_task_and_command_leave_a_locked_value(kolada, locked):
    kolada_import_task(agreement_id=locked.agreement.pk)
    locked.assert_unchanged()
    call_command("kolada_import", agreement=locked.agreement.pk, stdout=io.StringIO())
    locked.assert_unchanged()
    assert KoladaConflict.objects.filter(resolved_at__isnull=True).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("status", LOCKED)
def test_settling_a_conflict_with_take_is_refused_keep_is_allowed(kolada, client, world, status):
    # GIVEN a conflict found while the period was open, then the report is locked
    state = Locked(world, FollowUpReport.Status.DRAFT)
    kolada_import(agreement=state.agreement)
    conflict = KoladaConflict.objects.get(measurement=state.measurement)
    state.report.status = status
    state.report.save()
    client.force_login(world.official)
    url = reverse("statistics:kolada_conflict_resolve", args=[conflict.pk])
    page = client.get(reverse("statistics:kolada_conflicts")).content.decode()
    assert "värdet är låst. Ta upp Koladas värde i nästa halvårsrapport" in page
    assert 'value="take"' not in page

    # WHEN the official takes Kolada's value: refused, in Swedish, nothing changes
    response = client.post(url, {"beslut": "take"}, follow=True)
    assert any(REFUSAL in m for m in _messages(response))
    state.assert_unchanged()
    conflict.refresh_from_db()
    assert conflict.is_open
    with pytest.raises(MeasurementLocked):
        kolada_conflict_resolve(conflict=conflict, user=world.official, take=True)
    state.assert_unchanged()

    # AND keeping the own value is possible: it changes no value
    client.post(url, {"beslut": "keep"})
    conflict.refresh_from_db()
    assert conflict.resolution == "keep"
    state.assert_unchanged()


# ---------------------------------------------------------------- the admin


@pytest.mark.django_db
def test_admin_shows_a_locked_value_read_only_and_refuses_every_change(client, locked):
    world = locked.world
    client.force_login(world.admin)
    change = reverse("admin:indicators_measurement_change", args=[locked.measurement.pk])
    page = client.get(change)
    assert page.status_code == 200
    assert any(REFUSAL in m for m in _messages(page))
    assert 'name="_save"' not in page.content.decode()
    data = {
        "indicator": locked.indicator.pk,
        "period": locked.period.pk,
        "total": "999",
        "women": "",
        "men": "",
        "unknown": "",
        "comment": "",
        "source_note": "",
        "origin": "manual",
        "entered_by": "",
    }
    assert client.post(change, data).status_code == 403
    # A new value for the locked period: a Swedish message at the form, nothing made.
    add = client.post(
        reverse("admin:indicators_measurement_add"), {**data, "indicator": locked.other.pk}
    )
    assert add.status_code == 200
    assert REFUSAL in add.content.decode()
    assert not Measurement.objects.filter(indicator=locked.other).exists()
    # Moving another period's value into the locked one is refused the same way.
    open_period = h2_period(locked.agreement, 2024)
    elsewhere = measurement_save(
        indicator=locked.other, period=open_period, user=world.official, total=3
    )
    moved = client.post(
        reverse("admin:indicators_measurement_change", args=[elsewhere.pk]),
        {**data, "indicator": locked.other.pk},
    )
    assert REFUSAL in moved.content.decode()
    assert Measurement.objects.get(pk=elsewhere.pk).period_id == open_period.pk
    # Deleting, alone or in bulk, and reverting to an older version are refused too.
    delete = reverse("admin:indicators_measurement_delete", args=[locked.measurement.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    client.post(
        reverse("admin:indicators_measurement_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [locked.measurement.pk],
            "post": "yes",
        },
    )
    history = locked.measurement.history.order_by("history_id").first()
    revert = client.post(
        reverse(
            "admin:indicators_measurement_simple_history",
            args=[locked.measurement.pk, history.history_id],
        ),
        {**data, "total": "1"},
    )
    assert revert.status_code in (200, 403)
    locked.assert_unchanged()


# ---------------------------------------------------------------- the demo loader


@pytest.mark.django_db
def test_demo_loader_leaves_a_locked_period_as_it_is(locked):
    # GIVEN demo series for the locked period's indicator (typed, so left alone anyway) and
    # for one without a value there
    locked.indicator.demo_series = (100, 10)
    locked.other.demo_series = (7, 1)
    logged = []
    # WHEN the demo values are loaded (again)
    demo.load_values(locked.agreement, [locked.indicator, locked.other], logged.append)
    # THEN the locked period got no demo value and kept its own; the others were filled
    locked.assert_unchanged()
    assert not Measurement.objects.filter(indicator=locked.other, period=locked.period).exists()
    assert Measurement.objects.filter(indicator=locked.other, origin="demo").count() == 5
    assert any("lämnades orörda" in line for line in logged)


# ---------------------------------------------------------------- no other write path

WRITE_METHODS = {
    "create",
    "bulk_create",
    "bulk_update",
    "update",
    "update_or_create",
    "get_or_create",
    "delete",
    "save",
    "raw",
}
SERVICE_MODULE = Path("indicators/services.py")
# The only other writer, named with its reason: seed_scale's bulk COPY fills half-years it has
# just created itself in a benchmark database, so no value a person saw is ever changed.
BULK_SEEDERS = {Path("indicators/scale.py")}
APPS = ("agreements", "indicators", "meetings", "samverkan")


def _chain(node) -> list[str]:
    """Names along an expression such as Measurement.objects.filter(...).update: the root
    first, calls looked through."""
    names = []
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            names.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Subscript):
            node = node.value
        elif isinstance(node, ast.Name):
            names.append(node.id)
            return names[::-1]
        else:
            return names[::-1]


def measurement_writes(source: str) -> list[int]:
    """Line numbers where code writes measurements: a write method on a Measurement queryset
    or related manager (``.measurements``), ``.save()``/``.delete()`` on a name that holds a
    measurement, or the Measurement class handed to a helper (``upsert(Measurement, …)``)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        if isinstance(node.func, ast.Attribute) and node.func.attr in WRITE_METHODS:
            chain = _chain(node.func.value)
            on_queryset = chain[:1] == ["Measurement"] or "measurements" in chain
            on_instance = bool(chain) and "measurement" in chain[-1].lower()
            if on_queryset or (on_instance and node.func.attr in ("save", "delete")):
                lines.append(node.lineno)
                continue
        func = _chain(node.func)
        allowed = {
            "isinstance",
            "issubclass",
            "get_object_or_404",
            "Prefetch",
            "register",
            "ForeignKey",
            "OneToOneField",
        }
        if func and func[-1] not in allowed:
            args = [*node.args, *(k.value for k in node.keywords)]
            if any(isinstance(a, ast.Name) and a.id == "Measurement" for a in args):
                lines.append(node.lineno)
    return sorted(set(lines))


def test_the_scan_finds_writes_of_every_shape():
    snippets = [
        "Measurement.objects.create(total=1)",
        "Measurement.objects.filter(pk=1).update(total=2)",
        "Measurement.objects.bulk_create([])",
        "Measurement.objects.update_or_create(pk=1)",
        "Measurement.objects.filter(pk=1).delete()",
        "period.measurements.all().update(total=1)",
        "measurement.save()",
        "current_measurement.delete()",
        "upsert(Measurement, {'pk': 1}, total=2)",
    ]
    for snippet in snippets:
        assert measurement_writes(snippet) == [1], snippet
    assert measurement_writes("Measurement.objects.filter(pk=1).first()") == []
    assert measurement_writes("report.save()") == []


def test_only_the_service_module_writes_measurements():
    """A new path that writes measurements outside indicators/services.py fails here: it
    must call measurement_save / measurement_store / measurement_save_row /
    measurement_delete, which refuse a locked period."""
    offenders = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if "migrations" in relative.parts or relative in {SERVICE_MODULE, *BULK_SEEDERS}:
                continue
            for line in measurement_writes(path.read_text(encoding="utf-8")):
                offenders.append(f"{relative}:{line}")
    assert offenders == []
    # The scan does see the service's own writes, so it is not blind to this code base.
    service = (ROOT / SERVICE_MODULE).read_text(encoding="utf-8")
    assert len(measurement_writes(service)) >= 4


# ---------------------------------------------------------------- a write and a submit at once


@pytest.mark.django_db(transaction=True)
def test_a_submit_waits_for_a_write_in_progress_and_then_locks_the_period(world):
    # GIVEN a draft report whose period an import is writing to right now
    state = Locked(world, FollowUpReport.Status.DRAFT)
    state.report.refresh_from_db()
    writing, submitted = threading.Event(), threading.Event()
    release = threading.Event()
    outcome = {}

    def write():
        try:
            with transaction.atomic():
                assert not followup_period_lock(period=state.period)
                writing.set()
                release.wait(5)
                measurement_save(
                    indicator=state.other, period=state.period, user=world.official, total=7
                )
        finally:
            connection.close()

    def submit():
        try:
            writing.wait(5)
            followup_report_submit(report=state.report, user=world.official, confirm_missing=True)
            outcome["status"] = FollowUpReport.objects.get(pk=state.report.pk).status
            submitted.set()
        finally:
            connection.close()

    threads = [threading.Thread(target=write), threading.Thread(target=submit)]
    for thread in threads:
        thread.start()
    # WHEN the submit comes while the write holds the period's lock, THEN it waits …
    assert writing.wait(5)
    assert not submitted.wait(0.5)
    release.set()
    for thread in threads:
        thread.join(10)
    # … and is sent with the value that was being written; the period is locked after it
    assert outcome["status"] == FollowUpReport.Status.SUBMITTED
    assert Measurement.objects.get(indicator=state.other, period=state.period).total == 7
    with pytest.raises(MeasurementLocked):
        measurement_save(indicator=state.other, period=state.period, user=world.official, total=8)
