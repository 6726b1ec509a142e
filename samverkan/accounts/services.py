"""The writes on accounts: invite, accept an invitation, change role, deactivate, reactivate.
Views, the Django admin and commands call these; each records who did what and when."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.models import Party, User
from samverkan.queue import enqueue_on_commit

from .access import may_manage_party, may_manage_user, roles_assignable_by
from .models import AccountEvent, Invitation
from .tasks import invitation_send


def account_event_record(*, user, actor, action, detail="") -> AccountEvent:
    return AccountEvent.objects.create(user=user, actor=actor, action=action, detail=detail)


def _check_role(*, by, party, role) -> None:
    if role not in dict(roles_assignable_by(by, party)):
        if role == User.Role.ADMIN:
            raise ValidationError(
                {"role": _("Bara en administratör kan göra någon till administratör.")}
            )
        if role == User.Role.SECTION_CHIEF:
            raise ValidationError(
                {"role": _("En sektionschef hör till en enhet inom Arbetsförmedlingen.")}
            )
        raise ValidationError({"role": _("Välj en av rollerna i listan.")})
    if role != User.Role.ADMIN and party is None:
        raise ValidationError({"party": _("Välj organisation.")})


def _invitation_create(*, user, by) -> Invitation:
    now = timezone.now()
    # Only the newest link works: an earlier one, perhaps in a forwarded mail, stops working.
    Invitation.objects.filter(user=user, accepted_at=None, replaced_at=None).update(replaced_at=now)
    invitation = Invitation.objects.create(
        user=user,
        invited_by=by,
        created_at=now,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
        enqueued_at=now,
    )
    enqueue_on_commit(invitation_send, invitation.pk)
    return invitation


@transaction.atomic
def user_invite(
    *, by, email: str, first_name: str, last_name: str, party: Party | None, role: str, title=""
) -> Invitation:
    """Create the person's account, without a password, and send them the link to choose
    one. The e-mail address is the user name."""
    if (
        party is not None
        and not may_manage_party(by, party)
        or (party is None and not by.is_portal_admin)
    ):
        raise PermissionDenied
    _check_role(by=by, party=party, role=role)
    email = User.objects.normalize_email(email).strip().lower()
    if (
        User.objects.filter(username__iexact=email).exists()
        or User.objects.filter(email__iexact=email).exists()
    ):
        raise ValidationError({"email": _("Det finns redan en användare med den e-postadressen.")})
    user = User(
        username=email,
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        title=title.strip(),
        party=party,
        role=role,
    )
    user.set_unusable_password()
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:  # the same address invited at the same moment
        raise ValidationError(
            {"email": _("Det finns redan en användare med den e-postadressen.")}
        ) from None
    account_event_record(
        user=user,
        actor=by,
        action=AccountEvent.Action.INVITED,
        detail=_("%(role)s, %(party)s")
        % {"role": user.get_role_display(), "party": party or _("ingen organisation")},
    )
    return _invitation_create(user=user, by=by)


@transaction.atomic
def invitation_resend(*, by, user) -> Invitation:
    if not may_manage_user(by, user):
        raise PermissionDenied
    if not user.is_active:
        raise ValidationError(_("Kontot är inaktiverat. Aktivera det innan du bjuder in igen."))
    if user.has_usable_password():
        raise ValidationError(_("Personen har redan valt ett lösenord."))
    account_event_record(user=user, actor=by, action=AccountEvent.Action.INVITATION_RESENT)
    return _invitation_create(user=user, by=by)


class InvitationInvalid(Exception):
    """The link cannot be used; ``reason`` is one of unknown, used, replaced, expired,
    inactive."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def invitation_check(invitation: Invitation | None) -> Invitation:
    if invitation is None:
        raise InvitationInvalid("unknown")
    if invitation.accepted_at is not None:
        raise InvitationInvalid("used")
    if invitation.replaced_at is not None:
        raise InvitationInvalid("replaced")
    if invitation.expires_at <= timezone.now():
        raise InvitationInvalid("expired")
    if not invitation.user.is_active:
        raise InvitationInvalid("inactive")
    return invitation


def invitation_by_token(token: str) -> Invitation:
    """The invitation the link names, if it may still be used (else InvitationInvalid)."""
    invitation = Invitation.objects.select_related("user", "user__party").filter(token=token)
    return invitation_check(invitation.first())


@transaction.atomic
def invitation_accept(*, token: str, password: str) -> User:
    """Set the password chosen through the link; the link is then used up. The row is locked
    so that two sendings of the form cannot both use it."""
    invitation = invitation_check(
        Invitation.objects.select_for_update().select_related("user").filter(token=token).first()
    )
    user = invitation.user
    user.set_password(password)
    user.save(update_fields=["password"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    account_event_record(user=user, actor=user, action=AccountEvent.Action.INVITATION_ACCEPTED)
    return user


@transaction.atomic
def user_role_change(*, by, user, role: str) -> None:
    if not may_manage_user(by, user):
        raise PermissionDenied
    if user.pk == by.pk:
        raise ValidationError({"role": _("Du kan inte ändra din egen roll.")})
    _check_role(by=by, party=user.party, role=role)
    if role == user.role:
        return
    before = user.get_role_display()
    user.role = role
    user.save()
    account_event_record(
        user=user,
        actor=by,
        action=AccountEvent.Action.ROLE_CHANGED,
        detail=f"{before} → {user.get_role_display()}",
    )


@transaction.atomic
def user_deactivate(*, by, user) -> None:
    """The person can no longer log in; a session they have open ends at its next request
    (the authentication backend refuses inactive users)."""
    if not may_manage_user(by, user):
        raise PermissionDenied
    if user.pk == by.pk:
        raise ValidationError(_("Du kan inte inaktivera ditt eget konto."))
    if not user.is_active:
        return
    user.is_active = False
    user.save(update_fields=["is_active"])
    account_event_record(user=user, actor=by, action=AccountEvent.Action.DEACTIVATED)


@transaction.atomic
def user_reactivate(*, by, user) -> None:
    if not may_manage_user(by, user):
        raise PermissionDenied
    if user.is_active:
        return
    user.is_active = True
    user.save(update_fields=["is_active"])
    account_event_record(user=user, actor=by, action=AccountEvent.Action.REACTIVATED)


def account_changes_record(
    *, user, actor, changed: list[str], role_before: str | None, created: bool = False
) -> None:
    """Record what the Django admin changed in a user's role or access (the admin saves the
    user itself; this keeps its changes in the same record as the portal's)."""
    if created:
        account_event_record(
            user=user,
            actor=actor,
            action=AccountEvent.Action.CREATED,
            detail=_("%(role)s, %(party)s")
            % {"role": user.get_role_display(), "party": user.party or _("ingen organisation")},
        )
        return
    if "role" in changed and role_before != user.role:
        before = User.Role(role_before).label if role_before in User.Role.values else ""
        account_event_record(
            user=user,
            actor=actor,
            action=AccountEvent.Action.ROLE_CHANGED,
            detail=f"{before} → {user.get_role_display()}",
        )
    if "is_active" in changed:
        action = (
            AccountEvent.Action.REACTIVATED if user.is_active else AccountEvent.Action.DEACTIVATED
        )
        account_event_record(user=user, actor=actor, action=action)
