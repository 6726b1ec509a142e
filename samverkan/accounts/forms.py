from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.forms import SwedishChoicesMixin

from .access import roles_assignable_by


class InviteForm(SwedishChoicesMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-postadress"),
        max_length=150,  # it becomes the user name
        help_text=_("Inbjudan skickas hit, och adressen blir personens användarnamn."),
        error_messages={
            "required": _("Ange en e-postadress."),
            "invalid": _("Ange en giltig e-postadress, till exempel namn@kommun.se."),
            "max_length": _("E-postadressen får vara högst 150 tecken lång."),
        },
    )
    first_name = forms.CharField(
        label=_("Förnamn"), max_length=150, error_messages={"required": _("Ange förnamn.")}
    )
    last_name = forms.CharField(
        label=_("Efternamn"), max_length=150, error_messages={"required": _("Ange efternamn.")}
    )
    title = forms.CharField(label=_("Titel"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Roll"), error_messages={"required": _("Välj roll.")})

    def __init__(self, *args, actor, party, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = roles_assignable_by(actor, party)
        self.fields["email"].widget.attrs["autocomplete"] = "off"


class RoleForm(SwedishChoicesMixin, forms.Form):
    role = forms.ChoiceField(label=_("Roll"))

    def __init__(self, *args, actor, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = roles_assignable_by(actor, user.party)
        self.fields["role"].initial = user.role
