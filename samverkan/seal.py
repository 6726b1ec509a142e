"""The portal's seal: a PAdES signature over a whole PDF, and its validation (pyHanko).

The certificate is a PKCS#12 file named by SIGNING_CERT_PATH and opened with
SIGNING_CERT_PASSWORD. ``manage.py ensure_demo_certificate`` makes a self-signed one for local
runs. Sealing is deterministic: the signing time is the caller's (the moment the last party
signed), the trailer ID is derived from the content, and RSA PKCS#1 v1.5 signatures are
deterministic, so sealing the same bytes twice gives the same file.
"""

import functools
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.metadata import model as metadata_model
from pyhanko.pdf_utils.metadata.model import DocumentMetadata
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

SEAL_FIELD = "Portalsigill"
PRODUCER = metadata_model.VENDOR  # "pyHanko <version>", as pyHanko writes it in the XMP
SEAL_BYTES_RESERVED = 16384


def load_signer() -> signers.SimpleSigner:
    path = settings.SIGNING_CERT_PATH
    if not path or not Path(path).is_file():
        raise ImproperlyConfigured(
            f"The seal certificate {path!r} is missing: set SIGNING_CERT_PATH or run "
            "`manage.py ensure_demo_certificate`."
        )
    file = Path(path).stat()
    # Opening the PKCS#12 file (key derivation, the RSA key) was a tenth of a second of every
    # sealed PDF; a replaced or rewritten file is another key, so it is opened again.
    return _open_pkcs12(path, settings.SIGNING_CERT_PASSWORD, file.st_ino, file.st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _open_pkcs12(path: str, password: str, _inode: int, _mtime_ns: int) -> signers.SimpleSigner:
    signer = signers.SimpleSigner.load_pkcs12(
        path, passphrase=password.encode() if password else None
    )
    if signer is None:
        raise ImproperlyConfigured(f"Could not open the seal certificate {path!r}.")
    return signer


class _PinnedMetadata(DocumentMetadata):
    """pyHanko stamps 'now' as the modification date on every write; pin it instead."""

    def __setattr__(self, name, value):
        if name == "last_modified" and value == "now":
            value = self.__dict__.get("_pinned", value)
        object.__setattr__(self, name, value)


class _FixedTimePdfSigner(signers.PdfSigner):
    def __init__(self, *args, signing_time: datetime, **kwargs):
        super().__init__(*args, **kwargs)
        self._signing_time = signing_time

    def init_signing_session(self, pdf_out, existing_fields_only=False):
        session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
        session.system_time = self._signing_time
        return session


def seal_pdf(
    pdf: bytes, *, signing_time: datetime, reason: str, location: str = "", signer=None
) -> bytes:
    """Return ``pdf`` with the portal's PAdES seal over the entire file."""
    signer = signer or load_signer()
    seal_certificate_record(cert=signer.signing_cert)
    writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    # pyHanko gives an incremental update a random second ID; derive it from the content.
    first_id = writer._document_id[0]
    writer._document_id = generic.ArrayObject(
        [first_id, generic.ByteStringObject(hashlib.sha256(pdf).digest()[:16])]
    )
    # PDF/A wants the document info and the XMP to agree. pyHanko writes itself as the XMP
    # producer but appends itself to the info's ("WeasyPrint …; pyHanko …"); naming it alone
    # in the info first makes the two the same.
    info = writer.trailer["/Info"].get_object() if "/Info" in writer.trailer else None
    if info is not None:
        info[generic.NameObject("/Producer")] = generic.TextStringObject(PRODUCER)
        writer.update_container(info)
    pinned = _PinnedMetadata()
    object.__setattr__(pinned, "_pinned", signing_time)
    writer._meta = pinned
    meta = signers.PdfSignatureMetadata(
        field_name=SEAL_FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location or None,
    )
    pdf_signer = _FixedTimePdfSigner(meta, signer=signer, signing_time=signing_time)
    out = pdf_signer.sign_pdf(writer, bytes_reserved=SEAL_BYTES_RESERVED)
    return out.getvalue()


@dataclass
class SealCheck:
    present: bool
    intact: bool = False
    valid: bool = False
    covers_whole_file: bool = False
    signer: str = ""
    signing_time: datetime | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.present and self.intact and self.valid and self.covers_whole_file


def seal_certificate_record(*, cert: asn1_x509.Certificate):
    """Keep the public part of a certificate that seals, so its seals verify for good."""
    # Not at the top: sealing and checking also run without the app registry (ops/prod_check.py
    # makes its certificate before Django starts), and the models need it.
    from .models import SealCertificate

    record, _created = SealCertificate.objects.get_or_create(
        fingerprint=cert.sha256.hex(),
        defaults={
            "subject": cert.subject.human_friendly[:500],
            "pem": pem.armor("CERTIFICATE", cert.dump()).decode("ascii"),
        },
    )
    return record


def trusted_certificates() -> list:
    """Every certificate the portal has sealed with, and the one it seals with now.

    The trust roots are the portal's own certificates: a seal is the portal's when it was made
    with one of them, whichever is configured today.
    """
    from .models import SealCertificate  # needs the app registry: see seal_certificate_record

    certs = {}
    try:
        current = load_signer().signing_cert
    except ImproperlyConfigured:
        current = None
    if isinstance(current, asn1_x509.Certificate):
        certs[current.sha256] = current
    for text in SealCertificate.objects.values_list("pem", flat=True):
        _type, _headers, der = pem.unarmor(text.encode("ascii"))
        cert = asn1_x509.Certificate.load(der)
        certs.setdefault(cert.sha256, cert)
    return list(certs.values())


def check_seal(pdf: bytes) -> SealCheck:
    """Is the seal there, are the signed bytes unchanged, and is it the portal's?"""
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        sigs = reader.embedded_signatures
    except Exception as exc:  # a damaged file is simply not sealed
        return SealCheck(present=False, error=str(exc))
    if not sigs:
        return SealCheck(present=False)
    sig = sigs[-1]
    try:
        context = ValidationContext(trust_roots=trusted_certificates(), allow_fetching=False)
        status = validate_pdf_signature(sig, context)
    except Exception as exc:
        return SealCheck(present=True, error=str(exc))
    return SealCheck(
        present=True,
        intact=bool(status.intact),
        valid=bool(status.valid and status.trusted),
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        signer=status.signing_cert.subject.human_friendly,
        signing_time=status.signer_reported_dt,
    )


def make_self_signed_pkcs12(path: Path, password: str, common_name: str) -> None:
    """A self-signed seal certificate for local runs and tests (never for production)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "SE"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Samverkansportalen (demo)"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(datetime(2020, 1, 1, tzinfo=UTC))
        .not_valid_after(datetime(2045, 12, 31, tzinfo=UTC))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(
        name=common_name.encode(),
        key=key,
        cert=cert,
        cas=None,
        encryption_algorithm=serialization.BestAvailableEncryption(password.encode())
        if password
        else serialization.NoEncryption(),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    path.chmod(0o600)
