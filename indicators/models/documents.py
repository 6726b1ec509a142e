"""The follow-up report as a stored PDF: made in the background, never inside a request."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverkan.files import GeneratedName, PrivateFileField

from .followup import FollowUpReport


class ReportDocument(models.Model):
    """The PDF of one follow-up report as its content was when it was ordered.

    The row is the unit of work (waiting → working → ready, or failed) and is keyed by the
    report and a fingerprint of what the PDF shows (``content_key``), so a changed report gets
    a new PDF and an unchanged one is made once."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Väntar")
        WORKING = "working", _("Skapas")
        READY = "ready", _("Klar")
        FAILED = "failed", _("Misslyckades")

    report = models.ForeignKey(FollowUpReport, on_delete=models.CASCADE, related_name="documents")
    content_key = models.CharField(_("innehållsnyckel"), max_length=64)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WAITING
    )
    error = models.TextField(_("fel"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    file = PrivateFileField(_("fil"), upload_to=GeneratedName("reports"), blank=True)
    created_at = models.DateTimeField(_("beställd"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("påbörjad"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)

    class Meta:
        verbose_name = _("rapport-PDF")
        verbose_name_plural = _("rapport-PDF:er")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "content_key"], name="report_document_one_per_content"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="ready") | ~models.Q(file=""),
                name="report_document_ready_has_file",
            ),
        ]

    def __str__(self):
        return f"{self.report} ({self.get_status_display()})"

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.WAITING, self.Status.WORKING)

    def private_file_url(self, field_name):
        period = self.report.period
        return reverse(
            "indicators:report_pdf", args=[self.report.agreement_id, period.year, period.half]
        )
