"""The form that creates a personal API token."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.concurrency import CreateOnceFormMixin

from .models import ApiToken

# Enough for every script a person runs; a sign of leaking tokens long before it hurts.
MAX_ACTIVE_TOKENS = 20


class ApiTokenForm(CreateOnceFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Namn på nyckeln"),
        max_length=100,
        help_text=_("Vad nyckeln ska användas till, till exempel ”Statistikexport”."),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Skriv ett namn på nyckeln."))
        return name

    def clean(self):
        cleaned = super().clean()
        if ApiToken.objects.active().filter(user=self.user).count() >= MAX_ACTIVE_TOKENS:
            raise forms.ValidationError(
                _(
                    "Du har redan %(count)s aktiva nycklar. Återkalla en som inte används "
                    "innan du skapar en ny."
                )
                % {"count": MAX_ACTIVE_TOKENS}
            )
        return cleaned
