"""The search page: every kind's best hits, or one kind's hits page by page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from samverkan.paging import page_of

from .kinds import KINDS, KINDS_BY_KEY
from .services import MAX_QUERY_LENGTH, Search

PER_KIND = 5
PER_PAGE = 20


@login_required
def search_results(request):
    search = Search(request.user, request.GET.get("q", ""))
    kind = KINDS_BY_KEY.get(request.GET.get("typ", ""))
    context = {
        "query": search.query,
        "searched": bool(search.query),
        "too_short": bool(search.query) and not search.terms,
        "kinds": KINDS,
        "kind": kind,
        "max_length": MAX_QUERY_LENGTH,
    }
    if kind is not None and search.terms:
        page, query = page_of(request, search.queryset(kind), per_page=PER_PAGE)
        context.update(page=page, page_query=query, hits=search.hits(kind, page.object_list))
    elif search.terms:
        context["groups"] = search.overview(per_kind=PER_KIND)
    return render(request, "search/results.html", context)
