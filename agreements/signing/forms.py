"""Forms for signing, paper signatures and the export of signed PDFs."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverkan.forms import DATE_INPUT, PlainSelect, SwedishChoicesMixin
from samverkan.models import Party
from samverkan.validators import validate_pdf_upload, validate_portal_date

from ..models import Agreement, Signatory


class VersionReadMixin:
    """The form carries the hash of the version shown: if another was sent for signature
    meanwhile, nobody signs (or registers a signature on) a text they have not seen."""

    def _set_version(self, version):
        self.version = version
        self.fields["content_hash"].initial = version.content_hash if version else ""

    def clean(self):
        cleaned = super().clean()
        if self.version is None or cleaned.get("content_hash") != self.version.content_hash:
            raise forms.ValidationError(
                _(
                    "Överenskommelsen har skickats för underskrift i en ny version sedan du "
                    "öppnade sidan. Läs den nya versionen innan du skriver under."
                )
            )
        return cleaned


class SignForm(SwedishChoicesMixin, VersionReadMixin, forms.Form):
    """The signatory confirms with their password that they sign this version."""

    signatory = forms.ModelChoiceField(
        label=_("Jag skriver under som"), queryset=Signatory.objects.none(), empty_label=None
    )
    password = forms.CharField(
        label=_("Ditt lösenord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Skriv ditt lösenord igen för att bekräfta att det är du som skriver under."),
    )
    confirm = forms.BooleanField(
        label=_("Jag har läst versionen och skriver under den."),
        error_messages={"required": _("Kryssa i rutan för att bekräfta underskriften.")},
    )
    content_hash = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, signatories, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signatory"].queryset = signatories
        self._set_version(version)


class PaperSignatureForm(SwedishChoicesMixin, VersionReadMixin, forms.Form):
    """An administrator registers a signature made on paper."""

    signatory = forms.ModelChoiceField(
        label=_("Undertecknare"), queryset=Signatory.objects.none(), empty_label=None
    )
    signed_on = forms.DateField(
        label=_("Datum för underskriften"), widget=DATE_INPUT, validators=[validate_portal_date]
    )
    scan = forms.FileField(
        label=_("Inskannad underskrift (PDF, valfri)"),
        required=False,
        validators=[validate_pdf_upload],
    )
    content_hash = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, signatories, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signatory"].queryset = signatories
        self._set_version(version)

    def clean_signed_on(self):
        value = self.cleaned_data["signed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Datumet kan inte vara i framtiden."))
        return value


class ExportFilterForm(SwedishChoicesMixin, forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Kommun"),
        required=False,
        queryset=Party.objects.filter(kind=Party.Kind.MUNICIPALITY),
        empty_label=_("Alla"),
        widget=PlainSelect,  # 290 municipalities
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alla"))] + list(Agreement.Status.choices),
    )
    year = forms.IntegerField(
        label=_("År för underskrift"),
        required=False,
        min_value=2000,
        max_value=2100,
        error_messages={
            "min_value": _("Ange ett år från 2000."),
            "max_value": _("Ange ett år senast 2100."),
            "invalid": _("Ange året med fyra siffror, till exempel 2026."),
        },
    )
