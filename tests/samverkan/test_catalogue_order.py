"""Django REST framework's Swedish catalogue comes after Django's in INSTALLED_APPS and words
some of Django's own messages otherwise; the portal's forms keep Django's Swedish."""

from django.utils import translation
from django.utils.translation import gettext


def test_djangos_swedish_wins_on_the_forms():
    with translation.override("sv"):
        assert gettext("This field is required.") == "Detta fält måste fyllas i."
        assert gettext("Enter a valid email address.") == "Fyll i en giltig e-postadress."
        assert gettext("Enter a valid URL.") == "Fyll i en giltig URL."
