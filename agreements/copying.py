"""A new draft from an agreement in force ("Ny överenskommelse från gällande"), e.g. for the
next term of office.

The draft starts as the agreement reads today: its introduction and nine sections, parties,
target groups, appendices (their text and state, not their files), signatories by party and
title, and what other rooms register as copy steps (goals and indicators, collaboration
groups). Nothing that belongs to the old agreement's life is copied: versions, signatures,
decisions, measurements, reports, meetings. The old agreement is not changed.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from .models import (
    SECTIONS,
    Agreement,
    AgreementParty,
    AgreementTargetGroup,
    Appendix,
    Signatory,
    in_force_q,
)
from .registry import copy_steps

COPIED_FIELDS = ("summary", "review_rule", *(field for _n, field, _h in SECTIONS))


def in_force_for_copying_q() -> Q:
    """In force: a signed version in force today, or an agreement whose status says it is in
    force, also while it is being revised (a revision is of an agreement in force; the demo's
    Österåker agreement of 2023 is one, with no version signed in the portal)."""
    return in_force_q() | Q(status__in=(Agreement.Status.IN_FORCE, Agreement.Status.UNDER_REVISION))


def copyable_by(user):
    """The agreements in force that ``user`` may base a new draft on: the page, its button
    and the service all ask this."""
    if not (user.is_authenticated and user.may_write):
        return Agreement.objects.none()
    return Agreement.objects.visible_to(user).filter(in_force_for_copying_q())


def agreement_copy_from_in_force(*, source: Agreement, user, title: str) -> Agreement:
    """Copy ``source``, which must be in force, into a new draft called ``title``."""
    if not Agreement.objects.visible_to(user).filter(pk=source.pk).exists() or not (user.may_write):
        raise ValidationError(_("Du kan inte skapa en överenskommelse från denna."))
    if not copyable_by(user).filter(pk=source.pk).exists():
        raise ValidationError(
            _("Bara en gällande överenskommelse kan vara grund för en ny överenskommelse.")
        )
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Ange en titel för den nya överenskommelsen.")})
    with transaction.atomic():
        target = Agreement.objects.create(
            status=Agreement.Status.DRAFT,
            title=title,
            **{field: getattr(source, field) for field in COPIED_FIELDS},
        )
        # Row by row (not bulk_create), so each copied row has its history entry.
        for p in source.agreement_parties.all():
            AgreementParty.objects.create(
                agreement=target,
                party_id=p.party_id,
                is_convener=p.is_convener,
                description=p.description,
            )
        for g in source.agreement_target_groups.all():
            AgreementTargetGroup.objects.create(
                agreement=target,
                target_group_id=g.target_group_id,
                heading=g.heading,
                description=g.description,
                position=g.position,
            )
        for a in source.appendices.all():
            Appendix.objects.create(
                agreement=target,
                number=a.number,
                suffix=a.suffix,
                title=a.title,
                responsible_party_id=a.responsible_party_id,
                state=a.state,
                state_note=a.state_note,
                text=a.text,
            )
        # Signatories by party and title; who signs for the new term is confirmed anew.
        for s in source.signatories.all():
            Signatory.objects.create(
                agreement=target,
                party_id=s.party_id,
                name=s.name,
                title=s.title,
                position=s.position,
            )
        for step in copy_steps():
            step.copy(source=source, target=target)
    return target
