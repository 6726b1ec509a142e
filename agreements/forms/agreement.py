"""The agreement's own forms: search, the agreement's details and one section of its text."""

from crispy_forms.helper import FormHelper
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samverkan.concurrency import ConcurrencyGuardedForm, CreateOnceFormMixin
from samverkan.forms import DATE_INPUT, PlainSelect, SwedishChoicesMixin
from samverkan.models import Party

from ..models import (
    SECTION_FIELDS,
    Agreement,
    TargetGroup,
)


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
        self.fields["party"].queryset = (
            Party.objects.filter(agreements__in=visible).distinct().only("pk", "name")
        )

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
                    "blir en punkt i en lista, ”### ” en underrubrik. **fet text**, "
                    "[länktext](https://…) och tabeller med | mellan kolumnerna går också."
                )
            },
        },
    )
    return type(f"Section{section}Form", (ConcurrencyGuardedForm,), {"Meta": meta})
