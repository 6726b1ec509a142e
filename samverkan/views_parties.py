"""Organisations, managed by administrators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .forms import PartyForm
from .models import Party
from .validators import MUNICIPALITIES


def _require_admin(user):
    if not user.is_portal_admin:
        raise Http404


@login_required
def party_list(request):
    _require_admin(request.user)
    parties = Party.objects.annotate(user_count=Count("users")).order_by("kind", "name")
    return render(request, "samverkan/party_list.html", {"parties": parties})


@login_required
def party_edit(request, party_pk=None):
    _require_admin(request.user)
    party = get_object_or_404(Party, pk=party_pk) if party_pk else None
    form = PartyForm(request.POST or None, instance=party)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Organisationen är sparad."))
        return redirect("party_list")
    return render(
        request,
        "samverkan/party_form.html",
        {"form": form, "party": party, "municipalities": sorted(MUNICIPALITIES.items())},
    )
