"""Export of signed PDFs (one, and all as a streamed ZIP), the public register and the
verification page."""

import csv
import hashlib
import io
import tracemalloc
import zipfile
from unittest import mock

import pytest
from django.core.files.base import ContentFile

from agreements import signing
from agreements.export import export_queryset, stream_zip
from agreements.models import Agreement, SignedDocument
from agreements.signing import agreement_start_revision
from tests.agreements.factories import signed_agreement_with_fake_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(jarfalla, django_capture_on_commit_callbacks):
    version = jarfalla.send()
    with django_capture_on_commit_callbacks(execute=True):
        document = jarfalla.sign_all(version)
    document.refresh_from_db()
    return document


def read_zip(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_admin_downloads_all_signed_pdfs_as_zip_with_manifest(signed, world, client):
    other = signed_agreement_with_fake_pdf([world.municipality, world.af])
    client.force_login(world.admin)
    response = client.get("/overenskommelser/export/undertecknade.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = read_zip(response)
    assert archive.testzip() is None
    names = archive.namelist()
    assert names[0] == "manifest.csv" and len(names) == 3
    rows = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig"))))
    by_id = {int(row["agreement_id"]): row for row in rows}
    row = by_id[signed.version.agreement_id]
    assert row["diarienummer"] == "Af-2022/0116 1568"
    assert row["version"] == "1"
    assert "Järfälla kommun" in row["parties"]
    assert "Arbetsförmedlingen Stockholm Nordväst" in row["parties"]
    assert "Jenny Wilhelmsson (Järfälla kommun)" in row["signatures"]
    assert row["sha256"] == signed.sha256
    assert hashlib.sha256(archive.read(row["file"])).hexdigest() == signed.sha256
    assert int(by_id[other.pk]["version"]) == 1


def test_zip_filters(signed, world, client):
    signed_agreement_with_fake_pdf([world.municipality, world.af])
    client.force_login(world.admin)

    def files(**params):
        response = client.get("/overenskommelser/export/undertecknade.zip", params)
        return [n for n in read_zip(response).namelist() if n != "manifest.csv"]

    jarfalla = signed.version.agreement.parties.get(kind="kommun")
    assert len(files()) == 2
    assert len(files(municipality=jarfalla.pk)) == 1
    assert len(files(municipality=world.municipality.pk)) == 1
    assert len(files(year=signed.signed_at.year)) == 2
    assert files(year=2001) == []
    assert len(files(status="in_force")) == 2
    assert files(status="draft") == []


def test_zip_filter_errors_are_shown(world, client):
    client.force_login(world.admin)
    response = client.get("/overenskommelser/export/undertecknade.zip", {"year": "tjugo"})
    assert response.status_code == 400
    assert "fyra siffror" in response.content.decode()


def test_export_page_offers_no_empty_zip_and_says_why(world, client):
    # GIVEN no signed PDFs at all
    client.force_login(world.admin)
    # WHEN the administrator opens the export page
    page = client.get("/overenskommelser/export/").content.decode()
    # THEN there is no download button for an empty ZIP, and the page says why
    assert "0 undertecknade PDF:er i urvalet." in page
    assert "Hämta ZIP-fil" not in page
    assert "Det finns inget att hämta." in page


def test_export_page_offers_the_zip_when_there_are_signed_pdfs(signed, world, client):
    client.force_login(world.admin)
    page = client.get("/overenskommelser/export/").content.decode()
    assert "1 undertecknad PDF i urvalet." in page
    assert "Hämta ZIP-fil" in page


@pytest.mark.parametrize("role", ["official", "section_chief", "outsider"])
def test_export_is_for_administrators_only(world, client, role):
    client.force_login(world.users()[role])
    assert client.get("/overenskommelser/export/undertecknade.zip").status_code == 404
    assert client.get("/overenskommelser/export/").status_code == 404


def _peak_bytes(documents) -> int:
    tracemalloc.start()
    tracemalloc.reset_peak()
    for _chunk in stream_zip(documents):
        pass
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def test_zip_memory_does_not_grow_with_the_pdfs(world):
    """Twenty and two hundred 256 KB PDFs: the archive is never held in memory."""
    template = signed_agreement_with_fake_pdf([world.municipality, world.af])
    document = SignedDocument.objects.get(version=template.version_in_force)
    big = b"%PDF-1.7\n" + bytes(256 * 1024)
    document.file.save("big.pdf", ContentFile(big), save=False)
    SignedDocument.objects.filter(pk=document.pk).update(
        file=document.file.name, sha256=hashlib.sha256(big).hexdigest()
    )
    for _ in range(199):
        clone = signed_agreement_with_fake_pdf([world.municipality, world.af])
        SignedDocument.objects.filter(version=clone.version_in_force).update(
            file=document.file.name
        )
    ids = list(export_queryset().values_list("pk", flat=True))
    small = _peak_bytes(export_queryset().filter(pk__in=ids[:20]))
    large = _peak_bytes(export_queryset())
    # 200 x 256 KB = 50 MB streamed; peak memory stays around a megabyte. What grows with
    # the count is only the ZIP's central directory (a ZipInfo per entry, written last) and
    # row state: a few KB per file, never the PDFs themselves.
    assert large < 2.5 * 1024 * 1024
    assert (large - small) / 180 < 4 * 1024


# --- One signed PDF, the public register, verification ------------------------------------


def test_signed_pdf_download_follows_access(signed, client, world, jarfalla):
    url = f"/overenskommelser/{jarfalla.agreement.pk}/versioner/1/pdf/"
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404
    client.force_login(world.admin)
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Content-SHA256"] == signed.sha256


def test_public_register_lists_agreements_in_force_only(signed, client, world):
    draft = world.agreement
    response = client.get("/register/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Järfälla kommun och Arbetsförmedlingen" in page
    assert draft.title not in page
    pk = signed.version.agreement_id
    assert client.get(f"/register/{draft.pk}/").status_code == 404
    assert client.get(f"/register/{draft.pk}/overenskommelse.pdf").status_code == 404
    response = client.get(f"/register/{pk}/")
    assert response.status_code == 200
    assert signed.sha256 in response.content.decode()
    response = client.get(f"/register/{pk}/overenskommelse.pdf")
    assert response.status_code == 200
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == signed.sha256


def test_public_register_shows_the_version_in_force_not_the_draft(signed, client, jarfalla):
    agreement_start_revision(agreement=jarfalla.agreement, user=jarfalla.official)
    Agreement.objects.filter(pk=jarfalla.agreement.pk).update(
        title="HEMLIG NY TITEL", text_purpose="HEMLIGT UTKAST under arbete"
    )
    listing = client.get("/register/").content.decode()
    assert "HEMLIG" not in listing and "Järfälla kommun och Arbetsförmedlingen" in listing
    response = client.get(f"/register/{jarfalla.agreement.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "HEMLIGT UTKAST" not in page
    assert "Att genom samverkan påskynda" in page


def test_empty_public_register_says_it_is_empty_not_that_a_search_failed(client, world):
    # GIVEN no agreement signed by all parties
    # WHEN a visitor opens the register without searching
    page = client.get("/register/").content.decode()
    # THEN the register says it is empty
    assert "Registret är tomt" in page
    assert "matchar sökningen" not in page
    # AND a search without hits says that instead
    page = client.get("/register/", {"q": "Järfälla"}).content.decode()
    assert "Inga överenskommelser matchar sökningen." in page


def test_public_register_can_be_switched_off(signed, client, settings):
    settings.PUBLIC_REGISTER = False
    assert client.get("/register/").status_code == 404
    assert client.get(f"/register/{signed.version.agreement_id}/").status_code == 404


def test_verification_page_by_code(signed, client):
    response = client.get("/verifiera/", {"kod": signed.verification_code.lower()})
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 200
    page = response.content.decode()
    assert "Af-2022/0116 1568" in page
    assert signed.sha256 in page and signed.version.content_hash in page
    for name in ("Jan Karlsson", "Carina Karlsson", "Jenny Wilhelmsson"):
        assert name in page
    assert "stämmer" in page


def test_verification_with_unknown_code(client, db):
    response = client.get("/verifiera/", {"kod": "AAAA-BBBB-CCCC"})
    assert response.status_code == 404
    assert "Ingen undertecknad PDF har den kontrollkoden" in response.content.decode()
    assert client.get("/verifiera/AAAA-BBBB-CCCC/").status_code == 404


def test_detail_page_shows_sha256_of_the_signed_pdf(signed, client, jarfalla):
    client.force_login(jarfalla.official)
    page = client.get(jarfalla.agreement.get_absolute_url()).content.decode()
    assert signed.sha256 in page and signed.verification_code in page


def test_retry_of_a_failed_pdf_is_for_admins(world, client, django_capture_on_commit_callbacks):
    agreement = signed_agreement_with_fake_pdf([world.municipality, world.af])
    SignedDocument.objects.filter(version=agreement.version_in_force).update(
        status=SignedDocument.Status.FAILED, file="", sha256=""
    )
    url = f"/overenskommelser/{agreement.pk}/versioner/1/pdf/forsok-igen/"
    client.force_login(world.official)
    assert client.post(url).status_code == 404
    client.force_login(world.admin)
    with (
        mock.patch.object(signing.services, "signed_document_enqueue") as enqueue,
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert client.post(url).status_code == 302
    enqueue.assert_called_once()


@pytest.mark.parametrize("count", [2, 12])
def test_public_register_queries_do_not_grow(world, client, django_assert_max_num_queries, count):
    for _ in range(count):
        signed_agreement_with_fake_pdf([world.municipality, world.af])
    with django_assert_max_num_queries(4):
        response = client.get("/register/")
    assert response.context["page"].paginator.count == count
