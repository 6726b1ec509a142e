from django import forms
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement
from samverkan.forms import PlainSelect

from .feed import kind_choices


class LogFilterForm(forms.Form):
    """The administrators' log filters: who, what kind, which agreement, which days."""

    who = forms.CharField(label=_("Vem"), required=False, max_length=150)
    kind = forms.ChoiceField(label=_("Vad"), required=False)
    agreement = forms.ModelChoiceField(
        label=_("Överenskommelse"),
        queryset=Agreement.objects.only("pk", "title").order_by("title", "pk"),
        required=False,
        empty_label=_("Alla"),
        widget=PlainSelect,  # every agreement in Sweden
    )
    date_from = forms.DateField(
        label=_("Från och med"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=_("Till och med"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Allt"))] + kind_choices()
        for form_field in self.fields.values():
            css = "form-select" if isinstance(form_field.widget, forms.Select) else "form-control"
            form_field.widget.attrs["class"] = css

    def _post_clean(self):
        super()._post_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["class"] += " is-invalid"
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"id_{name}-fel"

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("Slutdatumet kan inte vara före startdatumet."))
        return data
