"""Section 5's groups in a frozen version and its signed PDF, from the groups' snapshot."""

import subprocess
from unittest import mock

import pytest

from agreements import signing
from agreements.signing.pdf import render_unsealed_pdf
from samverkan.seal import make_self_signed_pkcs12
from tests.agreements.factories import Jarfalla
from tests.meetings.factories import GroupFactory, GroupMemberFactory

pytestmark = pytest.mark.django_db


def test_groups_are_frozen_and_printed_in_section_5(
    settings, tmp_path, client, django_capture_on_commit_callbacks
):
    path = tmp_path / "seal.p12"
    make_self_signed_pkcs12(path, "t", "Test")
    settings.SIGNING_CERT_PATH, settings.SIGNING_CERT_PASSWORD = str(path), "t"
    # GIVEN the Järfälla agreement with its steering group
    jarfalla = Jarfalla()
    group = GroupFactory(agreement=jarfalla.agreement, name="Styrgrupp", convener=jarfalla.af)
    GroupMemberFactory(group=group, role_title="Enhetschef", organisation_name="Af")
    # WHEN it is sent and signed, and the group is renamed afterwards
    version = jarfalla.send()
    with (
        mock.patch.object(signing.services, "signed_document_enqueue"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        document = jarfalla.sign_all(version)
    group.name = "Omdöpt styrgrupp"
    group.save()
    # THEN the version page and the PDF show the group as it was signed, in plain words
    client.force_login(jarfalla.official)
    page = client.get(version.get_absolute_url()).content.decode()
    assert "Styrgrupp" in page and "Omdöpt" not in page and "tier_label" not in page
    text = subprocess.run(
        ["pdftotext", "-", "-"],
        input=render_unsealed_pdf(document),
        capture_output=True,
        check=True,
    ).stdout.decode()
    section5 = text[text.index("5. Organisering") : text.index("6. Genomförande")]
    assert "Styrgrupp" in section5 and "Gruppen träffas" in section5
    assert "Enhetschef, Af" in section5
    assert "Omdöpt" not in text
