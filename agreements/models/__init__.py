"""The agreements app's models, by feature; ``from agreements.models import X`` keeps working."""

from .agreement import (
    SECTION_FIELDS,
    SECTION_HEADINGS,
    SECTIONS,
    Agreement,
    AgreementParty,
    AgreementQuerySet,
    AgreementTargetGroup,
    TargetGroup,
    Validity,
    document_fields,
    in_force_q,
)
from .annexes import Appendix, Decision, Signatory
from .comments import COMMENT_MAX_LENGTH, Comment, agreements_party_to
from .guidance import IndicatorSuggestion, SectionGuidance, TargetGroupGuidance
from .signing import (
    AgreementVersion,
    ImmutableRowError,
    Signature,
    SignedDocument,
    new_verification_code,
)

__all__ = [
    "COMMENT_MAX_LENGTH",
    "Comment",
    "agreements_party_to",
    "SECTIONS",
    "SECTION_FIELDS",
    "SECTION_HEADINGS",
    "Agreement",
    "AgreementParty",
    "AgreementQuerySet",
    "AgreementTargetGroup",
    "AgreementVersion",
    "Appendix",
    "Decision",
    "ImmutableRowError",
    "IndicatorSuggestion",
    "SectionGuidance",
    "Signatory",
    "Signature",
    "SignedDocument",
    "TargetGroup",
    "TargetGroupGuidance",
    "Validity",
    "document_fields",
    "in_force_q",
    "new_verification_code",
]
