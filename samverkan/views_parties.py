"""Organisations, managed by administrators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .forms import PartyForm
from .models import Party
from .paging import page_of, searched
from .validators import MUNICIPALITIES

PARTIES_PER_PAGE = 50


def _require_admin(user):
    if not user.is_portal_admin:
        raise Http404


@login_required
def party_list(request):
    _require_admin(request.user)
    parties, query = searched(
        request,
        Party.objects.all(),
        "name__icontains",
        "organisation_number__icontains",
        "municipality_code__startswith",
    )
    kind = request.GET.get("typ")
    if kind in Party.Kind.values:
        parties = parties.filter(kind=kind)
    # 290 municipalities and the Af units: a page at a time, the users counted for its rows.
    page, rest = page_of(request, parties.order_by("kind", "name", "pk"), per_page=PARTIES_PER_PAGE)
    counts = dict(
        Party.objects.filter(pk__in=[party.pk for party in page])
        .annotate(n=Count("users"))
        .values_list("pk", "n")
    )
    for party in page:
        party.user_count = counts[party.pk]
    return render(
        request,
        "samverkan/party_list.html",
        {"page": page, "query": rest, "q": query, "kind": kind, "kinds": Party.Kind.choices},
    )


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
