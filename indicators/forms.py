"""Forms of the follow-up: one row per indicator on the entry page, the report and review."""

import calendar
import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from agreements.models import TargetGroup
from samverkan.concurrency import ConcurrencyGuardedForm
from samverkan.forms import PlainHiddenInput, PlainTextInput, SwedishChoicesMixin

from .models import FollowUpReport, FollowUpSettings, Goal, Indicator, Measurement
from .services import measurement_fingerprint
from .values import NUMBER_FIELDS, format_number, parse_number

ROW_FIELDS = (*NUMBER_FIELDS, "comment", "source_note")


class MeasurementRowForm(SwedishChoicesMixin, forms.Form):
    """One indicator's value for one period. Numbers are text so a typed value such as
    '1 234,5' or '130' comes back exactly as typed when it is refused. A page has six inputs
    for each of up to 30 indicators: the widgets are built in Python, not one template each."""

    total = forms.CharField(required=False, max_length=30, widget=PlainTextInput)
    women = forms.CharField(required=False, max_length=30, widget=PlainTextInput)
    men = forms.CharField(required=False, max_length=30, widget=PlainTextInput)
    unknown = forms.CharField(required=False, max_length=30, widget=PlainTextInput)
    comment = forms.CharField(required=False, max_length=2000, widget=PlainTextInput)
    source_note = forms.CharField(required=False, max_length=300, widget=PlainTextInput)
    base = forms.CharField(required=False, widget=PlainHiddenInput)

    def __init__(self, *args, indicator: Indicator, measurement: Measurement | None, **kwargs):
        self.indicator = indicator
        self.measurement = measurement
        kwargs.setdefault("prefix", f"i{indicator.pk}")
        initial = {"base": measurement_fingerprint(measurement)}
        if measurement:
            for field in NUMBER_FIELDS:
                initial[field] = format_number(getattr(measurement, field))
            initial["comment"] = measurement.comment
            initial["source_note"] = measurement.source_note
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        name = indicator.name
        labels = {
            "total": _("Totalt för %(name)s"),
            "women": _("Kvinnor för %(name)s"),
            "men": _("Män för %(name)s"),
            "unknown": _("Okänt kön för %(name)s"),
            "comment": _("Kommentar för %(name)s"),
            "source_note": _("Källa för %(name)s"),
        }
        for field, label in labels.items():
            self.fields[field].label = label % {"name": name}
            self.fields[field].widget.attrs.update(
                {"class": "form-control form-control-sm", "autocomplete": "off"}
            )
        self.fields["comment"].widget.attrs["placeholder"] = _("Kommentar")
        self.fields["source_note"].widget.attrs["placeholder"] = indicator.source_note[:60] or _(
            "Källa"
        )
        mode = "decimal" if indicator.unit == Indicator.Unit.PERCENT else "numeric"
        for field in NUMBER_FIELDS:
            self.fields[field].widget.attrs["inputmode"] = mode
        if not indicator.by_gender:
            for field in ("women", "men", "unknown"):
                del self.fields[field]

    def values_changed(self) -> bool:
        """Whether the user typed something other than what was stored when they opened it."""
        return any(
            (self.cleaned_data.get(f) or "").strip() != (self.initial.get(f) or "")
            for f in ROW_FIELDS
            if f in self.fields
        )


class AnalysisForm(SwedishChoicesMixin, ConcurrencyGuardedForm):
    class Meta:
        model = FollowUpReport
        fields = ["analysis"]
        labels = {"analysis": _("Den operativa gruppens analys")}
        help_texts = {
            "analysis": _("Vad visar utfallen, vad förklarar dem och vad gör parterna härnäst?")
        }
        widgets = {"analysis": forms.Textarea(attrs={"rows": 8})}


