"""An agreement's history for its parties, and the administrators' whole log."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from agreements.models import Agreement
from samverkan.paging import page_of

from .feed import entries_for, log_rows
from .forms import LogFilterForm

AGREEMENT_PAGE_SIZE = 25
LOG_PAGE_SIZE = 50


@login_required
def agreement_history(request, pk):
    agreement = get_object_or_404(Agreement.objects.visible_to(request.user), pk=pk)
    page, query = page_of(
        request, log_rows(agreement_pk=agreement.pk), per_page=AGREEMENT_PAGE_SIZE
    )
    return render(
        request,
        "history/agreement_history.html",
        {"agreement": agreement, "page": page, "query": query, "entries": entries_for(page)},
    )


@login_required
def admin_log(request):
    # Like every object a person may not see: the page does not exist for them.
    if not request.user.is_portal_admin:
        raise Http404
    form = LogFilterForm(request.GET or None)
    filters = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        kind = data["kind"]
        filters = {
            "who": data["who"].strip(),
            "kinds": {kind} if kind else None,
            "agreement_pk": data["agreement"].pk if data["agreement"] else None,
            "date_from": data["date_from"],
            "date_to": data["date_to"],
        }
    rows = log_rows(**filters) if not form.errors else []
    page, query = page_of(request, rows, per_page=LOG_PAGE_SIZE)
    return render(
        request,
        "history/admin_log.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "entries": entries_for(page, with_agreement=True),
        },
    )
