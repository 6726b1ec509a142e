from crispy_forms.helper import FormHelper
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samverkan.concurrency import ConcurrencyGuardedForm, CreateOnceFormMixin
from samverkan.forms import PlainSelect, SwedishChoicesMixin
from samverkan.models import Party

from .models import (
    SECTION_FIELDS,
    Agreement,
    AgreementParty,
    AgreementTargetGroup,
    Appendix,
    Decision,
    Signatory,
    TargetGroup,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AgreementSearchForm(SwedishChoicesMixin, forms.Form):
    q = forms.CharField(
        label=_("Sök"),
        required=False,
        help_text=_("Titel, part eller diarienummer"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alla"))] + list(Agreement.Status.choices),
    )
    party = forms.ModelChoiceField(
        label=_("Part"),
        required=False,
        queryset=Party.objects.none(),
        empty_label=_("Alla"),
        widget=PlainSelect,
    )
    target_group = forms.ModelChoiceField(
        label=_("Målgrupp"),
        required=False,
        queryset=TargetGroup.objects.all(),
        empty_label=_("Alla"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        visible = Agreement.objects.visible_to(user)
        self.fields["party"].queryset = Party.objects.filter(agreements__in=visible).distinct()

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["q"]:
            words = data["q"].split()
            for word in words:
                queryset = queryset.filter(
                    Q(title__icontains=word)
                    | Q(diarienummer__icontains=word)
                    | Q(parties__name__icontains=word)
                )
            queryset = queryset.distinct()
        if data["status"]:
            queryset = queryset.filter(status=data["status"])
        if data["party"]:
            queryset = queryset.filter(parties=data["party"])
        if data["target_group"]:
            queryset = queryset.filter(target_groups=data["target_group"])
        return queryset


class AgreementForm(SwedishChoicesMixin, ConcurrencyGuardedForm):
    """The agreement's particulars: title, diarienummer, validity and review."""

    class Meta:
        model = Agreement
        fields = [
            "title",
            "diarienummer",
            "document_date",
            "summary",
            "valid_from",
            "valid_until",
            "review_rule",
            "next_review_date",
        ]
        widgets = {
            "document_date": DATE_INPUT,
            "valid_from": DATE_INPUT,
            "valid_until": DATE_INPUT,
            "next_review_date": DATE_INPUT,
            "summary": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"title": {"required": _("Överenskommelsen måste ha en titel.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class AgreementCreateForm(CreateOnceFormMixin, AgreementForm):
    parties = forms.ModelMultipleChoiceField(
        label=_("Övriga parter"),
        queryset=Party.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Din organisation blir part och sammankallande."),
    )

    class Meta(AgreementForm.Meta):
        pass

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.party_id:
            self.fields["parties"].queryset = Party.objects.exclude(pk=user.party_id)
        else:
            self.fields["parties"].label = _("Parter")
            self.fields["parties"].help_text = _("Den första kommunen blir sammankallande.")


def section_form_class(section: int):
    field = SECTION_FIELDS[section]
    meta = type(
        "Meta",
        (),
        {
            "model": Agreement,
            "fields": [field],
            "widgets": {field: forms.Textarea(attrs={"rows": 18})},
            "help_texts": {
                field: _(
                    "Skriv stycken med en tom rad emellan. En rad som börjar med ”- ” "
                    "blir en punkt i en lista."
                )
            },
        },
    )
    return type(f"Section{section}Form", (ConcurrencyGuardedForm,), {"Meta": meta})


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
            from django.contrib.auth import get_user_model

            self.fields["user"].queryset = get_user_model().objects.filter(
                party__in=agreement.parties.all()
            )


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
        fields = ["party", "body", "decided_on", "reference", "text"]
        widgets = {"decided_on": DATE_INPUT, "text": forms.Textarea(attrs={"rows": 4})}


DecisionFormSet = forms.inlineformset_factory(
    Agreement, Decision, form=DecisionForm, extra=1, can_delete=True, can_delete_extra=False
)
