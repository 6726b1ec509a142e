"""Accounts without the Django admin: each organisation's users, invitations, role changes,
deactivation. Fetched through ``access``, so another organisation's users are a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.models import Party, User
from samverkan.paging import page_of

from . import services
from .access import may_manage_party, may_see_party_users, users_manageable_by
from .forms import InviteForm, RoleForm
from .models import AccountEvent, Invitation

PER_PAGE = 50


def _party_for(request, party_pk, *, manage=False) -> Party:
    party = get_object_or_404(Party, pk=party_pk)
    allowed = may_manage_party if manage else may_see_party_users
    if not allowed(request.user, party):
        raise Http404
    return party


@login_required
def my_organisation_users(request):
    """The menu's "Användare": one's own organisation's list (administrators: all of them)."""
    if request.user.party_id:
        return redirect("accounts:party_users", party_pk=request.user.party_id)
    if request.user.is_portal_admin:
        return redirect("party_list")
    raise Http404


@login_required
def party_users(request, party_pk):
    party = _party_for(request, party_pk)
    open_invitation = Invitation.objects.filter(
        user=OuterRef("pk"), accepted_at=None, replaced_at=None, expires_at__gt=timezone.now()
    )
    users = (
        User.objects.filter(party=party)
        .annotate(invited=Exists(open_invitation))
        .order_by("-is_active", "last_name", "first_name", "username")
    )
    page, query = page_of(request, users, per_page=PER_PAGE)
    return render(
        request,
        "accounts/party_users.html",
        {
            "party": party,
            "page": page,
            "query": query,
            "may_manage": may_manage_party(request.user, party),
        },
    )


@login_required
def user_invite(request, party_pk):
    party = _party_for(request, party_pk, manage=True)
    form = InviteForm(request.POST or None, actor=request.user, party=party)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.user_invite(by=request.user, party=party, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("En inbjudan har skickats till %(email)s.") % {"email": invitation.user.email},
            )
            return redirect("accounts:party_users", party_pk=party.pk)
    return render(request, "accounts/invite.html", {"form": form, "party": party})


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _managed_user(request, user_pk) -> User:
    return get_object_or_404(users_manageable_by(request.user), pk=user_pk)


@login_required
def user_detail(request, user_pk):
    user = _managed_user(request, user_pk)
    form = RoleForm(request.POST or None, actor=request.user, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_role_change(by=request.user, user=user, role=form.cleaned_data["role"])
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Rollen är sparad."))
            return redirect("accounts:user_detail", user_pk=user.pk)
    events = AccountEvent.objects.filter(user=user).select_related("actor")[:100]
    invitation = user.invitations.first()
    return render(
        request,
        "accounts/user_detail.html",
        {
            "managed": user,
            "form": form,
            "events": events,
            "invitation": invitation,
            "is_self": user.pk == request.user.pk,
        },
    )


ACTIONS = {
    "deactivate": (services.user_deactivate, _("Kontot är inaktiverat.")),
    "reactivate": (services.user_reactivate, _("Kontot är aktivt igen.")),
    "resend": (services.invitation_resend, _("En ny inbjudan har skickats.")),
}


@login_required
@require_POST
def user_action(request, user_pk, action):
    user = _managed_user(request, user_pk)
    if action not in ACTIONS:
        raise Http404
    service, done = ACTIONS[action]
    try:
        service(by=request.user, user=user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, str(done))
    return redirect("accounts:user_detail", user_pk=user.pk)


INVALID = {
    "unknown": _("Länken finns inte. Kontrollera att du har kopierat hela länken från e-posten."),
    "used": _(
        "Länken har redan använts för att välja lösenord. Logga in med ditt lösenord, eller "
        "välj ”Glömt lösenordet?” på inloggningssidan."
    ),
    "replaced": _(
        "Den här inbjudan har ersatts av en nyare. Använd länken i den senaste e-posten."
    ),
    "expired": _(
        "Länken har slutat gälla. Be den som bjöd in dig, eller din organisationsadministratör, "
        "att skicka en ny inbjudan."
    ),
    "inactive": _("Kontot är inaktiverat. Kontakta din organisationsadministratör."),
}


def invitation_accept(request, token):
    """The link in the invitation e-mail: choose a password, then log in."""
    try:
        invitation = services.invitation_by_token(token)
    except services.InvitationInvalid as exc:
        return render(
            request,
            "accounts/invitation_invalid.html",
            {"message": INVALID[exc.reason]},
            status=404 if exc.reason == "unknown" else 410,
        )
    user = invitation.user
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_accept(token=token, password=form.cleaned_data["new_password1"])
        except services.InvitationInvalid as exc:
            return render(
                request,
                "accounts/invitation_invalid.html",
                {"message": INVALID[exc.reason]},
                status=410,
            )
        messages.success(
            request,
            _("Ditt lösenord är sparat. Logga in med användarnamnet %(username)s.")
            % {"username": user.username},
        )
        return redirect("login")
    return render(request, "accounts/invitation_accept.html", {"form": form, "invited": user})
