"""Signing: freezing, portal and paper signatures, concurrency, the signed PDF task."""

import datetime
import threading
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from agreements import signing
from agreements.models import Agreement, Signature, SignedDocument
from agreements.signing import (
    SigningError,
    agreement_send_for_signature,
    agreement_sign,
    agreement_start_revision,
    signature_register_paper,
)
from agreements.signing.signed_pdf import signed_document_make
from agreements.tasks import make_signed_document
from tests.agreements.factories import Jarfalla
from tests.factories import DEMO_PASSWORD, AdminFactory

# A version recorded as sent before the portal: paper signatures from then on are accepted.
SENT_DECEMBER_2022 = datetime.datetime(2022, 12, 1, 10, 0, tzinfo=datetime.UTC)

pytestmark = pytest.mark.django_db


def test_sending_freezes_a_version_for_signature(jarfalla):
    version = jarfalla.send()
    jarfalla.agreement.refresh_from_db()
    assert jarfalla.agreement.status == Agreement.Status.FOR_SIGNATURE
    assert jarfalla.agreement.pending_version == version
    assert version.number == 1 and version.created_by == jarfalla.official


def test_sending_needs_a_signatory_for_every_party(jarfalla):
    jarfalla.sign_jan.delete()
    with pytest.raises(SigningError, match="Arbetsförmedlingen Stockholm Nordväst"):
        jarfalla.send()
    jarfalla.agreement.refresh_from_db()
    assert jarfalla.agreement.status == Agreement.Status.DRAFT
    assert not jarfalla.agreement.versions.exists()


def test_outsider_cannot_send(jarfalla, world):
    with pytest.raises(PermissionDenied):
        agreement_send_for_signature(agreement=jarfalla.agreement, user=world.outsider)


def test_wrong_password_records_nothing(jarfalla):
    version = jarfalla.send()
    with pytest.raises(SigningError) as excinfo:
        agreement_sign(
            version=version, signatory=jarfalla.sign_jan, user=jarfalla.jan, password="fel"
        )
    assert "Lösenordet stämmer inte" in str(excinfo.value.message_dict["password"])
    assert not Signature.objects.exists()


def test_only_the_signatory_themself_signs(jarfalla):
    version = jarfalla.send()
    with pytest.raises(PermissionDenied):
        agreement_sign(
            version=version,
            signatory=jarfalla.sign_jan,
            user=jarfalla.carina,
            password=DEMO_PASSWORD,
        )


def test_signing_twice_is_refused(jarfalla):
    version = jarfalla.send()
    agreement_sign(
        version=version, signatory=jarfalla.sign_jan, user=jarfalla.jan, password=DEMO_PASSWORD
    )
    with pytest.raises(SigningError, match="redan skrivit under"):
        agreement_sign(
            version=version,
            signatory=jarfalla.sign_jan,
            user=jarfalla.jan,
            password=DEMO_PASSWORD,
        )
    assert Signature.objects.count() == 1


def test_signing_an_outdated_version_is_impossible(jarfalla):
    # GIVEN version 1 out for signature, signed by Jan
    v1 = jarfalla.send()
    agreement_sign(
        version=v1, signatory=jarfalla.sign_jan, user=jarfalla.jan, password=DEMO_PASSWORD
    )
    # WHEN the agreement is taken back for changes and sent again as version 2
    agreement_start_revision(agreement=jarfalla.agreement, user=jarfalla.official)
    v2 = jarfalla.send()
    # THEN nobody can sign version 1 any more
    with pytest.raises(SigningError, match="kan inte längre skrivas under"):
        agreement_sign(
            version=v1,
            signatory=jarfalla.sign_carina,
            user=jarfalla.carina,
            password=DEMO_PASSWORD,
        )
    # AND Jan's signature on version 1 does not count for version 2
    assert not v2.signatures.exists()


