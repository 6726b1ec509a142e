"""Signing an agreement: freezing a version, signatures in the portal and on paper, the
sealed PDF and its verification.

``services`` holds the life cycle (every write goes through it), ``versions`` the frozen
snapshot, ``compare`` the comparison of two versions, ``pdf`` and ``signed_pdf`` the sealed
document, ``verification`` the check of a PDF file, ``forms`` and ``views`` the pages. The
models are in ``agreements.models.signing`` with the app's other models. The services are
re-exported here: ``from agreements.signing import agreement_sign``.
"""

from .services import (
    SigningError,
    agreement_send_for_signature,
    agreement_sign,
    agreement_start_revision,
    agreement_states_update,
    can_send_for_signature,
    can_start_revision,
    signature_register_paper,
    signed_document_enqueue,
    signed_document_retry,
)

__all__ = [
    "SigningError",
    "agreement_send_for_signature",
    "agreement_sign",
    "agreement_start_revision",
    "agreement_states_update",
    "can_send_for_signature",
    "can_start_revision",
    "signature_register_paper",
    "signed_document_enqueue",
    "signed_document_retry",
]
