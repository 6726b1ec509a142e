"""Forms for kartläggning: a snapshot with one row of counts per programme, and labour demand."""

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from samverkan.forms import DATE_INPUT, SwedishChoicesMixin
from samverkan.models import Party

from ..models import (
    LabourDemandRow,
    LabourDemandSnapshot,
    ProgrammeFigure,
    StatisticsSnapshot,
    editable_municipalities,
)
from .computations import PROGRAMME_FIELDS, demand_fingerprint, figure_errors, figures_fingerprint

COUNT_ERRORS = {
    "invalid": _("Skriv ett heltal, till exempel 42."),
    "min_value": _("Ett antal kan inte vara negativt."),
    "max_value": _("Talet är för stort."),
}
FIELD_LABELS = {
    "total": _("totalt"),
    "women": _("kvinnor"),
    "men": _("män"),
    "unknown": _("okänd könstillhörighet"),
    "short_educated": _("kortutbildade"),
    "education_duty": _("utbildningsplikt"),
    "no_insurance_info": _("inga uppgifter om a-kassa"),
    "disability_total": _("funktionsnedsättning, totalt"),
    "disability_women": _("funktionsnedsättning, kvinnor"),
    "disability_men": _("funktionsnedsättning, män"),
}


def count_field(label):
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=10_000_000,
        error_messages=COUNT_ERRORS,
        widget=forms.NumberInput(attrs={"class": "form-control form-control-sm", "min": 0}),
    )


class StatisticsSnapshotForm(SwedishChoicesMixin, forms.ModelForm):
    """The snapshot's own particulars; the municipality is narrowed to what the user edits."""

    base_fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = StatisticsSnapshot
        fields = [
            "municipality",
            "measured_on",
            "population",
            "population_on",
            "population_note",
            "source_note",
            "comment",
        ]
        widgets = {
            "measured_on": DATE_INPUT,
            "population_on": DATE_INPUT,
            "comment": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "population": COUNT_ERRORS,
            "measured_on": {"invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD.")},
            "population_on": {"invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD.")},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = False
        self.fields["municipality"].queryset = editable_municipalities(user).filter(
            kind=Party.Kind.MUNICIPALITY
        )
        self.fields["municipality"].empty_label = None
        if self.instance.pk:
            # A snapshot stays with its municipality; a new date is a new snapshot's business.
            self.fields["municipality"].disabled = True
            if not self.is_bound:
                self.initial["base_fingerprint"] = figures_fingerprint(self.instance)

    def clean(self):
        cleaned = super().clean()
        municipality, measured_on = cleaned.get("municipality"), cleaned.get("measured_on")
        if municipality and measured_on:
            clash = StatisticsSnapshot.objects.filter(
                municipality=municipality, measured_on=measured_on
            ).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(
                    "measured_on",
                    _("%(municipality)s har redan en kartläggning för %(date)s.")
                    % {"municipality": municipality, "date": measured_on},
                )
        return cleaned


class ProgrammeFigureForm(SwedishChoicesMixin, forms.Form):
    """One programme's counts; only the fields seed 003 reports for that programme."""

    def __init__(self, *args, programme, instance=None, **kwargs):
        self.programme = ProgrammeFigure.Programme(programme)
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                name: getattr(instance, name) for name in PROGRAMME_FIELDS[self.programme]
            }
        super().__init__(*args, prefix=programme, **kwargs)
        label = self.programme.label
        for name in PROGRAMME_FIELDS[self.programme]:
            self.fields[name] = count_field(f"{label}, {FIELD_LABELS[name]}")

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            for name, messages in figure_errors(cleaned).items():
                for message in messages:
                    self.add_error(name, message)
        return cleaned

    def values(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in PROGRAMME_FIELDS[self.programme]}

    def cells(self):
        """(field name, bound field or None) for every column of the entry table; a field
        with errors is marked invalid and points at its message."""
        cells = []
        for name in FIELD_LABELS:
            if name not in self.fields:
                cells.append((name, None))
                continue
            bound = self[name]
            if bound.errors:
                attrs = self.fields[name].widget.attrs
                attrs["aria-describedby"] = f"{bound.auto_id}_fel"
                attrs["aria-invalid"] = "true"
                attrs["class"] = "form-control form-control-sm is-invalid"
            cells.append((name, bound))
        return cells


def programme_forms(data, snapshot):
    existing = {f.programme: f for f in snapshot.figures.all()} if snapshot.pk else {}
    return [
        ProgrammeFigureForm(data, programme=programme, instance=existing.get(programme))
        for programme in ProgrammeFigure.Programme.values
    ]


class LabourDemandSnapshotForm(SwedishChoicesMixin, forms.ModelForm):
    base_fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = LabourDemandSnapshot
        fields = ["municipality", "measured_on", "source_note"]
        widgets = {"measured_on": DATE_INPUT}
        error_messages = {"measured_on": {"invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD.")}}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = editable_municipalities(user)
        self.fields["municipality"].empty_label = None
        if self.instance.pk:
            self.fields["municipality"].disabled = True
            if not self.is_bound:
                self.initial["base_fingerprint"] = demand_fingerprint(self.instance)

    def clean(self):
        cleaned = super().clean()
        municipality, measured_on = cleaned.get("municipality"), cleaned.get("measured_on")
        if municipality and measured_on:
            clash = LabourDemandSnapshot.objects.filter(
                municipality=municipality, measured_on=measured_on
            ).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(
                    "measured_on",
                    _("%(municipality)s har redan uppgifter om rekryteringsbehov för %(date)s.")
                    % {"municipality": municipality, "date": measured_on},
                )
        return cleaned


class LabourDemandRowForm(SwedishChoicesMixin, forms.ModelForm):
    class Meta:
        model = LabourDemandRow
        fields = ["area", "jobs", "ads"]
        error_messages = {"jobs": COUNT_ERRORS, "ads": COUNT_ERRORS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("jobs", "ads"):
            self.fields[name].min_value = 0
            self.fields[name].error_messages.update(COUNT_ERRORS)

    def clean(self):
        cleaned = super().clean()
        jobs, ads = cleaned.get("jobs"), cleaned.get("ads")
        if jobs is not None and ads is not None and jobs < ads:
            self.add_error(
                "jobs",
                _("En annons gäller minst ett jobb: %(jobs)s jobb kan inte stå i %(ads)s annonser.")
                % {"jobs": jobs, "ads": ads},
            )
        return cleaned


class BaseLabourDemandRowFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            area = form.cleaned_data.get("area")
            if area in seen:
                form.add_error("area", _("Yrkesområdet finns redan i listan."))
            if area:
                seen.add(area)

    def validate_unique(self):
        # The duplicate area gets its own message at the field (clean above).
        return


LabourDemandRowFormSet = inlineformset_factory(
    LabourDemandSnapshot,
    LabourDemandRow,
    form=LabourDemandRowForm,
    formset=BaseLabourDemandRowFormSet,
    extra=3,
    can_delete=True,
    can_delete_extra=False,
)
