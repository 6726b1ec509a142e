"""Forms for groups, members, meetings, minutes and action items."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from samverkan.concurrency import ConcurrencyGuardedForm, CreateOnceFormMixin
from samverkan.forms import DATE_INPUT, SwedishChoicesMixin

from ..models import ActionItem, Group, GroupMember, Meeting
from ..rhythm import RhythmKind
from .common import DATETIME_INPUT, agreement_parties, plain_helper

COUNTED_KINDS = {
    RhythmKind.TIMES_PER_YEAR,
    RhythmKind.EVERY_N_WEEKS,
    RhythmKind.EVERY_N_MONTHS,
    RhythmKind.HOURS_PER_MONTH,
}


class GroupForm(SwedishChoicesMixin, ConcurrencyGuardedForm):
    class Meta:
        model = Group
        fields = [
            "tier",
            "name",
            "convener",
            "description",
            "mandate",
            "rhythm_kind",
            "rhythm_count",
            "rhythm_count_max",
            "rhythm_quarter",
            "rhythm_note",
            "established_on",
            "position",
        ]
        widgets = {
            "established_on": DATE_INPUT,
            "description": forms.Textarea(attrs={"rows": 3}),
            "mandate": forms.Textarea(attrs={"rows": 5}),
        }
        error_messages = {
            "name": {"required": _("Gruppen måste ha ett namn.")},
            "tier": {"required": _("Välj vilken nivå gruppen hör till.")},
        }

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["convener"].queryset = agreement_parties(agreement)
        self.helper = plain_helper()

    def clean(self):
        data = super().clean()
        kind = data.get("rhythm_kind")
        count, count_max = data.get("rhythm_count"), data.get("rhythm_count_max")
        if kind in COUNTED_KINDS:
            if not count:
                self.add_error(
                    "rhythm_count", _("Ange ett antal som är minst 1 för den här rytmen.")
                )
            elif kind == RhythmKind.TIMES_PER_YEAR and count > 365:
                self.add_error("rhythm_count", _("Högst 365 gånger per år."))
        elif kind == RhythmKind.YEARLY_IN_QUARTER and not data.get("rhythm_quarter"):
            self.add_error("rhythm_quarter", _("Välj vilket kvartal gruppen träffas."))
        if count_max is not None:
            if kind != RhythmKind.TIMES_PER_YEAR:
                self.add_error(
                    "rhythm_count_max",
                    _("Ett högsta antal gäller bara ”mellan N och M gånger per år”."),
                )
            elif count and count_max < count:
                self.add_error(
                    "rhythm_count_max",
                    _("Det högsta antalet kan inte vara lägre än det lägsta (%(n)s).")
                    % {"n": count},
                )
        return data


class GroupMemberForm(SwedishChoicesMixin, forms.ModelForm):
    class Meta:
        model = GroupMember
        fields = ["role_title", "party", "organisation_name", "user", "position"]
        error_messages = {"role_title": {"required": _("Ange medlemmens roll eller titel.")}}

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = parties = agreement_parties(agreement)
        self.fields["user"].queryset = get_user_model().objects.filter(
            party__in=parties, is_active=True
        )

    def clean(self):
        data = super().clean()
        if data.get("party") and data.get("organisation_name"):
            self.add_error(
                "organisation_name",
                _("Välj en organisation i listan eller skriv en annan, inte båda."),
            )
        return data


GroupMemberFormSet = forms.inlineformset_factory(
    Group, GroupMember, form=GroupMemberForm, extra=1, can_delete=True, can_delete_extra=False
)


class MeetingForm(SwedishChoicesMixin, ConcurrencyGuardedForm):
    video_link = forms.URLField(
        label=_("Länk till videomöte"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Ange en fullständig länk som börjar med https://.")},
    )

    class Meta:
        model = Meeting
        fields = ["starts_at", "ends_at", "location", "video_link", "agenda", "cancelled"]
        widgets = {
            "starts_at": DATETIME_INPUT,
            "ends_at": DATETIME_INPUT,
            "agenda": forms.Textarea(attrs={"rows": 6}),
        }
        error_messages = {
            "starts_at": {
                "required": _("Ange när mötet börjar."),
                "invalid": _("Ange datum och tid, till exempel 2026-03-12 09:00."),
            },
            "ends_at": {"invalid": _("Ange datum och tid, till exempel 2026-03-12 11:00.")},
            "video_link": {"invalid": _("Ange en fullständig länk som börjar med https://.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        self.fields["ends_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        self.helper = plain_helper()

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("Mötet kan inte sluta innan det har börjat."))
        return data


class MeetingCreateForm(CreateOnceFormMixin, MeetingForm):
    """Planning a new meeting: sent twice, it plans one."""


class MinutesForm(SwedishChoicesMixin, ConcurrencyGuardedForm):
    class Meta:
        model = Meeting
        fields = ["present_members", "other_attendees", "minutes", "decisions"]
        widgets = {
            "present_members": forms.CheckboxSelectMultiple,
            "other_attendees": forms.Textarea(attrs={"rows": 2}),
            "minutes": forms.Textarea(attrs={"rows": 10}),
            "decisions": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present_members"].queryset = self.instance.group.members.select_related(
            "party"
        )
        self.helper = plain_helper()

    def guarded_fields(self):
        return ["other_attendees", "minutes", "decisions"]


class ActionItemForm(SwedishChoicesMixin, forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = ["description", "owner", "owner_party", "due_date", "done"]
        widgets = {"due_date": DATE_INPUT}
        error_messages = {
            "description": {"required": _("Beskriv åtgärden.")},
            "owner": {"required": _("Ange vem som ansvarar för åtgärden.")},
        }

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_party"].queryset = agreement_parties(agreement)


ActionItemFormSet = forms.inlineformset_factory(
    Meeting, ActionItem, form=ActionItemForm, extra=1, can_delete=True, can_delete_extra=False
)


class NoteForm(SwedishChoicesMixin, forms.Form):
    text = forms.CharField(
        label=_("Rättelse eller tillägg"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv vad som ska rättas eller läggas till.")},
    )
