"""The agreements' data tables for CSV and XLSX (samverkan.tables): one row per agreement."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from samverkan.models import Party
from samverkan.tables import Column, Table, register

from .models import Agreement, AgreementTargetGroup, document_fields


def _agreement_rows(user, agreement=None):
    rows = Agreement.objects.visible_to(user)
    if agreement is not None:
        rows = rows.filter(pk=agreement.pk)
    return (
        rows.select_related("version_in_force", "pending_version")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.order_by("name")),
            Prefetch(
                "agreement_target_groups",
                queryset=AgreementTargetGroup.objects.select_related("target_group").order_by(
                    "position", "pk"
                ),
            ),
        )
        .defer("version_in_force__snapshot", "pending_version__snapshot", *document_fields())
        .order_by("pk")
    )


def agreement_columns(*path: str) -> tuple[Column, Column]:
    """The agreement's id and title, reached from a row by the attribute ``path`` (e.g.
    ``"goal", "agreement"``): the first columns of every table that belongs to an agreement."""

    def agreement(obj):
        for name in path:
            obj = getattr(obj, name)
        return obj

    return (
        Column(_("Överenskommelse, id"), lambda o: agreement(o).pk),
        Column(_("Överenskommelse"), lambda o: agreement(o).title),
    )


def _version(version):
    return version.number if version else None


AGREEMENTS = Table(
    key="overenskommelser",
    title=_("Överenskommelser"),
    position=10,
    rows=_agreement_rows,
    columns=(
        Column(_("Id"), lambda a: a.pk),
        Column(_("Titel"), lambda a: a.title),
        Column(_("Diarienummer"), lambda a: a.diarienummer),
        Column(_("Status"), lambda a: a.get_status_display()),
        Column(_("Parter"), lambda a: "; ".join(p.name for p in a.parties.all())),
        Column(
            _("Kommunkoder"),
            lambda a: ", ".join(
                p.municipality_code for p in a.parties.all() if p.municipality_code
            ),
        ),
        Column(
            _("Organisationsnummer"),
            lambda a: ", ".join(
                p.organisation_number for p in a.parties.all() if p.organisation_number
            ),
        ),
        Column(
            _("Målgrupper"),
            lambda a: "; ".join(t.target_group.name for t in a.agreement_target_groups.all()),
        ),
        Column(_("Giltig från"), lambda a: a.valid_from),
        Column(_("Giltig till"), lambda a: a.valid_until),
        Column(_("Upphörde"), lambda a: a.terminated_on),
        Column(_("Gällande version"), lambda a: _version(a.version_in_force)),
        Column(
            _("SHA-256 för gällande version"),
            lambda a: a.version_in_force.content_hash if a.version_in_force else "",
        ),
        Column(_("Version för underskrift"), lambda a: _version(a.pending_version)),
        Column(_("Ändrad"), lambda a: a.updated_at),
    ),
)


def register_tables():
    register(AGREEMENTS)
