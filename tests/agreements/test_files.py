"""Stored files are handed out only by views that check access, never from /media/."""

import csv
import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import Resolver404, resolve, reverse

from agreements.models import Agreement, Appendix, Signature, SignedDocument
from samverkan.files import is_generated_name, rename_to_generated

from .factories import signed_agreement_with_fake_pdf

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n% bilaga\n"


@pytest.fixture
def appendix(world):
    appendix = Appendix.objects.create(agreement=world.agreement, number=2, title="Jobbspår")
    appendix.file.save("Jobbspår Österåker 2023.pdf", ContentFile(PDF))
    return appendix


def assert_private_download(response, content):
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "no-store"
    assert b"".join(response.streaming_content) == content


def test_appendix_file_is_stored_under_a_generated_name(appendix):
    assert is_generated_name(appendix.file.name)
    assert appendix.file.name.startswith("appendices/")
    assert "Jobbsp" not in appendix.file.name


def test_appendix_file_only_to_those_who_see_the_agreement(client, world, appendix):
    # GIVEN an appendix with a file; its link on the agreement page is the access-checked view
    url = reverse("agreements:appendix_file", args=[world.agreement.pk, appendix.pk])
    assert appendix.file.url == url
    client.force_login(world.official)
    page = client.get(reverse("agreements:detail", args=[world.agreement.pk]))
    assert f'href="{url}"' in page.content.decode()
    assert "/media/" not in page.content.decode()
    # WHEN a party's official downloads it THEN it is an attachment no cache keeps
    assert_private_download(client.get(url), PDF)
    # … an outsider gets 404, also through another agreement's address
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404
    other = reverse("agreements:appendix_file", args=[world.other_agreement.pk, appendix.pk])
    assert client.get(other).status_code == 404
    # … and an anonymous visitor is sent to log in
    client.logout()
    assert client.get(url).status_code == 302


def test_no_media_url_answers(client, world, appendix):
    # Not even for an administrator, in development (DEBUG) or production alike.
    client.force_login(world.admin)
    for path in (f"/media/{appendix.file.name}", "/media/", "/media/appendices/"):
        with pytest.raises(Resolver404):
            resolve(path)
        assert client.get(path).status_code == 404


def test_paper_signature_scan_only_to_those_who_see_the_agreement(client, world):
    agreement = signed_agreement_with_fake_pdf([world.municipality, world.af])
    signature = Signature.objects.get(version__agreement=agreement)
    signature.scan.save("underskrift.pdf", ContentFile(b"%PDF-1.7\n% scan\n"))
    assert is_generated_name(signature.scan.name)
    url = reverse("agreements:signature_scan", args=[agreement.pk, signature.pk])
    assert signature.scan.url == url
    client.force_login(world.section_chief)
    assert_private_download(client.get(url), b"%PDF-1.7\n% scan\n")
    page = client.get(reverse("agreements:version_detail", args=[agreement.pk, 1]))
    assert f'href="{url}"' in page.content.decode()
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404


def test_signed_pdfs_are_not_cached_and_register_serves_only_agreements_in_force(client, world):
    agreement = signed_agreement_with_fake_pdf([world.municipality, world.af])
    document = agreement.version_in_force.signed_document
    assert is_generated_name(document.file.name)
    client.force_login(world.official)
    inside = client.get(reverse("agreements:signed_pdf", args=[agreement.pk, 1]))
    assert_private_download(inside, b"%PDF-1.7\n% test\n")
    client.logout()
    public = client.get(reverse("public:register_pdf", args=[agreement.pk]))
    assert_private_download(public, b"%PDF-1.7\n% test\n")
    # WHEN the agreement ends THEN its signed PDF is no longer public, though parties keep it
    Agreement.objects.filter(pk=agreement.pk).update(status=Agreement.Status.ENDED)
    assert client.get(reverse("public:register_pdf", args=[agreement.pk])).status_code == 404
    client.force_login(world.official)
    assert client.get(reverse("agreements:signed_pdf", args=[agreement.pk, 1])).status_code == 200


def test_files_stored_under_old_names_are_moved_with_their_bytes(world, appendix):
    # GIVEN files stored before names were generated
    old_name = default_storage.save("appendices/2023/bilaga-2.pdf", ContentFile(PDF))
    Appendix.objects.filter(pk=appendix.pk).update(file=old_name)
    agreement = signed_agreement_with_fake_pdf([world.municipality, world.af])
    document = agreement.version_in_force.signed_document
    old_pdf = default_storage.save("signed/2025/overenskommelse-1-v1.pdf", ContentFile(b"%PDF-x"))
    SignedDocument.objects.filter(pk=document.pk).update(file=old_pdf)
    # WHEN the migration's rename runs (twice: it is idempotent)
    assert len(rename_to_generated(Appendix, "file", "appendices")) == 1
    assert len(rename_to_generated(SignedDocument, "file", "signed")) == 1
    assert rename_to_generated(Appendix, "file", "appendices") == {}
    # THEN rows point at generated names holding the same bytes, and the old files are gone
    appendix.refresh_from_db()
    document.refresh_from_db()
    assert is_generated_name(appendix.file.name) and is_generated_name(document.file.name)
    assert appendix.file.read() == PDF
    assert document.file.read() == b"%PDF-x"
    assert not default_storage.exists(old_name)
    assert not default_storage.exists(old_pdf)


def test_zip_manifest_neutralises_formulas(client, world):
    # GIVEN a signed agreement whose signatory's name begins like a formula
    agreement = signed_agreement_with_fake_pdf([world.municipality, world.af])
    Signature.objects.filter(version__agreement=agreement).update(name="=cmd|' /C calc'!A0")
    # WHEN an administrator exports the ZIP
    client.force_login(world.admin)
    response = client.get(reverse("agreements:export_zip"))
    assert response["Cache-Control"] == "no-store"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig"))))
    # THEN the manifest (read with the csv module) holds the text, not a formula
    assert rows[0]["signatures"].startswith("'=cmd|' /C calc'!A0")
    assert not [v for row in rows for v in row.values() if v[:1] in ("=", "+", "-", "@")]
