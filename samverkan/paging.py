"""Paging for list pages: a page of rows and the other GET parameters for the page links, so
a list costs the same whatever the number of rows (templates/samverkan/pagination.html)."""

from django.core.paginator import Page, Paginator


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
