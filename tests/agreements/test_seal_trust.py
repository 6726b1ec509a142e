"""Replacing the seal certificate keeps every archived signed PDF verifiable."""

from datetime import UTC, datetime

import pytest

from agreements import signing  # noqa: F401 - the signing life cycle used by the fixture
from agreements.models import SignedDocument
from agreements.signing.pdf import render_unsealed_pdf
from agreements.signing.verification import verify_pdf_bytes
from samverkan.models import SealCertificate
from samverkan.seal import check_seal, load_signer, make_self_signed_pkcs12, seal_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(jarfalla, django_capture_on_commit_callbacks):
    version = jarfalla.send()
    with django_capture_on_commit_callbacks(execute=True):
        document = jarfalla.sign_all(version)
    document.refresh_from_db()
    assert document.status == SignedDocument.Status.READY, document.error
    return document


def stored(document) -> bytes:
    with document.file.open("rb") as f:
        return f.read()


@pytest.fixture
def certificate_b(tmp_path):
    path = tmp_path / "seal-b.p12"
    make_self_signed_pkcs12(path, "b", "Samverkansportalen nytt sigill")
    return path


def test_sealing_records_the_public_certificate(signed):
    [record] = SealCertificate.objects.all()
    assert record.fingerprint == load_signer().signing_cert.sha256.hex()
    assert record.pem.startswith("-----BEGIN CERTIFICATE-----")
    assert "PRIVATE" not in record.pem


def test_old_pdf_verifies_after_the_certificate_is_replaced(signed, settings, certificate_b):
    data = stored(signed)
    settings.SIGNING_CERT_PATH, settings.SIGNING_CERT_PASSWORD = str(certificate_b), "b"
    assert check_seal(data).ok
    assert verify_pdf_bytes(data).ok
    # A PDF sealed with the new certificate verifies too; both are recorded.
    new = seal_pdf(
        render_unsealed_pdf(signed), signing_time=datetime(2026, 1, 1, tzinfo=UTC), reason="test"
    )
    assert check_seal(new).ok
    assert SealCertificate.objects.count() == 2


def test_without_the_record_the_old_seal_would_not_verify(signed, settings, certificate_b):
    """What main did: trust only the configured certificate."""
    data = stored(signed)
    settings.SIGNING_CERT_PATH, settings.SIGNING_CERT_PASSWORD = str(certificate_b), "b"
    SealCertificate.objects.all().delete()
    assert not check_seal(data).ok


def test_a_certificate_the_portal_never_used_is_not_trusted(signed, tmp_path):
    stranger = tmp_path / "stranger.p12"
    make_self_signed_pkcs12(stranger, "s", "Samverkansportalen (förfalskning)")
    from pyhanko.sign import signers

    forged = seal_pdf(
        render_unsealed_pdf(signed),
        signing_time=datetime(2026, 1, 1, tzinfo=UTC),
        reason="test",
        signer=signers.SimpleSigner.load_pkcs12(str(stranger), passphrase=b"s"),
    )
    SealCertificate.objects.filter(subject__contains="förfalskning").delete()
    assert not check_seal(forged).ok


def test_the_certificate_is_opened_once_and_again_when_its_file_is_rewritten(settings, tmp_path):
    # GIVEN a seal certificate that has been opened once
    path = tmp_path / "seal.p12"
    make_self_signed_pkcs12(path, "x", "Samverkansportalen första sigillet")
    settings.SIGNING_CERT_PATH, settings.SIGNING_CERT_PASSWORD = str(path), "x"
    first = load_signer()
    # THEN the next seal uses the same opened key
    assert load_signer() is first
    # WHEN the operator writes a new certificate to the same path
    make_self_signed_pkcs12(path, "x", "Samverkansportalen andra sigillet")
    # THEN that one is used from then on
    assert load_signer().signing_cert.sha256 != first.signing_cert.sha256
