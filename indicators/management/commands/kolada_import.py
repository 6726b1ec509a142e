"""``manage.py kolada_import [--agreement PK]``: fetch Kolada values for one or all agreements."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agreements.models import Agreement
from indicators.kolada import kolada_import


class Command(BaseCommand):
    help = "Hämtar värdena för indikatorer med källa Kolada (en överenskommelse eller alla)."

    def add_arguments(self, parser):
        parser.add_argument("--agreement", type=int, help="Bara denna överenskommelse (dess id).")

    def handle(self, *args, agreement=None, **options):
        target = None
        if agreement is not None:
            target = Agreement.objects.filter(pk=agreement).first()
            if target is None:
                raise CommandError(
                    _("Det finns ingen överenskommelse med id %(pk)s.") % {"pk": agreement}
                )
        run = kolada_import(agreement=target)
        self.stdout.write(
            _(
                "Kolada: %(created)s nya, %(updated)s uppdaterade, %(unchanged)s oförändrade, "
                "%(conflicts)s konflikter."
            )
            % {
                "created": run.created,
                "updated": run.updated,
                "unchanged": run.unchanged,
                "conflicts": run.conflicts,
            }
        )
        for message in run.messages:
            self.stdout.write(f"  {message}")
        for error in run.errors:
            self.stderr.write("  " + _("fel: %(error)s") % {"error": error})
        if run.errors:
            raise CommandError(
                ngettext(
                    "%(n)s indikator kunde inte hämtas.",
                    "%(n)s indikatorer kunde inte hämtas.",
                    len(run.errors),
                )
                % {"n": len(run.errors)}
            )
