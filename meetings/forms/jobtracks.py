"""Forms for jobbspår, their kompetensteam and outcomes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.concurrency import ConcurrencyGuardedForm
from samverkan.forms import DATE_INPUT, SwedishChoicesMixin
from samverkan.models import Party

from ..models import CompetenceTeamMember, JobTrack
from ..models.jobtracks import OUTCOME_STAGES
from .common import NEGATIVE, agreement_parties, plain_helper

OUTCOME_FIELDS = [
    f"{stage}_{part}" for stage in OUTCOME_STAGES for part in ("total", "women", "men")
]


class JobTrackForm(SwedishChoicesMixin, ConcurrencyGuardedForm):
    class Meta:
        model = JobTrack
        fields = [
            "name",
            "status",
            "employer",
            "occupational_area",
            "employment_from",
            "employment_form",
            "employment_note",
            "workplace_municipality",
            "workplace_note",
            "training_provider",
            "training",
            "basis",
            "planned_places",
            "start_date",
            "end_date",
            *OUTCOME_FIELDS,
        ]
        widgets = {"start_date": DATE_INPUT, "end_date": DATE_INPUT}
        error_messages = {"name": {"required": _("Jobbspåret måste ha ett namn.")}}

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workplace_municipality"].queryset = agreement_parties(
            agreement, kind=Party.Kind.MUNICIPALITY
        )
        for name in [*OUTCOME_FIELDS, "planned_places"]:
            self.fields[name].error_messages["min_value"] = NEGATIVE
            self.fields[name].widget.attrs["min"] = 0
        self.helper = plain_helper()

    def clean(self):
        cleaned = super().clean()
        # Outcomes typed by a person are real: the demo's "påhittade demovärden" mark goes.
        if any(name in self.changed_data for name in OUTCOME_FIELDS):
            self.instance.outcomes_are_demo = False
        return cleaned

    def outcome_rows(self):
        """The outcome fields as a table: one row per stage, columns total, women, men."""
        labels = {
            "started": _("Påbörjat"),
            "completed": _("Fullföljt"),
            "employed": _("Anställda efteråt"),
        }
        return [
            (labels[stage], [self[f"{stage}_{part}"] for part in ("total", "women", "men")])
            for stage in OUTCOME_STAGES
        ]

    def main_fields(self):
        return [self[name] for name in self.fields if name not in OUTCOME_FIELDS]


class CompetenceTeamMemberForm(SwedishChoicesMixin, forms.ModelForm):
    class Meta:
        model = CompetenceTeamMember
        fields = ["role", "organisation", "position"]
        error_messages = {
            "role": {"required": _("Ange roll.")},
            "organisation": {"required": _("Ange organisation.")},
        }


CompetenceTeamFormSet = forms.inlineformset_factory(
    JobTrack,
    CompetenceTeamMember,
    form=CompetenceTeamMemberForm,
    extra=1,
    can_delete=True,
    can_delete_extra=False,
)
