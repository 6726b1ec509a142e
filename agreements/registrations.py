"""What agreements registers with the core and with itself: the signing box beside the
agreement document, the export menu item, dashboard widgets, reminder kinds, the scale seeder,
the signed-PDF sweep and the demo loaders. ``AgreementsConfig.ready`` calls ``register()``."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from samverkan.backup import RestoreCheck, register_restore_check
from samverkan.demo import DemoLoader, register_demo_loader
from samverkan.navigation import NavItem, register_nav
from samverkan.queue import sweeper_register

from . import dashboard, data_tables, demo, reminders, scale, tasks
from .models import AgreementVersion, Comment, Signature, SignedDocument, agreements_party_to
from .registry import AgreementPanel, register_agreement_panel
from .signing import can_send_for_signature, can_start_revision
from .signing.verification import signed_documents_check


def comments_panel(request, agreement):
    """The open comments between the parties; the panel is the parties' alone."""
    user = request.user
    if not agreements_party_to(user).filter(pk=agreement.pk).exists():
        return None
    open_comments = Comment.objects.filter(agreement=agreement).open()
    return {
        "open": list(open_comments.select_related("author_party").order_by("section", "pk")[:5]),
        "open_count": open_comments.count(),
        "may_write": user.may_write and agreement.is_editable_status,
    }


def signing_panel(request, agreement):
    user = request.user
    ids = [i for i in (agreement.pending_version_id, agreement.version_in_force_id) if i]
    versions = (
        {v.pk: v for v in AgreementVersion.objects.filter(pk__in=ids).defer("snapshot")}
        if ids
        else {}
    )
    pending = versions.get(agreement.pending_version_id)
    in_force = versions.get(agreement.version_in_force_id)
    progress = None
    my_turn = False
    if pending is not None:
        pending_full = AgreementVersion.objects.only("snapshot").get(pk=pending.pk)
        required = [s["id"] for s in pending_full.snapshot.get("signatories", [])]
        signed = set(
            Signature.objects.filter(version=pending).values_list("signatory_id", flat=True)
        )
        progress = {"signed": len(signed & set(required)), "total": len(required)}
        my_turn = agreement.signatories.filter(pk__in=set(required) - signed, user=user).exists()
    document = (
        SignedDocument.objects.filter(version=in_force).first() if in_force is not None else None
    )
    return {
        "pending": pending,
        "in_force": in_force,
        "progress": progress,
        "my_turn": my_turn,
        "document": document,
        "can_send": can_send_for_signature(user, agreement),
        "can_revise": can_start_revision(user, agreement),
        "is_admin": user.is_portal_admin,
        "public_register": settings.PUBLIC_REGISTER,
    }


def register():
    data_tables.register_tables()
    dashboard.register()
    reminders.register()
    scale.register()
    sweeper_register(key="agreements.signed_documents", sweep=tasks.signed_documents_sweep)
    register_restore_check(
        RestoreCheck(
            key="agreements.signed_documents",
            label="signed PDFs match their SHA-256 and seal",
            failure_label="signed PDFs do not verify after restore",
            check=signed_documents_check,
        )
    )
    # After the parties and users (order 0); indicators and meetings build on these.
    register_demo_loader(DemoLoader(key="agreements", load=demo.load_agreements, order=10))
    register_demo_loader(
        DemoLoader(key="agreements.signed", load=demo.sign_demo_agreements, order=90)
    )
    register_agreement_panel(
        AgreementPanel(
            key="signing",
            template_name="agreements/panels/signing.html",
            context=signing_panel,
            order=20,
        )
    )
    register_nav(NavItem(label=_("Data"), url_name="agreements:data", order=85))
    register_agreement_panel(
        AgreementPanel(
            key="comments",
            template_name="agreements/panels/comments.html",
            context=comments_panel,
            order=25,
        )
    )
    register_nav(
        NavItem(
            label=_("Export"),
            url_name="agreements:export",
            order=90,
            visible=lambda user: user.is_authenticated and user.is_portal_admin,
        )
    )
