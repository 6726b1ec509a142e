"""Comments between the parties on a draft (``models/comments.py``): the writes and their
rules, for every path (views, admin, scripts). Only a party's writers comment, and only
while the text can change; the comments never enter a version (``signing/versions.py``
freezes the agreement's own fields and registered parts, and comments are neither)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Agreement, Comment, agreements_party_to
from .notices import comment_notify


def open_comment_counts(user, agreement) -> dict[int, int] | None:
    """Open comments per section for a party's user; None for anyone outside the parties."""
    if not agreements_party_to(user).filter(pk=agreement.pk).exists():
        return None
    rows = (
        Comment.objects.filter(agreement=agreement)
        .open()
        .values("section")
        .annotate(n=Count("pk"))
        .values_list("section", "n")
    )
    return dict(rows)


def _writable_agreement(agreement, user) -> Agreement:
    """The agreement, locked, if ``user`` may comment on it: a writer of a party, while the
    text can change (the lock orders a comment against sending the text for signature)."""
    if not (user.is_authenticated and user.may_write):
        raise PermissionDenied
    locked = agreements_party_to(user).select_for_update(of=("self",)).filter(pk=agreement.pk)
    agreement = locked.first()
    if agreement is None:
        raise PermissionDenied
    if not agreement.is_editable_status:
        raise ValidationError(
            {
                "text": _(
                    "Överenskommelsen är inte ett utkast längre: kommentarer skrivs bara "
                    "medan texten kan ändras."
                )
            }
        )
    return agreement


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Skriv en kommentar.")})
    return text


@transaction.atomic
def comment_post(*, agreement, section: int, text: str, user) -> Comment:
    """A new comment on one section of ``agreement``'s draft."""
    agreement = _writable_agreement(agreement, user)
    comment = Comment(
        agreement=agreement,
        section=section,
        text=_clean_text(text),
        author=user,
        author_party_id=user.party_id,
    )
    comment.full_clean()
    comment.save()
    comment_notify(comment=comment)
    return comment


@transaction.atomic
def comment_reply(*, comment, text: str, user) -> Comment:
    """An answer in ``comment``'s thread (an answer to an answer joins the same thread)."""
    thread = comment.reply_to if comment.reply_to_id else comment
    agreement = _writable_agreement(thread.agreement, user)
    thread = Comment.objects.select_for_update().get(pk=thread.pk)
    if thread.is_resolved:
        raise ValidationError({"text": _("Kommentaren är redan markerad som löst.")})
    reply = Comment(
        agreement=agreement,
        section=thread.section,
        reply_to=thread,
        text=_clean_text(text),
        author=user,
        author_party_id=user.party_id,
    )
    reply.full_clean()
    reply.save()
    comment_notify(comment=reply)
    return reply


@transaction.atomic
def comment_resolve(*, comment, user) -> bool:
    """Mark ``comment``'s thread resolved; False if someone already had. A party's writer may
    resolve also after the draft was sent for signature (the talk is over)."""
    if not (user.is_authenticated and user.may_write):
        raise PermissionDenied
    thread_pk = comment.reply_to_id or comment.pk
    thread = Comment.objects.visible_to(user).select_for_update().filter(pk=thread_pk).first()
    if thread is None:
        raise PermissionDenied
    if thread.is_resolved:
        return False
    thread.resolved_at = timezone.now()
    thread.resolved_by = user
    thread.save(update_fields=["resolved_at", "resolved_by"])
    return True
