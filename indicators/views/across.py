"""One indicator or Kolada KPI across every agreement the user sees: a table and a chart."""

from csp.decorators import csp_replace
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from samverkan.paging import page_of

from ..across import across, choices
from ..charts import across_chart_svg, chart_height

PER_PAGE = 25


def _chosen(request, kpis, names):
    """The KPI or indicator name asked for, when the user may compare it; None for nothing
    chosen; 404 for something the user does not see."""
    kpi = request.GET.get("kpi", "").strip()
    name = request.GET.get("namn", "").strip()
    if not kpi and not name:
        return None, None
    if kpi and kpi not in {k for k, _title in kpis}:
        raise Http404
    if not kpi and name not in names:
        raise Http404
    return kpi, ("" if kpi else name)


@login_required
@require_safe
def across_page(request):
    kpis, names = choices(request.user)
    kpi, name = _chosen(request, kpis, names)
    result = page = query = None
    if kpi is not None:
        result = across(request.user, kpi=kpi, name=name)
        page, query = page_of(request, result.indicators, per_page=PER_PAGE)
        page.object_list = result.rows_for(page.object_list)
    return render(
        request,
        "indicators/across.html",
        {
            "kpis": kpis,
            "names": names,
            "kpi": kpi or "",
            "name": name or "",
            "result": result,
            "page": page,
            "query": query,
            "chart_height": chart_height(len(page)) if page else 0,
        },
    )


@login_required
@require_safe
@csp_replace({"style-src": ["'self'", "'unsafe-inline'"], "script-src": ["'none'"]})
def across_chart(request):
    kpi, name = _chosen(request, *choices(request.user))
    if kpi is None:
        raise Http404
    result = across(request.user, kpi=kpi, name=name)
    page, _query = page_of(request, result.indicators, per_page=PER_PAGE)
    svg = across_chart_svg(result, result.rows_for(page.object_list))
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=60"
    response["X-Content-Type-Options"] = "nosniff"
    return response
