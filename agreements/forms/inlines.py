"""The lists edited on an agreement's page: parties, target groups, signatories, appendices
and decisions (inline formsets)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.forms import DATE_INPUT, SwedishChoicesMixin
from samverkan.models import Party, User

from ..models import (
    Agreement,
    AgreementParty,
    AgreementTargetGroup,
    Appendix,
    Decision,
    Signatory,
)


class PartyForm(SwedishChoicesMixin, forms.ModelForm):
    class Meta:
        model = Party
        fields = ["kind", "name", "organisation_number", "municipality_code", "email"]


class AgreementPartyForm(SwedishChoicesMixin, forms.ModelForm):
    class Meta:
        model = AgreementParty
        fields = ["party", "description", "is_convener"]


class BaseAgreementPartyFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        alive = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if len(alive) < 2:
            raise forms.ValidationError(_("En överenskommelse har minst två parter."))
        conveners = [f for f in alive if f.cleaned_data.get("is_convener")]
        if len(conveners) != 1:
            raise forms.ValidationError(_("Välj exakt en sammankallande part."))
        seen = set()
        for form in alive:
            party = form.cleaned_data.get("party")
            if party in seen:
                form.add_error("party", _("Parten finns redan med."))
            seen.add(party)


AgreementPartyFormSet = forms.inlineformset_factory(
    Agreement,
    AgreementParty,
    form=AgreementPartyForm,
    formset=BaseAgreementPartyFormSet,
    extra=1,
    can_delete=True,
    can_delete_extra=False,
)


class AgreementTargetGroupForm(SwedishChoicesMixin, forms.ModelForm):
    class Meta:
        model = AgreementTargetGroup
        fields = ["target_group", "heading", "description", "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class BaseUniqueTargetGroupFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            group = form.cleaned_data.get("target_group")
            if group in seen:
                form.add_error("target_group", _("Målgruppen finns redan med."))
            seen.add(group)


AgreementTargetGroupFormSet = forms.inlineformset_factory(
    Agreement,
    AgreementTargetGroup,
    form=AgreementTargetGroupForm,
    formset=BaseUniqueTargetGroupFormSet,
    extra=1,
    can_delete=True,
    can_delete_extra=False,
)


class PartyLimitedFormMixin:
    """Narrows party choices to the agreement's own parties."""

    party_fields = ("party",)

    def __init__(self, *args, agreement=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agreement is not None:
            for name in self.party_fields:
                if name in self.fields:
                    self.fields[name].queryset = agreement.parties.all()


class SignatoryForm(SwedishChoicesMixin, PartyLimitedFormMixin, forms.ModelForm):
    class Meta:
        model = Signatory
        fields = ["party", "name", "title", "user", "position"]

    def __init__(self, *args, agreement=None, **kwargs):
        super().__init__(*args, agreement=agreement, **kwargs)
        if agreement is not None:
            self.fields["user"].queryset = User.objects.filter(party__in=agreement.parties.all())


SignatoryFormSet = forms.inlineformset_factory(
    Agreement, Signatory, form=SignatoryForm, extra=1, can_delete=True, can_delete_extra=False
)


class AppendixForm(SwedishChoicesMixin, PartyLimitedFormMixin, forms.ModelForm):
    party_fields = ("responsible_party",)

    class Meta:
        model = Appendix
        fields = [
            "number",
            "suffix",
            "title",
            "responsible_party",
            "state",
            "state_note",
            "due_date",
            "file",
        ]
        widgets = {"due_date": DATE_INPUT}


class BaseAppendixFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            number = (form.cleaned_data.get("number"), form.cleaned_data.get("suffix", ""))
            if number in seen:
                form.add_error("number", _("Det finns redan en bilaga med det numret."))
            seen.add(number)


AppendixFormSet = forms.inlineformset_factory(
    Agreement,
    Appendix,
    form=AppendixForm,
    formset=BaseAppendixFormSet,
    extra=1,
    can_delete=True,
    can_delete_extra=False,
)


class DecisionForm(SwedishChoicesMixin, PartyLimitedFormMixin, forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["party", "body", "decided_on", "paragraph", "reference", "text"]
        widgets = {"decided_on": DATE_INPUT, "text": forms.Textarea(attrs={"rows": 4})}


DecisionFormSet = forms.inlineformset_factory(
    Agreement, Decision, form=DecisionForm, extra=1, can_delete=True, can_delete_extra=False
)
