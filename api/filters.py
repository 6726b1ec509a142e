"""Query filters shared by the endpoints: agreement, party (kommunkod or
organisationsnummer), follow-up period and updated-since. A bad value is a 400 with a
Swedish message, never a 500."""

import contextlib
import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, AgreementParty
from samverkan.models import Party
from samverkan.validators import normalize_organisation_number


# An id no row has (negative, or beyond the database's range) simply matches nothing.
class IdFilter(django_filters.Filter):
    field_class = forms.IntegerField


EARLIEST = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
LATEST = datetime.datetime(9000, 1, 1, tzinfo=datetime.UTC)


class UpdatedSinceField(forms.DateTimeField):
    """An ISO 8601 moment (a date alone means its midnight). A moment before 1900 asks for
    everything and one after 9000 for nothing; both are kept inside what the database and
    the time zone conversion can hold."""

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return None
        try:
            moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise ValidationError(
                _("Ange tidpunkten som ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DDTtt:mm:ss+01:00."),
                code="invalid",
            ) from None
        if moment.year < 1901:
            return EARLIEST
        if moment.year > 8999:
            return LATEST
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment


class UpdatedSinceFilter(django_filters.Filter):
    field_class = UpdatedSinceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("field_name", "updated_at")
        kwargs.setdefault("lookup_expr", "gte")
        kwargs.setdefault(
            "label", "Bara det som ändrats vid eller efter denna tidpunkt (ISO 8601)."
        )
        super().__init__(*args, **kwargs)


def parties_matching(value: str):
    """Parties with this kommunkod (four digits) or organisationsnummer (with or without the
    hyphen). Several Af units share one organisationsnummer."""
    value = (value or "").strip()
    condition = Q(municipality_code=value) if len(value) == 4 and value.isdigit() else Q()
    with contextlib.suppress(ValidationError):
        condition |= Q(organisation_number=normalize_organisation_number(value))
    if not condition:
        return Party.objects.none()
    return Party.objects.filter(condition)


def agreements_with_party(value: str):
    return Agreement.objects.filter(
        Exists(
            AgreementParty.objects.filter(
                agreement=OuterRef("pk"), party__in=parties_matching(value)
            )
        )
    )


class PartyFilter(django_filters.CharFilter):
    """Rows of agreements that a party is party to; ``field_name`` is the path to the
    agreement (``pk`` on agreements themselves)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "label", "Kommunkod (0123) eller organisationsnummer (212000-0043) för en part."
        )
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__in": agreements_with_party(value).values("pk")})
