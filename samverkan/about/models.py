"""The pages about the portal itself that the law and the users ask for: the accessibility
statement, personal data and contact. Administrators edit their text without a deploy."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class InfoPage(models.Model):
    """One page about the portal (tillgänglighetsredogörelse, personuppgifter, kontakt): a
    fixed address and a text the administrators keep up to date."""

    class Slug(models.TextChoices):
        ACCESSIBILITY = "tillganglighet", _("Tillgänglighetsredogörelse")
        PERSONAL_DATA = "personuppgifter", _("Personuppgifter")
        CONTACT = "kontakt", _("Kontakt")

    slug = models.SlugField(_("adress"), max_length=40, choices=Slug.choices, unique=True)
    title = models.CharField(_("rubrik"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Stycken skiljs åt av en tom rad. En rad som börjar med ”## ” blir en "
            "mellanrubrik, rader som börjar med ”- ” blir en punktlista. Webbadresser och "
            "e-postadresser blir länkar."
        ),
    )
    updated_at = models.DateTimeField(_("senast ändrad"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ändrad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords(
        verbose_name=_("historik för sida om webbplatsen"),
        verbose_name_plural=_("historik för sidor om webbplatsen"),
    )

    class Meta:
        verbose_name = _("sida om webbplatsen")
        verbose_name_plural = _("sidor om webbplatsen")
        ordering = ["slug"]

    def __str__(self):
        return self.title
