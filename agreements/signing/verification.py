"""Which agreement and version a PDF file is, and whether it is exactly what the portal made."""

import hashlib
import re
from dataclasses import dataclass

from samverkan.seal import SealCheck, check_seal

from ..models import SignedDocument

# The seal's /Reason names the code; PDF literal strings may escape '-' as \055.
CODE_RE = re.compile(rb"kontrollkod ([A-Z2-9]{4})(?:-|\\055)([A-Z2-9]{4})(?:-|\\055)([A-Z2-9]{4})")


@dataclass
class Verification:
    sha256: str
    document: SignedDocument | None
    hash_matches: bool
    seal: SealCheck

    @property
    def ok(self) -> bool:
        return self.document is not None and self.hash_matches and self.seal.ok


def verify_pdf_bytes(data: bytes) -> Verification:
    digest = hashlib.sha256(data).hexdigest()
    documents = SignedDocument.objects.select_related("version__agreement")
    document = documents.filter(sha256=digest).first()
    if document is None:
        # An altered file no longer has the stored hash: find it by the code in its seal.
        match = CODE_RE.search(data)
        if match:
            code = b"-".join(match.groups()).decode()
            document = documents.filter(verification_code=code).first()
    return Verification(
        sha256=digest,
        document=document,
        hash_matches=document is not None and document.sha256 == digest,
        seal=check_seal(data),
    )


def signed_documents_check() -> tuple[list[str], int]:
    """After a restore: every ready signed PDF is present, with its recorded SHA-256 and a
    valid portal seal. Returns (problems, how many were checked)."""
    problems = []
    documents = SignedDocument.objects.filter(status=SignedDocument.Status.READY).exclude(file="")
    count = 0
    for document in documents.iterator():
        count += 1
        try:
            with document.file.open("rb") as handle:
                data = handle.read()
        except OSError as exc:
            problems.append(f"{document.verification_code}: the file is missing ({exc})")
            continue
        if hashlib.sha256(data).hexdigest() != document.sha256:
            problems.append(f"{document.verification_code}: SHA-256 differs from the record")
            continue
        seal = check_seal(data)
        if not seal.ok:
            problems.append(f"{document.verification_code}: the seal does not verify {seal}")
    return problems, count
