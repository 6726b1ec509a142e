import html

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.forms.utils import flatatt
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext_lazy as _

from .models import Party

DJANGO_EMPTY_LABEL = "---------"
# Every date field in the portal: the browser's date picker, ISO dates both ways.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def choose_label(field) -> str:
    """The empty choice of a select, in words: ``Välj part``."""
    label = str(field.label or "").strip()
    if not label:
        return str(_("Välj …"))
    return str(_("Välj %(what)s")) % {"what": label[:1].lower() + label[1:]}


class SwedishChoicesMixin:
    """Replaces Django's ``---------`` empty choice with a Swedish "Välj …" on every select."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if getattr(field, "empty_label", None) == DJANGO_EMPTY_LABEL:
                field.empty_label = choose_label(field)
            elif isinstance(field, forms.ChoiceField) and not isinstance(
                field, forms.ModelChoiceField
            ):
                choices = list(field.choices)
                if any(value == "" and label == DJANGO_EMPTY_LABEL for value, label in choices):
                    field.choices = [
                        (value, choose_label(field) if value == "" else label)
                        for value, label in choices
                    ]


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Fel användarnamn eller lösenord. Tänk på att lösenordet skiljer på stora och "
            "små bokstäver."
        ),
        "inactive": _("Kontot är inte aktivt. Kontakta portalens administratör."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Användarnamn")
        self.fields["password"].label = _("Lösenord")
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            # The message names both fields, so both are marked invalid and point at it.
            for name in ("username", "password"):
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": "login-error"}
                )
            raise


class PartyForm(SwedishChoicesMixin, forms.ModelForm):
    class Meta:
        model = Party
        fields = [
            "kind",
            "name",
            "organisation_number",
            "municipality_code",
            "email",
            "sso_create_accounts",
            "sso_email_domains",
        ]
        error_messages = {
            "name": {
                "required": _("Ange organisationens namn."),
                "unique": _("Det finns redan en organisation med det namnet."),
            },
            "organisation_number": {"required": _("Ange organisationsnumret.")},
            "municipality_code": {
                "max_length": _(
                    "Kommunkoden består av fyra siffror, till exempel 0117 för Österåker."
                )
            },
        }
        widgets = {
            # The page offers SCB's codes with the municipalities' names (datalist).
            "municipality_code": forms.TextInput(
                attrs={"list": "kommunkoder", "inputmode": "numeric", "autocomplete": "off"}
            )
        }

    def _post_clean(self):
        # A code refused at the field must not also be reported as missing.
        self.instance._municipality_code_refused = "municipality_code" in self._errors
        super()._post_clean()


class PlainSelect(forms.Select):
    """A select whose options are joined in Python instead of one template render each: the
    same HTML, but a filter listing all 290 municipalities or 3,000 agreements costs
    milliseconds, not a second. Flat choices only (no option groups)."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in self.format_value(value)}
        options = []
        for option_value, label in self.choices:
            option_value = "" if option_value is None else str(option_value)
            selected = option_value in chosen
            if selected and not self.allow_multiple_selected:
                chosen = set()  # like Django's: only the first match is selected
            options.append(
                f'<option value="{html.escape(option_value)}"{" selected" if selected else ""}>'
                f"{html.escape(str(label))}</option>"
            )
        return mark_safe(
            f'<select name="{html.escape(name)}"{flatatt(self.build_attrs(self.attrs, attrs))}>'
            f"{''.join(options)}</select>"
        )


def escaped(value) -> str:
    """conditional_escape() without its lazy-string wrapper: the inputs below call it a
    thousand times a page."""
    return str(value) if isinstance(value, SafeData) else html.escape(str(value))


def template_attrs(attrs) -> str:
    """Widget attributes as Django's ``attrs.html`` writes them, in the same order: ``True``
    as a bare name, ``False`` left out, everything else as ``name="value"``."""
    return "".join(
        f" {escaped(name)}" if value is True else f' {escaped(name)}="{escaped(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class PlainInputMixin:
    """An <input> built in Python instead of Django's widget templates: the same HTML as
    ``input.html``, for pages with a few hundred inputs (the follow-up's entry page)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        value = widget["value"]
        shown = f' value="{escaped(value)}"' if value is not None else ""
        return mark_safe(  # noqa: S308 - every part is escaped above
            f'<input type="{escaped(widget["type"])}" name="{escaped(widget["name"])}"'
            f"{shown}{template_attrs(widget['attrs'])}>"
        )


class PlainTextInput(PlainInputMixin, forms.TextInput):
    pass


class PlainHiddenInput(PlainInputMixin, forms.HiddenInput):
    pass
