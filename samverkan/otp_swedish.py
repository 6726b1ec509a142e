"""django-otp's TOTP devices in Swedish, as ``axes_swedish`` does for django-axes: the
package has no Swedish translation, so the names the admin shows are set here
(INSTALLED_APPS names ``TotpConfig`` instead of ``django_otp.plugins.otp_totp``). Migrations
read the declared names, so the package's migrations stay as they are."""

from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig

FIELD_NAMES = {
    "user": _("användare"),
    "name": _("namn"),
    "confirmed": _("bekräftad"),
    "key": _("hemlig nyckel"),
    "step": _("tidssteg (sekunder)"),
    "t0": _("starttid (Unix-tid)"),
    "digits": _("antal siffror"),
    "tolerance": _("tolerans (steg)"),
    "drift": _("klockavvikelse (steg)"),
    "last_t": _("senast använda tidssteg"),
    "throttling_failure_timestamp": _("senaste felaktiga kod"),
    "throttling_failure_count": _("felaktiga koder i följd"),
    "created_at": _("skapad"),
    "last_used_at": _("senast använd"),
}


class TotpConfig(DefaultConfig):
    verbose_name = _("Tvåstegsverifiering")

    def ready(self):
        super().ready()
        for model in self.get_models():
            if model.__name__ == "TOTPDevice":
                model._meta.verbose_name = _("app för engångskoder")
                model._meta.verbose_name_plural = _("appar för engångskoder")
            for field in model._meta.get_fields():
                if field.name in FIELD_NAMES and hasattr(field, "verbose_name"):
                    field.verbose_name = FIELD_NAMES[field.name]
