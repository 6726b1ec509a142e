"""Services for the signing life cycle: freeze, sign, register paper signatures, revise.

utkast / under revidering --send for signature--> för underskrift (version N frozen)
för underskrift --every signatory signed--> gällande (version N in force, signed PDF made),
    or undertecknad (signed, starts later) --its start date, daily task--> gällande
gällande --start revision--> under revidering (version N stays in force until N+1 is signed)
för underskrift --start revision--> utkast / under revidering (version N withdrawn)

Every service locks the agreement row first, so two signatories signing at the same moment
are serialised: both signatures are recorded and exactly one of them completes the version.
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.queue import enqueue_on_commit

from .. import tasks
from ..models import Agreement, AgreementVersion, Signatory, Signature, SignedDocument
from ..notices import signature_requests_notify
from .versions import version_freeze

logger = logging.getLogger(__name__)


class SigningError(ValidationError):
    """A signing rule refused the action; the message is for the user (Swedish)."""


def _may_manage(user, agreement) -> bool:
    """Officials, section chiefs of a party, and administrators move an agreement along."""
    if not (user.is_authenticated and user.is_active):
        return False
    if not user.may_write:
        return False
    return Agreement.objects.visible_to(user).filter(pk=agreement.pk).exists()


def can_send_for_signature(user, agreement) -> bool:
    return agreement.status in Agreement.EDITABLE_STATUSES and _may_manage(user, agreement)


def can_start_revision(user, agreement) -> bool:
    return agreement.status in REVISABLE_STATUSES and _may_manage(user, agreement)


REVISABLE_STATUSES = (
    Agreement.Status.IN_FORCE,
    Agreement.Status.SIGNED,
    Agreement.Status.FOR_SIGNATURE,
)


def _lock(agreement) -> Agreement:
    return Agreement.objects.select_for_update().get(pk=agreement.pk)


@transaction.atomic
def agreement_send_for_signature(*, agreement, user, sent_at=None) -> AgreementVersion:
    """Freeze the draft as a new version and open it for signature.

    ``sent_at`` records an agreement that was sent for signature before it came into the
    portal (the demo's Järfälla version of December 2022); it cannot be in the future.
    """
    if not _may_manage(user, agreement):
        raise PermissionDenied
    if sent_at is not None and sent_at > timezone.now():
        raise SigningError(_("Datumet då versionen skickades kan inte vara i framtiden."))
    agreement = _lock(agreement)
    if agreement.status not in Agreement.EDITABLE_STATUSES:
        raise SigningError(
            _(
                "Bara ett utkast eller en överenskommelse under revidering kan skickas för underskrift."
            )
        )
    signatories = list(agreement.signatories.all())
    if not signatories:
        raise SigningError(_("Ange minst en undertecknare innan överenskommelsen skickas."))
    party_ids = set(agreement.agreement_parties.values_list("party_id", flat=True))
    missing = party_ids - {s.party_id for s in signatories}
    if missing:
        raise SigningError(
            _("Varje part måste ha minst en undertecknare. Saknas för: %(parties)s")
            % {
                "parties": ", ".join(
                    sorted(
                        ap.party.name
                        for ap in agreement.agreement_parties.select_related("party")
                        if ap.party_id in missing
                    )
                )
            }
        )
    version = version_freeze(agreement=agreement, user=user, frozen_at=sent_at)
    agreement.pending_version = version
    agreement.status = Agreement.Status.FOR_SIGNATURE
    agreement.save(update_fields=["pending_version", "status", "updated_at"])
    signature_requests_notify(agreement=agreement, version=version, signatories=signatories)
    return version


def _ensure_open(agreement: Agreement, version: AgreementVersion, signatory: Signatory):
    if agreement.pending_version_id != version.pk or agreement.status != (
        Agreement.Status.FOR_SIGNATURE
    ):
        raise SigningError(
            _(
                "Den här versionen kan inte längre skrivas under: överenskommelsen har ändrats "
                "eller är redan undertecknad."
            )
        )
    if signatory.agreement_id != agreement.pk or signatory.pk not in {
        s["id"] for s in version.snapshot.get("signatories", [])
    }:
        raise SigningError(_("Personen är inte undertecknare av den här versionen."))


def _record(*, version, signatory, **fields) -> Signature:
    try:
        with transaction.atomic():
            return Signature.objects.create(
                version=version,
                signatory=signatory,
                name=signatory.name,
                title=signatory.title,
                party_name=signatory.party.name,
                **fields,
            )
    except IntegrityError as exc:
        raise SigningError(
            _("%(name)s har redan skrivit under.") % {"name": signatory.name}
        ) from exc


def _complete_if_all_signed(agreement: Agreement, version: AgreementVersion) -> bool:
    required = {s["id"] for s in version.snapshot.get("signatories", [])}
    signed = set(version.signatures.values_list("signatory_id", flat=True))
    if not required <= signed:
        return False
    agreement.version_in_force = version
    agreement.pending_version = None
    agreement.in_force_from = agreement.validity_in_force().valid_from
    agreement.status = _signed_status(agreement, timezone.localdate())
    agreement.save(
        update_fields=[
            "version_in_force",
            "pending_version",
            "in_force_from",
            "status",
            "updated_at",
        ]
    )
    # Signed by all on the day of the last signature, whatever order they were registered in.
    last = version.signatures.aggregate(on=Max("signed_on"), at=Max("signed_at"))
    document, _created = SignedDocument.objects.get_or_create(
        version=version, defaults={"signed_on": last["on"], "signed_at": last["at"]}
    )
    transaction.on_commit(lambda: signed_document_enqueue(document.pk))
    return True


def _signed_status(agreement: Agreement, today) -> str:
    """A signed agreement is in force from its start date; before it, signed and coming."""
    if agreement.in_force_from and agreement.in_force_from > today:
        return Agreement.Status.SIGNED
    return Agreement.Status.IN_FORCE


def agreement_states_update(*, today=None) -> int:
    """The daily move: a signed agreement whose start date has come is in force. Returns how
    many agreements moved; running twice a day moves nothing the second time."""
    today = today or timezone.localdate()
    moved = 0
    for pk in Agreement.objects.filter(
        status=Agreement.Status.SIGNED, in_force_from__lte=today
    ).values_list("pk", flat=True):
        with transaction.atomic():
            agreement = _lock(Agreement(pk=pk))
            if agreement.status != Agreement.Status.SIGNED:
                continue  # a revision was started meanwhile: it keeps its own status
            agreement.status = _signed_status(agreement, today)
            if agreement.status == Agreement.Status.IN_FORCE:
                agreement.save(update_fields=["status", "updated_at"])
                moved += 1
    return moved


def signed_document_enqueue(document_id: int) -> None:
    """Hand the signed PDF to a worker; a broker that is down is logged, never an error for
    the signer: the row waits and the sweep hands it over (``tasks.signed_documents_sweep``)."""
    enqueue_on_commit(tasks.make_signed_document, document_id)


@transaction.atomic
def agreement_sign(*, version, signatory, user, password) -> Signature:
    """The signatory signs the frozen version in the portal, re-entering the password."""
    if signatory.user_id is None or signatory.user_id != user.pk:
        raise PermissionDenied
    if not user.check_password(password or ""):
        raise SigningError({"password": [_("Lösenordet stämmer inte. Försök igen.")]})
    agreement = _lock(version.agreement)
    _ensure_open(agreement, version, signatory)
    now = timezone.now()
    signature = _record(
        version=version,
        signatory=signatory,
        method=Signature.Method.PORTAL,
        signed_at=now,
        signed_on=timezone.localdate(now),
        recorded_by=user,
    )
    _complete_if_all_signed(agreement, version)
    return signature


@transaction.atomic
def signature_register_paper(*, version, signatory, user, signed_on, scan=None) -> Signature:
    """An administrator records a signature made on paper: its date and optionally a scan."""
    if not user.is_portal_admin:
        raise PermissionDenied
    if signed_on > timezone.localdate():
        raise SigningError({"signed_on": [_("Datumet kan inte vara i framtiden.")]})
    sent_on = timezone.localdate(version.created_at)
    if signed_on < sent_on:
        raise SigningError(
            {
                "signed_on": [
                    _(
                        "Datumet kan inte vara före %(date)s, då versionen skickades för "
                        "underskrift."
                    )
                    % {"date": sent_on.isoformat()}
                ]
            }
        )
    agreement = _lock(version.agreement)
    _ensure_open(agreement, version, signatory)
    signature = _record(
        version=version,
        signatory=signatory,
        method=Signature.Method.PAPER,
        signed_at=timezone.now(),
        signed_on=signed_on,
        recorded_by=user,
    )
    if scan is not None:
        signature.scan.save(f"underskrift-{signature.pk}.pdf", scan, save=True)
    _complete_if_all_signed(agreement, version)
    return signature


@transaction.atomic
def agreement_start_revision(*, agreement, user) -> Agreement:
    """Open the agreement for changes. A version out for signature is withdrawn (its
    signatures are kept but it can no longer be completed); a version in force stays in force
    until the revised one is signed."""
    if not _may_manage(user, agreement):
        raise PermissionDenied
    agreement = _lock(agreement)
    if agreement.status not in REVISABLE_STATUSES:
        raise SigningError(_("Överenskommelsen kan inte revideras i sin nuvarande status."))
    agreement.pending_version = None
    agreement.status = (
        Agreement.Status.UNDER_REVISION if agreement.version_in_force_id else Agreement.Status.DRAFT
    )
    agreement.save(update_fields=["pending_version", "status", "updated_at"])
    return agreement


# --- The signed PDF --------------------------------------------------------------------


def signed_document_retry(*, document, user) -> None:
    if not user.is_portal_admin:
        raise PermissionDenied
    if document.status == SignedDocument.Status.READY:
        return
    # Failed: try again. Waiting or abandoned mid-work: hand it over again; the task claims
    # the row under a lock, so a document already being made is not made twice.
    SignedDocument.objects.filter(pk=document.pk, status=SignedDocument.Status.FAILED).update(
        status=SignedDocument.Status.WAITING
    )
    signed_document_enqueue(document.pk)
