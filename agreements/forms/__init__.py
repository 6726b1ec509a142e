"""The agreement's forms, by what they edit; ``from agreements.forms import X`` keeps working.
The signing forms are in ``agreements.signing.forms``."""

from .agreement import (
    DATE_INPUT,
    AgreementCreateForm,
    AgreementForm,
    AgreementSearchForm,
    section_form_class,
)
from .inlines import (
    AgreementPartyForm,
    AgreementPartyFormSet,
    AgreementTargetGroupForm,
    AgreementTargetGroupFormSet,
    AppendixForm,
    AppendixFormSet,
    DecisionForm,
    DecisionFormSet,
    PartyForm,
    PartyLimitedFormMixin,
    SignatoryForm,
    SignatoryFormSet,
)

__all__ = [
    "DATE_INPUT",
    "AgreementCreateForm",
    "AgreementForm",
    "AgreementPartyForm",
    "AgreementPartyFormSet",
    "AgreementSearchForm",
    "AgreementTargetGroupForm",
    "AgreementTargetGroupFormSet",
    "AppendixForm",
    "AppendixFormSet",
    "DecisionForm",
    "DecisionFormSet",
    "PartyForm",
    "PartyLimitedFormMixin",
    "SignatoryForm",
    "SignatoryFormSet",
    "section_form_class",
]
