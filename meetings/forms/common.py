from crispy_forms.helper import FormHelper
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samverkan.models import Party

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
NEGATIVE = _("Antalet kan inte vara negativt.")


def plain_helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


def agreement_parties(agreement, **filters):
    """The agreement's own parties: what a user may pick as convener or municipality."""
    return Party.objects.filter(Q(agreement_memberships__agreement=agreement), **filters)