def test_all_signatures_put_the_agreement_in_force_and_enqueue_the_pdf(
    jarfalla, django_capture_on_commit_callbacks
):
    version = jarfalla.send()
    with (
        mock.patch("agreements.tasks.make_signed_document.apply_async") as publish,
        django_capture_on_commit_callbacks(execute=True),
    ):
        for signatory, user in jarfalla.signatories[:2]:
            agreement_sign(version=version, signatory=signatory, user=user, password=DEMO_PASSWORD)
        jarfalla.agreement.refresh_from_db()
        assert jarfalla.agreement.status == Agreement.Status.FOR_SIGNATURE
        assert not SignedDocument.objects.exists()
        agreement_sign(
            version=version,
            signatory=jarfalla.sign_jenny,
            user=jarfalla.jenny,
            password=DEMO_PASSWORD,
        )
    jarfalla.agreement.refresh_from_db()
    assert jarfalla.agreement.status == Agreement.Status.IN_FORCE
    assert jarfalla.agreement.version_in_force == version
    assert jarfalla.agreement.pending_version is None
    document = SignedDocument.objects.get(version=version)
    assert document.status == SignedDocument.Status.WAITING
    publish.assert_called_once_with(args=(document.pk,), kwargs={})


@pytest.mark.django_db(transaction=True)
def test_two_signatories_signing_at_the_same_moment_are_both_recorded():
    # GIVEN Jan has signed, and Carina and Jenny sign at the same moment in two requests
    jarfalla = Jarfalla()
    version = jarfalla.send()
    agreement_sign(
        version=version, signatory=jarfalla.sign_jan, user=jarfalla.jan, password=DEMO_PASSWORD
    )
    barrier = threading.Barrier(2)
    errors = []

    def sign(signatory, user):
        try:
            barrier.wait()
            agreement_sign(version=version, signatory=signatory, user=user, password=DEMO_PASSWORD)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    with mock.patch.object(signing.services, "signed_document_enqueue") as enqueue:
        threads = [
            threading.Thread(target=sign, args=(jarfalla.sign_carina, jarfalla.carina)),
            threading.Thread(target=sign, args=(jarfalla.sign_jenny, jarfalla.jenny)),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    # THEN both are recorded, the agreement is in force and one PDF job exists
    assert errors == []
    assert version.signatures.count() == 3
    agreement = Agreement.objects.get(pk=jarfalla.agreement.pk)
    assert agreement.status == Agreement.Status.IN_FORCE
    assert SignedDocument.objects.filter(version=version).count() == 1
    enqueue.assert_called_once()


def test_admin_registers_a_paper_signature_with_scan(jarfalla):
    admin = AdminFactory(username="admin-paper")
    version = jarfalla.send(sent_at=SENT_DECEMBER_2022)
    scan = SimpleUploadedFile("scan.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
    signature = signature_register_paper(
        version=version,
        signatory=jarfalla.sign_jan,
        user=admin,
        signed_on=datetime.date(2022, 12, 20),
        scan=scan,
    )
    assert signature.method == Signature.Method.PAPER
    assert signature.signed_on == datetime.date(2022, 12, 20)
    assert signature.scan.read().startswith(b"%PDF")
    assert signature.name == "Jan Karlsson" and signature.party_name.startswith("Arbets")


def test_only_admins_register_paper_signatures(jarfalla):
    version = jarfalla.send()
    with pytest.raises(PermissionDenied):
        signature_register_paper(
            version=version,
            signatory=jarfalla.sign_jan,
            user=jarfalla.official,
            signed_on=datetime.date(2022, 12, 20),
        )


def test_paper_signature_in_the_future_is_refused(jarfalla):
    admin = AdminFactory(username="admin-future")
    version = jarfalla.send()
    with pytest.raises(SigningError):
        signature_register_paper(
            version=version,
            signatory=jarfalla.sign_jan,
            user=admin,
            signed_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    assert not Signature.objects.exists()


def test_revision_keeps_the_version_in_force_until_the_next_is_signed(
    jarfalla, django_capture_on_commit_callbacks
):
    v1 = jarfalla.send()
    with mock.patch.object(signing.services, "signed_document_enqueue"):
        with django_capture_on_commit_callbacks(execute=True):
            jarfalla.sign_all(v1)
        agreement_start_revision(agreement=jarfalla.agreement, user=jarfalla.official)
        v2 = jarfalla.send()
        jarfalla.agreement.refresh_from_db()
        assert jarfalla.agreement.version_in_force == v1
        with django_capture_on_commit_callbacks(execute=True):
            jarfalla.sign_all(v2)
    jarfalla.agreement.refresh_from_db()
    assert jarfalla.agreement.version_in_force == v2
    assert jarfalla.agreement.status == Agreement.Status.IN_FORCE


# --- The views --------------------------------------------------------------------------


def test_sign_page_wrong_password_shows_error_at_the_field(client, jarfalla):
    version = jarfalla.send()
    client.force_login(jarfalla.carina)
    url = f"/overenskommelser/{jarfalla.agreement.pk}/underteckna/"
    response = client.get(url)
    assert response.status_code == 200 and response.context["form"] is not None
    response = client.post(
        url,
        {
            "signatory": jarfalla.sign_carina.pk,
            "password": "fel",
            "confirm": "on",
            "content_hash": version.content_hash,
        },
    )
    assert response.status_code == 200
    assert "Lösenordet stämmer inte" in str(response.context["form"].errors["password"])
    assert not version.signatures.exists()


def test_sign_page_signs(client, jarfalla):
    version = jarfalla.send()
    client.force_login(jarfalla.carina)
    url = f"/overenskommelser/{jarfalla.agreement.pk}/underteckna/"
    response = client.post(
        url,
        {
            "signatory": jarfalla.sign_carina.pk,
            "password": DEMO_PASSWORD,
            "confirm": "on",
            "content_hash": version.content_hash,
        },
    )
    assert response.status_code == 302
    signature = version.signatures.get()
    assert signature.method == Signature.Method.PORTAL and signature.recorded_by == jarfalla.carina


def test_sign_page_refuses_when_another_version_was_sent_meanwhile(client, jarfalla):
    # GIVEN Carina opened the signing page for version 1
    v1 = jarfalla.send()
    client.force_login(jarfalla.carina)
    url = f"/overenskommelser/{jarfalla.agreement.pk}/underteckna/"
    client.get(url)
    # WHEN version 1 is withdrawn and a changed version 2 is sent before she submits
    agreement_start_revision(agreement=jarfalla.agreement, user=jarfalla.official)
    jarfalla.agreement.text_followup = "Ändrad text."
    jarfalla.agreement.save()
    v2 = jarfalla.send()
    response = client.post(
        url,
        {
            "signatory": jarfalla.sign_carina.pk,
            "password": DEMO_PASSWORD,
            "confirm": "on",
            "content_hash": v1.content_hash,
        },
    )
    # THEN nothing is signed and she is told to read the new version
    assert response.status_code == 200
    assert "ny version" in str(response.context["form"].non_field_errors())
    assert not Signature.objects.filter(version__in=[v1, v2]).exists()


def test_sign_page_offers_no_form_to_others(client, jarfalla):
    jarfalla.send()
    client.force_login(jarfalla.official)
    url = f"/overenskommelser/{jarfalla.agreement.pk}/underteckna/"
    assert client.get(url).context["form"] is None
    assert client.post(url, {"signatory": jarfalla.sign_carina.pk}).status_code == 403


def test_sign_page_explains_who_registers_paper_signatures(client, jarfalla):
    # GIVEN Jenny signs on paper (no account linked) and the version is out for signature
    jarfalla.sign_jenny.user = None
    jarfalla.sign_jenny.save()
    jarfalla.signatories = jarfalla.signatories[:2]
    jarfalla.send()
    url = f"/overenskommelser/{jarfalla.agreement.pk}/underteckna/"
    # WHEN an official of a party opens the signing page
    client.force_login(jarfalla.official)
    page = client.get(url).content.decode()
    # THEN her row says she signs on paper, and the page says who records it
    assert "skriver under på papper" in page
    assert "förs in i portalen av en administratör" in page
    assert "Läs version 1" in page
    # AND an administrator gets the link to record it instead of the explanation
    client.force_login(AdminFactory(username="admin-paper"))
    page = client.get(url).content.decode()
    assert "Registrera en underskrift på papper" in page
    assert "förs in i portalen av en administratör" not in page


def test_sign_page_without_paper_signatories_has_no_paper_note(client, jarfalla):
    jarfalla.send()
    client.force_login(jarfalla.official)
    page = client.get(f"/overenskommelser/{jarfalla.agreement.pk}/underteckna/").content.decode()
    assert "förs in i portalen av en administratör" not in page


def test_paper_page_for_admin(client, jarfalla):
    admin = AdminFactory(username="admin-view")
    version = jarfalla.send(sent_at=SENT_DECEMBER_2022)
    client.force_login(admin)
    url = f"/overenskommelser/{jarfalla.agreement.pk}/underteckna/papper/"
    sent = {"signatory": jarfalla.sign_jan.pk, "content_hash": version.content_hash}
    response = client.post(url, {**sent, "signed_on": "2099-01-01"})
    assert response.status_code == 200
    assert "framtiden" in str(response.context["form"].errors["signed_on"])
    response = client.post(url, {**sent, "signed_on": "2022-12-20"})
    assert response.status_code == 302
    assert version.signatures.get().method == Signature.Method.PAPER


def test_send_and_revise_through_the_pages(client, jarfalla):
    client.force_login(jarfalla.official)
    pk = jarfalla.agreement.pk
    assert client.get(f"/overenskommelser/{pk}/skicka-for-underskrift/").status_code == 200
    response = client.post(f"/overenskommelser/{pk}/skicka-for-underskrift/")
    assert response.status_code == 302
    jarfalla.agreement.refresh_from_db()
    assert jarfalla.agreement.status == Agreement.Status.FOR_SIGNATURE
    response = client.post(f"/overenskommelser/{pk}/revidera/")
    assert response.status_code == 302
    jarfalla.agreement.refresh_from_db()
    assert jarfalla.agreement.status == Agreement.Status.DRAFT


def test_detail_page_shows_the_signing_panel(client, jarfalla):
    jarfalla.send()
    client.force_login(jarfalla.jenny)
    response = client.get(jarfalla.agreement.get_absolute_url())
    assert "0 av 3 har skrivit under" in response.content.decode()
    assert "Skriv under" in response.content.decode()


# --- The task -----------------------------------------------------------------------------


@pytest.fixture
def waiting_document(jarfalla, django_capture_on_commit_callbacks):
    version = jarfalla.send()
    with (
        mock.patch.object(signing.services, "signed_document_enqueue"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        jarfalla.sign_all(version)
    return SignedDocument.objects.get(version=version)


def test_task_makes_the_pdf_once(waiting_document):
    assert make_signed_document(waiting_document.pk) == "ready"
    waiting_document.refresh_from_db()
    first = waiting_document.file.read()
    assert first.startswith(b"%PDF") and waiting_document.sha256
    with mock.patch("agreements.signing.pdf.render_signed_pdf") as render:
        assert make_signed_document(waiting_document.pk) == "ready"
    render.assert_not_called()
    waiting_document.refresh_from_db()
    assert waiting_document.file.read() == first


def test_task_for_a_missing_row_returns_quietly(db):
    assert make_signed_document(999999) is None


def test_task_failure_is_recorded_and_can_be_retried(waiting_document):
    with mock.patch("agreements.signing.pdf.render_signed_pdf", side_effect=OSError("disk full")):
        assert make_signed_document(waiting_document.pk) == "failed"
    waiting_document.refresh_from_db()
    assert waiting_document.status == SignedDocument.Status.FAILED
    assert "disk full" in waiting_document.error
    assert not waiting_document.file
    document = signed_document_make(document_id=waiting_document.pk)
    assert document.status == SignedDocument.Status.READY and document.error == ""


def test_wrong_signing_passwords_lock_signing_like_failed_logins(client, jarfalla, settings):
    # GIVEN django-axes with a limit of three failures
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    version = jarfalla.send()
    client.force_login(jarfalla.carina)
    url = f"/overenskommelser/{jarfalla.agreement.pk}/underteckna/"

    def attempt(password):
        return client.post(
            url,
            {
                "signatory": jarfalla.sign_carina.pk,
                "password": password,
                "confirm": "on",
                "content_hash": version.content_hash,
            },
        )

    # WHEN the password is guessed wrong three times
    for _ in range(2):
        assert "Lösenordet stämmer inte" in attempt("fel").content.decode()
    locked = attempt("fel")
    assert locked.status_code == 429
    assert "För många misslyckade försök" in locked.content.decode()
    # THEN even the right password is refused for now, with a clear message, and nothing signed
    response = attempt(DEMO_PASSWORD)
    assert response.status_code == 200
    assert "För många felaktiga lösenord" in str(response.context["form"].errors["password"])
    assert not version.signatures.exists()
