"""The signed record can be trusted (issue 9): signature dates as signed, "signed by all" on
the last of them, the agreement's own target-group headings in the signed text, states that
follow the signed version and its start date, and follow-up that follows the version in
force rather than an unsigned revision."""

import csv
import datetime
import io
import subprocess
import zipfile
import zoneinfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from agreements.models import Agreement, AgreementTargetGroup, Signature, SignedDocument
from agreements.signing import (
    SigningError,
    agreement_send_for_signature,
    agreement_start_revision,
    agreement_states_update,
    signature_register_paper,
)
from agreements.signing.pdf import render_unsealed_pdf
from agreements.tasks import agreement_states_update_task
from indicators.services import followup_periods_ensure
from samverkan.celery import app as celery_app
from tests.agreements.factories import TargetGroupFactory
from tests.factories import AdminFactory

pytestmark = pytest.mark.django_db

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


def pdf_text(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def send_in_december_2022(jarfalla):
    return jarfalla.send(sent_at=datetime.datetime(2022, 12, 1, 10, 0, tzinfo=STOCKHOLM))


# --- Signature dates ------------------------------------------------------------------


def test_signed_by_all_is_the_last_paper_date_on_pdf_verification_page_and_manifest(
    jarfalla, client, django_capture_on_commit_callbacks
):
    # GIVEN a version sent for signature in December 2022
    version = send_in_december_2022(jarfalla)
    assert timezone.localdate(version.created_at) == datetime.date(2022, 12, 1)
    admin = AdminFactory()
    # WHEN an administrator registers three paper signatures, the latest date not last
    dates = [datetime.date(2022, 12, 5), datetime.date(2022, 12, 12), datetime.date(2022, 12, 9)]
    with django_capture_on_commit_callbacks(execute=True):
        for (signatory, _user), signed_on in zip(jarfalla.signatories, dates, strict=True):
            signature_register_paper(
                version=version, signatory=signatory, user=admin, signed_on=signed_on
            )
    # THEN each signature keeps the date on paper
    assert sorted(version.signatures.values_list("signed_on", flat=True)) == sorted(dates)
    # AND signed by all is the last of them, not the day they were registered
    document = SignedDocument.objects.get(version=version)
    assert document.status == SignedDocument.Status.READY, document.error
    assert document.signed_on == datetime.date(2022, 12, 12)
    text = pdf_text(document.file.open("rb").read())
    assert "undertecknad av samtliga undertecknare 2022-12-12" in " ".join(text.split())
    assert timezone.localdate().isoformat() not in text
    # AND the public verification page says the same
    page = client.get(reverse("public:verify_code", kwargs={"code": document.verification_code}))
    assert page.status_code == 200
    assert "2022-12-12" in page.content.decode()
    # AND so does the ZIP manifest
    client.force_login(admin)
    response = client.get(reverse("agreements:export_zip"))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    [row] = csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig")))
    assert row["signed_on"] == "2022-12-12"


def test_a_paper_signature_before_the_version_was_sent_is_refused_at_the_field(jarfalla, client):
    # GIVEN a version sent for signature on 2022-12-01
    version = send_in_december_2022(jarfalla)
    admin = AdminFactory()
    client.force_login(admin)
    signatory = jarfalla.sign_jan
    # WHEN the administrator registers a paper signature dated before that
    response = client.post(
        reverse("agreements:register_paper", kwargs={"pk": jarfalla.agreement.pk}),
        {
            "signatory": signatory.pk,
            "signed_on": "2022-11-30",
            "content_hash": version.content_hash,
        },
    )
    # THEN the form says why, at the date, keeps what was typed, and records nothing
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["signed_on"] == [
        "Datumet kan inte vara före 2022-12-01, då versionen skickades för underskrift."
    ]
    assert 'value="2022-11-30"' in response.content.decode()
    assert not Signature.objects.filter(version=version).exists()
    # AND the service refuses the same whatever path calls it
    with pytest.raises(SigningError):
        signature_register_paper(
            version=version,
            signatory=signatory,
            user=admin,
            signed_on=datetime.date(2022, 11, 30),
        )


def test_a_version_cannot_be_dated_as_sent_in_the_future(jarfalla):
    with pytest.raises(SigningError):
        agreement_send_for_signature(
            agreement=jarfalla.agreement,
            user=jarfalla.official,
            sent_at=timezone.now() + datetime.timedelta(days=1),
        )
    assert not jarfalla.agreement.versions.exists()


# --- The agreement's own words ----------------------------------------------------------


def test_the_signed_version_carries_the_agreements_own_target_group_heading(jarfalla, client):
    # GIVEN a target group that the agreement names in its own words
    catalogue = TargetGroupFactory(name="Unga 16–24 som varken arbetar eller studerar")
    AgreementTargetGroup.objects.create(
        agreement=jarfalla.agreement,
        target_group=catalogue,
        heading="Unga som varken arbetar eller studerar",
        description="Målgruppen omfattar 16–24 åringar.",
        position=5,
    )
    # WHEN the agreement is signed
    version = jarfalla.send()
    document = jarfalla.sign_all(version)
    # THEN the snapshot keeps the agreement's heading, with the catalogue only for filtering
    [group] = [g for g in version.snapshot["target_groups"] if g["catalogue"] == catalogue.name]
    assert group["name"] == "Unga som varken arbetar eller studerar"
    # AND the version page and the PDF show the agreement's heading, never the catalogue's
    client.force_login(jarfalla.official)
    page = client.get(version.get_absolute_url()).content.decode()
    assert "Unga som varken arbetar eller studerar" in page
    assert catalogue.name not in page
    text = " ".join(pdf_text(render_unsealed_pdf(document)).split())
    assert "Unga som varken arbetar eller studerar" in text
    assert catalogue.name not in text


# --- States follow the signed version ---------------------------------------------------


def test_signed_with_a_future_start_is_not_in_force_until_the_daily_task_moves_it(jarfalla, client):
    # GIVEN an agreement that starts on the first of January next year
    start = datetime.date(timezone.localdate().year + 1, 1, 1)
    Agreement.objects.filter(pk=jarfalla.agreement.pk).update(valid_from=start)
    jarfalla.agreement.refresh_from_db()
    # WHEN every signatory signs today
    version = jarfalla.send()
    jarfalla.sign_all(version)
    agreement = Agreement.objects.get(pk=jarfalla.agreement.pk)
    # THEN it is signed and coming, in Swedish with the date, and not in force
    assert agreement.status == Agreement.Status.SIGNED
    assert agreement.status_label == f"Undertecknad, börjar gälla 1 januari {start.year}"
    assert not Agreement.objects.in_force().filter(pk=agreement.pk).exists()
    client.force_login(jarfalla.official)
    detail = client.get(agreement.get_absolute_url()).content.decode()
    assert f"Undertecknad, börjar gälla 1 januari {start.year}" in detail
    # AND the public register does not count it as in force but marks it as coming
    register = client.get(reverse("public:register"))
    assert agreement.pk not in [a.pk for a in register.context["page"]]
    assert [a.pk for a in register.context["upcoming"]] == [agreement.pk]
    assert "Undertecknade, börjar gälla senare" in register.content.decode()
    # WHEN the daily task runs the day before the start, nothing moves
    assert agreement_states_update(today=start - datetime.timedelta(days=1)) == 0
    assert Agreement.objects.get(pk=agreement.pk).status == Agreement.Status.SIGNED
    # WHEN it runs on the start date, the agreement is in force and in the register
    assert agreement_states_update(today=start) == 1
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.IN_FORCE
    assert Agreement.objects.in_force(today=start).filter(pk=agreement.pk).exists()
    # AND running it again moves nothing
    assert agreement_states_update(today=start) == 0


def test_the_daily_task_is_scheduled_and_moves_agreements_that_have_started(jarfalla):
    # GIVEN a signed agreement whose start date has come (it was signed before it started)
    version = jarfalla.send()
    jarfalla.sign_all(version)
    Agreement.objects.filter(pk=jarfalla.agreement.pk).update(status=Agreement.Status.SIGNED)
    # WHEN the beat's daily task runs
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "agreements.agreement_states_update" in scheduled
    assert "agreements.agreement_states_update" in celery_app.tasks
    assert agreement_states_update_task.delay().get() == 1
    # THEN the agreement is in force
    assert Agreement.objects.get(pk=jarfalla.agreement.pk).status == Agreement.Status.IN_FORCE


def test_a_revision_opened_before_the_start_keeps_the_signed_version_coming(jarfalla):
    start = datetime.date(timezone.localdate().year + 1, 1, 1)
    Agreement.objects.filter(pk=jarfalla.agreement.pk).update(valid_from=start)
    jarfalla.agreement.refresh_from_db()
    version = jarfalla.send()
    jarfalla.sign_all(version)
    # WHEN a revision is opened before the start date
    agreement = agreement_start_revision(agreement=jarfalla.agreement, user=jarfalla.official)
    # THEN the signed version is still not in force, and is in force from its start
    assert agreement.status == Agreement.Status.UNDER_REVISION
    assert agreement.is_signed_not_started
    assert not Agreement.objects.in_force().filter(pk=agreement.pk).exists()
    assert Agreement.objects.in_force(today=start).filter(pk=agreement.pk).exists()


# --- A revision changes nothing until signed --------------------------------------------


def test_changing_the_start_in_an_unsigned_revision_makes_no_followup_periods(jarfalla):
    # GIVEN the agreement signed with its start 2023-01-01, and a revision open
    version = jarfalla.send()
    jarfalla.sign_all(version)
    agreement = agreement_start_revision(agreement=jarfalla.agreement, user=jarfalla.official)
    today = datetime.date(2024, 3, 1)
    before = followup_periods_ensure(agreement=agreement, today=today)
    assert (before[0].year, before[0].half) == (2023, 1)
    # WHEN the revision's draft says "Gäller från" 2020-01-01
    agreement.valid_from = datetime.date(2020, 1, 1)
    agreement.save()
    # THEN the periods still follow the version in force: nothing from 2020
    after = followup_periods_ensure(agreement=agreement, today=today)
    assert [(p.year, p.half) for p in after] == [(p.year, p.half) for p in before]
    assert not agreement.followup_periods.filter(year__lt=2023).exists()


def test_a_signed_revision_moves_the_followup_to_its_own_start(
    jarfalla, django_capture_on_commit_callbacks
):
    version = jarfalla.send()
    jarfalla.sign_all(version)
    agreement = agreement_start_revision(agreement=jarfalla.agreement, user=jarfalla.official)
    agreement.valid_from = datetime.date(2022, 7, 1)
    agreement.save()
    # WHEN the revision is signed
    with django_capture_on_commit_callbacks(execute=False):
        jarfalla.sign_all(jarfalla.send())
    agreement.refresh_from_db()
    # THEN its start is the one the follow-up uses
    periods = followup_periods_ensure(agreement=agreement, today=datetime.date(2023, 3, 1))
    assert (periods[0].year, periods[0].half) == (2022, 2)
