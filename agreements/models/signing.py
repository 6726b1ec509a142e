"""Frozen versions of an agreement, the signatures on them and the signed PDF.

Re-exported by ``agreements.models`` with the app's other models.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverkan.files import GeneratedName, PrivateFileField
from samverkan.validators import validate_portal_date


class ImmutableRowError(RuntimeError):
    """A frozen row (a version, a signature, a ready signed PDF) was about to be changed."""

    def __init__(self, message=None):
        super().__init__(
            str(message or _("En undertecknad version och dess underskrifter ändras aldrig."))
        )


class AgreementVersion(models.Model):
    """A frozen, immutable snapshot of an agreement's whole content with the SHA-256 of its
    canonical JSON. Signatures are given to a version, never to the living draft."""

    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("överenskommelse"),
        on_delete=models.PROTECT,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("innehåll"))
    content_hash = models.CharField(_("SHA-256"), max_length=64)
    # When the version was frozen and sent for signature: now, or for an agreement recorded
    # after the fact, the day it really was sent (agreements.signing).
    created_at = models.DateTimeField(_("fryst"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fryst av"),
    )

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versioner")
        ordering = ["agreement", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="agreement_version_once")
        ]

    def __str__(self):
        return _("Version %(number)s") % {"number": self.number}

    def save(self, *args, **kwargs):
        # A signed version must never change (DESIGN.md); a migration adds the same guard as a
        # PostgreSQL trigger for writes that bypass save().
        if self.pk is not None and not self._state.adding:
            raise ImmutableRowError(_("En fryst version av överenskommelsen kan inte ändras."))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "agreements:version_detail",
            kwargs={"pk": self.agreement_id, "number": self.number},
        )

    def delete(self, *args, **kwargs):
        raise ImmutableRowError(_("En version av överenskommelsen tas aldrig bort."))


class Signature(models.Model):
    """One signatory's signature on one version: in the portal (password re-entered) or on
    paper, registered by an administrator with the date and an optional scan."""

    class Method(models.TextChoices):
        PORTAL = "portal", _("I portalen")
        PAPER = "paper", _("På papper")

    version = models.ForeignKey(
        AgreementVersion,
        verbose_name=_("version"),
        on_delete=models.PROTECT,
        related_name="signatures",
    )
    # SET_NULL: a revision may remove a signatory; the signature keeps the copied name.
    signatory = models.ForeignKey(
        "agreements.Signatory",
        verbose_name=_("undertecknare"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="signatures",
    )
    # Copied from the signatory at the moment of signing: the signatory row may later change.
    name = models.CharField(_("namn"), max_length=200)
    title = models.CharField(_("titel"), max_length=200)
    party_name = models.CharField(_("part"), max_length=200)
    method = models.CharField(_("sätt"), max_length=10, choices=Method.choices)
    # When the portal recorded it: the moment of signing in the portal, the moment of
    # registering for paper. ``signed_on`` is the day the person signed.
    signed_at = models.DateTimeField(_("registrerad"))
    signed_on = models.DateField(_("datum"), validators=[validate_portal_date])
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("registrerad av"),
    )
    scan = PrivateFileField(
        _("inskannad underskrift (PDF)"), upload_to=GeneratedName("signatures"), blank=True
    )

    class Meta:
        verbose_name = _("underskrift")
        verbose_name_plural = _("underskrifter")
        ordering = ["version", "signed_on", "signed_at", "pk"]
        constraints = [
            # Two clicks, two tabs or two workers: a signatory signs a version once.
            models.UniqueConstraint(fields=["version", "signatory"], name="signature_once")
        ]

    def __str__(self):
        return f"{self.name}, {self.signed_on}"

    # A signature is recorded once (agreements.signing) and never changed or removed: the
    # signed version and its signed PDF rest on it.
    # The one change allowed: a paper signature's scan attached once, right after recording.
    def save(self, *args, **kwargs):
        if not self._state.adding:
            names = [f.attname for f in self._meta.concrete_fields]
            stored = Signature.objects.filter(pk=self.pk).values(*names).first() or {}
            changed = {name for name in names if stored.get(name) != getattr(self, name, None)}
            if changed - {"scan"} or (changed and stored.get("scan")):
                raise ImmutableRowError(_("En underskrift kan inte ändras."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRowError(_("En underskrift tas aldrig bort."))

    def private_file_url(self, field_name):
        return reverse(
            "agreements:signature_scan",
            kwargs={"pk": self.version.agreement_id, "signature_pk": self.pk},
        )


def new_verification_code() -> str:
    """Twelve characters from an alphabet without look-alikes, grouped for reading aloud."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


class SignedDocument(models.Model):
    """The signed PDF of a fully signed version: made once by a Celery task, stored, never
    changed. The row is the unit of work: its status says what is still missing."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Väntar")
        WORKING = "working", _("Skapas")
        READY = "ready", _("Klar")
        FAILED = "failed", _("Misslyckades")

    version = models.OneToOneField(
        AgreementVersion,
        verbose_name=_("version"),
        on_delete=models.PROTECT,
        related_name="signed_document",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WAITING
    )
    error = models.TextField(_("fel"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    file = PrivateFileField(_("fil"), upload_to=GeneratedName("signed"), blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    verification_code = models.CharField(
        _("kontrollkod"), max_length=14, unique=True, default=new_verification_code
    )
    # The day the last signatory signed (the latest signature date, paper or portal): what
    # "undertecknad av samtliga" means on the PDF, the verification page and the manifest.
    signed_on = models.DateField(_("undertecknad av samtliga"))
    # The moment the last signature reached the portal: the seal's signing time. For paper
    # signatures this is when they were registered, not when they were signed.
    signed_at = models.DateTimeField(_("komplett i portalen"))
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)

    class Meta:
        verbose_name = _("undertecknad PDF")
        verbose_name_plural = _("undertecknade PDF:er")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="ready") | (~Q(sha256="") & ~Q(file="")),
                name="signed_document_ready_has_file",
            )
        ]

    def __str__(self):
        return f"{self.version.agreement} – {self.version} ({self.get_status_display()})"

    def save(self, *args, **kwargs):
        # A ready signed PDF is an archived document: it is never rewritten.
        if (
            not self._state.adding
            and SignedDocument.objects.filter(pk=self.pk, status=self.Status.READY).exists()
        ):
            raise ImmutableRowError(_("Ett undertecknat dokument ändras aldrig när det är klart."))
        super().save(*args, **kwargs)

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    def private_file_url(self, field_name):
        return reverse(
            "agreements:signed_pdf",
            kwargs={"pk": self.version.agreement_id, "number": self.version.number},
        )