class ReviewForm(SwedishChoicesMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Beslut"),
        choices=[("approve", _("Godkänn rapporten")), ("return", _("Skicka tillbaka rapporten"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Kommentar"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Krävs när rapporten skickas tillbaka: skriv vad som ska ändras."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("comment") or "").strip():
            self.add_error(
                "comment", _("Skriv vad som ska ändras när du skickar tillbaka rapporten.")
            )
        return data


class ImportForm(SwedishChoicesMixin, forms.Form):
    file = forms.FileField(
        label=_("Fil (Excel .xlsx eller CSV)"),
        help_text=_("Använd mallen. Högst 2 MB."),
    )

    MAX_SIZE = 2 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Filen måste vara en Excelfil (.xlsx) eller en CSV-fil."))
        if upload.size > self.MAX_SIZE:
            raise forms.ValidationError(_("Filen är för stor: högst 2 MB."))
        return upload


def mark_invalid(form):
    """Flag refused fields for assistive technology and tie each to its message."""
    for name in form.errors:
        if name in form.fields:
            attrs = form.fields[name].widget.attrs
            attrs["aria-invalid"] = "true"
            attrs["aria-describedby"] = f"{form[name].auto_id}-fel"
            attrs["class"] = attrs.get("class", "") + " is-invalid"
    return form


class GoalForm(SwedishChoicesMixin, ConcurrencyGuardedForm):
    class Meta:
        model = Goal
        fields = ["number", "title", "description", "target_group", "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        # The agreement's own target groups, as section 3 names them.
        self.fields["target_group"].queryset = TargetGroup.objects.filter(
            agreements=agreement
        ).distinct()


class DecimalCommaField(forms.DecimalField):
    """A number typed as on the entry page: ``12,5``, ``12.5`` or ``1 234``."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            value = parse_number(value)
        except ValueError:
            raise forms.ValidationError(
                _("Skriv ett tal, till exempel 12 eller 12,5."), code="invalid"
            ) from None
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Decimal | int | float):
            return format_number(value)
        return value


class IndicatorForm(SwedishChoicesMixin, ConcurrencyGuardedForm):
    class Meta:
        model = Indicator
        fields = [
            "name",
            "unit",
            "direction",
            "baseline_value",
            "baseline_label",
            "target_value",
            "target_year",
            "source",
            "kolada_kpi",
            "source_note",
            "frequency",
            "responsible_party",
            "by_gender",
            "position",
        ]
        field_classes = {"baseline_value": DecimalCommaField, "target_value": DecimalCommaField}

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_party"].queryset = agreement.parties.all()

    def clean(self):
        data = super().clean()
        unit, direction = data.get("unit"), data.get("direction")
        target, baseline = data.get("target_value"), data.get("baseline_value")
        D = Indicator.Direction
        if (
            direction in (D.AT_LEAST, D.AT_MOST)
            and target is None
            and "target_value" not in self.errors
        ):
            self.add_error("target_value", _("Ange målvärdet när riktningen är minst eller högst."))
        if direction == D.ZERO and target not in (None, 0):
            self.add_error("target_value", _("Målvärdet är noll när riktningen är noll."))
        for name, value in (("target_value", target), ("baseline_value", baseline)):
            if value is None:
                continue
            if value < 0:
                self.add_error(name, _("Värdet kan inte vara negativt."))
            elif unit == Indicator.Unit.PERCENT and value > 100:
                self.add_error(name, _("En andel ligger mellan 0 och 100 procent."))
        kpi = (data.get("kolada_kpi") or "").strip().upper()
        data["kolada_kpi"] = kpi
        if data.get("source") == Indicator.Source.KOLADA and not kpi:
            self.add_error("kolada_kpi", _("Ange nyckeltalets id i Kolada, till exempel N00930."))
        elif kpi and not re.fullmatch(r"[NU]\d{5}", kpi):
            self.add_error("kolada_kpi", _("Ett Kolada-id är N eller U följt av fem siffror."))
        return data


class FollowUpSettingsForm(SwedishChoicesMixin, ConcurrencyGuardedForm):
    class Meta:
        model = FollowUpSettings
        fields = ["h1_deadline_month", "h1_deadline_day", "h2_deadline_month", "h2_deadline_day"]

    def clean(self):
        data = super().clean()
        for half in ("h1", "h2"):
            month, day = data.get(f"{half}_deadline_month"), data.get(f"{half}_deadline_day")
            if month and day and day > calendar.monthrange(2024, month)[1]:
                self.add_error(f"{half}_deadline_day", _("Månaden har inte så många dagar."))
        return data
