from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement

from .feed import kind_choices

AGREEMENT_TEXT_MAX_LENGTH = 100
AGREEMENT_MATCHES_SHOWN = 5


class LogFilterForm(forms.Form):
    """The administrators' log filters: who, what kind, which agreement, which days."""

    who = forms.CharField(label=_("Vem"), required=False, max_length=150)
    kind = forms.ChoiceField(label=_("Vad"), required=False)
    # A text field, not a <select> of every agreement in Sweden (3,000 titles at scale): it
    # must name one agreement by a part of its title or diarienummer, or by its number.
    agreement = forms.CharField(
        label=_("Överenskommelse"),
        required=False,
        max_length=AGREEMENT_TEXT_MAX_LENGTH,
        help_text=_("En del av titeln eller diarienumret."),
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
        for name, form_field in self.fields.items():
            css = "form-select" if isinstance(form_field.widget, forms.Select) else "form-control"
            form_field.widget.attrs["class"] = css
            if form_field.help_text:
                form_field.widget.attrs["aria-describedby"] = f"id_{name}-hjalp"

    def _post_clean(self):
        super()._post_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["class"] += " is-invalid"
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = " ".join(
                    filter(None, [attrs.get("aria-describedby"), f"id_{name}-fel"])
                )

    def clean_agreement(self):
        """The one agreement the text names, or None when the field is empty."""
        text = self.cleaned_data["agreement"].strip()
        if not text:
            return None
        if text.isdigit() and (agreement := Agreement.objects.filter(pk=text).first()):
            return agreement  # a link from an agreement's page
        found = Agreement.objects.filter(
            Q(title__icontains=text) | Q(diarienummer__icontains=text)
        ).only("pk", "title")
        exact = list(found.filter(Q(title__iexact=text) | Q(diarienummer__iexact=text))[:2])
        if len(exact) == 1:
            return exact[0]
        matches = list(found.order_by("title", "pk")[: AGREEMENT_MATCHES_SHOWN + 1])
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise forms.ValidationError(
                _("Ingen överenskommelse har det i titeln eller diarienumret.")
            )
        shown = "; ".join(a.title for a in matches[:AGREEMENT_MATCHES_SHOWN])
        raise forms.ValidationError(
            _("Flera överenskommelser matchar (%(shown)s%(more)s). Skriv mer av titeln.")
            % {"shown": shown, "more": " …" if len(matches) > AGREEMENT_MATCHES_SHOWN else ""}
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("Slutdatumet kan inte vara före startdatumet."))
        return data
