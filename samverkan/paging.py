"""Paging for list pages: a page of rows and the other GET parameters for the page links, so
a list costs the same whatever the number of rows (templates/samverkan/pagination.html)."""

import operator
from functools import reduce

from django.core.paginator import Page, Paginator
from django.db.models import Q


def page_of(
    request, rows, *, per_page: int, param: str = "sida", count: int | None = None
) -> tuple[Page, str]:
    """The requested page of ``rows`` (an invalid or too high number gives a valid page) and
    the query string without ``param``. ``count``, when the caller already has it from an
    aggregate over the same rows, spares the paginator's own COUNT query."""
    paginator = Paginator(rows, per_page)
    if count is not None:
        paginator.count = count  # a cached_property: set, it is never queried
    page = paginator.get_page(request.GET.get(param))
    query = request.GET.copy()
    query.pop(param, None)
    return page, query.urlencode()


def searched(request, rows, *lookups: str, param: str = "q", max_length: int = 100):
    """``rows`` where every word typed in ``param`` is found by one of ``lookups``
    (``"name__icontains"``), and the text as typed (shortened) for the search field."""
    text = (request.GET.get(param) or "").strip()[:max_length]
    for word in text.split():
        rows = rows.filter(reduce(operator.or_, (Q(**{lookup: word}) for lookup in lookups)))
    return rows, text
