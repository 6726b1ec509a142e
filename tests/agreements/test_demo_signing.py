"""The Järfälla demo agreement, from seed 004, signed by its three signatories."""

import datetime
import io
import subprocess

import pypdf
import pytest
from django.core.management import call_command

from agreements.demo import JARFALLA, demo_agreement
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
                signed_on=datetime.date(2023, 1, 20),
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
