"""Comments between the parties on a draft's sections. They are talk about the text, not the
text: never frozen into a version, its document or its signed PDF."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samverkan.models import Party

from .agreement import SECTIONS, Agreement

COMMENT_MAX_LENGTH = 4000


def agreements_party_to(user):
    """The agreements whose comments ``user`` reads and writes: those their organisation is a
    party to. An administrator outside the parties reads the agreement but not their talk."""
    if not (user.is_authenticated and user.is_active and user.party_id):
        return Agreement.objects.none()
    return Agreement.objects.visible_to(user).filter(agreement_parties__party=user.party_id)


class CommentQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(agreement__in=agreements_party_to(user).values("pk"))

    def threads(self):
        """The first comments of each thread, with their answers, authors and resolvers."""
        return (
            self.filter(reply_to__isnull=True)
            .select_related("author", "author_party", "resolved_by")
            .prefetch_related(
                models.Prefetch(
                    "replies",
                    queryset=Comment.objects.select_related("author", "author_party").order_by(
                        "created_at", "pk"
                    ),
                )
            )
            .order_by("section", "created_at", "pk")
        )

    def open(self):
        return self.filter(reply_to__isnull=True, resolved_at__isnull=True)


class Comment(models.Model):
    """A party's remark on one section of an agreement's draft, or an answer to one (``reply_to``).
    A remark is resolved (löst) when the parties are done with it; its answers follow it."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="comments")
    section = models.PositiveSmallIntegerField(
        _("avsnitt"), choices=[(number, f"{number}. {heading}") for number, _f, heading in SECTIONS]
    )
    reply_to = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("svar på"),
    )
    text = models.TextField(_("kommentar"), validators=[MaxLengthValidator(COMMENT_MAX_LENGTH)])
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("skriven av"),
    )
    # The author's organisation when they wrote: a comment stays a party's word.
    author_party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("part")
    )
    created_at = models.DateTimeField(_("skriven"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("löst"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("löst av"),
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("kommentar")
        verbose_name_plural = _("kommentarer")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(
                fields=["agreement", "section"],
                condition=Q(reply_to__isnull=True, resolved_at__isnull=True),
                name="comment_open_idx",
            )
        ]
        constraints = [
            # Only a thread's first comment is resolved; its answers follow it.
            models.CheckConstraint(
                condition=Q(reply_to__isnull=True) | Q(resolved_at__isnull=True),
                name="comment_only_threads_resolve",
            ),
        ]

    def __str__(self):
        return f"{self.get_section_display()}: {self.text[:60]}"

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None
