from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import Party


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


class PartyForm(forms.ModelForm):
    class Meta:
        model = Party
        fields = ["kind", "name", "organisation_number", "municipality_code", "email"]
        error_messages = {
            "name": {
                "required": _("Ange organisationens namn."),
                "unique": _("Det finns redan en organisation med det namnet."),
            },
            "organisation_number": {"required": _("Ange organisationsnumret.")},
        }
