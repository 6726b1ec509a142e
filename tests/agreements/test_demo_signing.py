"""The Järfälla demo agreement, from seed 004, signed by its three signatories."""

import datetime
import io
import subprocess
import zipfile

import pypdf
import pytest
from django.core.management import call_command
from django.utils import timezone

from agreements.demo import JARFALLA, NORDOST, demo_agreement
from agreements.models import SECTIONS, Agreement, SignedDocument
from agreements.signing import agreement_send_for_signature, signature_register_paper
from samverkan.models import User

pytestmark = pytest.mark.django_db


def test_jarfalla_demo_agreement_signed_by_its_three_signatories(
    django_capture_on_commit_callbacks,
):
    # GIVEN the demo data and the Järfälla agreement sent for signature by its official
    call_command("load_demo", stdout=io.StringIO())
    agreement = demo_agreement(JARFALLA)
    version = agreement_send_for_signature(
        agreement=agreement, user=User.objects.get(username="jarfalla")
    )
    signatories = list(agreement.signatories.select_related("party"))
    assert len(signatories) == 3
    assert sum(s.party.is_municipality for s in signatories) == 2
    # WHEN an administrator registers the three paper signatures
    admin = User.objects.get(username="admin")
    with django_capture_on_commit_callbacks(execute=True):
        for signatory in signatories:
            signature_register_paper(
                version=version,
                signatory=signatory,
                user=admin,
                # Version 2 was sent today: a paper signature cannot be older.
                signed_on=timezone.localdate(),
            )
    # THEN the agreement is in force and its signed PDF says what the paper one said
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.IN_FORCE
    document = SignedDocument.objects.get(version=version)
    assert document.status == SignedDocument.Status.READY, document.error
    data = document.file.open("rb").read()
    pages = len(pypdf.PdfReader(io.BytesIO(data)).pages)
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    assert f"Sida 1 ({pages})" in text
    assert "Af-2022/0116 1568" in text
    for number, _field, heading in SECTIONS:
        assert f"{number}. {heading}" in text
    for signatory in signatories:
        assert signatory.name in text and signatory.title in text
    # AND section 4 shows the goals' indicators in words, from the frozen snapshot
    assert "Arbetslösheten ska minska" in text
    assert "Riktning" in text and "Utgångsvärde" in text
    assert "decrease" not in text and "increase" not in text and "half_yearly" not in text
    assert "Indikatorer för" not in text  # the tables' screen-reader captions stay off paper


def test_demo_jarfalla_version_1_is_dated_as_sent_and_signed_in_december_2022(
    client, django_capture_on_commit_callbacks
):
    # GIVEN the demo, loaded with its signed PDFs made
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())
    agreement = demo_agreement(JARFALLA)
    version = agreement.version_in_force
    # THEN version 1 was sent when it really was, and signed on paper on 2022-12-12
    assert timezone.localdate(version.created_at) == datetime.date(2022, 12, 12)
    assert {s.signed_on for s in version.signatures.all()} == {datetime.date(2022, 12, 12)}
    document = SignedDocument.objects.get(version=version)
    assert document.status == SignedDocument.Status.READY, document.error
    assert document.signed_on == datetime.date(2022, 12, 12)
    # AND its sealed PDF says so, and carries Järfälla's own target-group heading
    data = document.file.open("rb").read()
    text = " ".join(
        subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
        .stdout.decode()
        .split()
    )
    assert "undertecknad av samtliga undertecknare 2022-12-12" in text
    assert "Unga som varken arbetar eller studerar" in text
    assert "Unga 16–24 som varken arbetar eller studerar" not in text
    # AND the verification page says the same date
    page = client.get(f"/verifiera/{document.verification_code}/").content.decode()
    assert "2022-12-12" in page


def test_demo_nordost_agreement_is_in_force_by_a_paper_signed_version_without_names(
    client, django_capture_on_commit_callbacks
):
    # GIVEN the demo
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())
    agreement = demo_agreement(NORDOST)
    # THEN the nordost agreement is in force through a version signed on paper by every party
    assert agreement.status == Agreement.Status.IN_FORCE
    version = agreement.version_in_force
    signatures = list(version.signatures.all())
    assert len(signatures) == 7
    assert {s.method for s in signatures} == {"paper"}
    assert {s.name for s in signatures} == {""}  # the seeds name no one
    # AND it is in the public register, shown without invented names
    register = client.get("/register/")
    assert agreement.pk in [a.pk for a in register.context["page"]]
    detail = client.get(f"/register/{agreement.pk}/").content.decode()
    assert "Namn saknas i underlaget" in detail
    # AND in the administrator's export
    client.force_login(User.objects.get(username="admin"))
    response = client.get("/overenskommelser/export/undertecknade.zip")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    manifest = archive.read("manifest.csv").decode("utf-8-sig")
    assert "nordostkommunerna" in manifest
    assert len([n for n in archive.namelist() if n.endswith(".pdf")]) == 2
