"""Reading agreements: the list with search and filters, and the agreement as a document."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone

from ..access import can_edit, get_visible_agreement
from ..comments import open_comment_counts
from ..copying import copyable_by
from ..forms import AgreementSearchForm
from ..guidance import section_guidance
from ..models import SECTIONS, Agreement, AgreementTargetGroup, Appendix, Decision, Signatory
from ..registry import render_panels, render_parts_context
from ..reminders import review_due_date


@login_required
def agreement_list(request):
    form = AgreementSearchForm(request.GET or None, user=request.user)
    agreements = form.filter(Agreement.objects.visible_to(request.user)).with_parties()
    page = Paginator(agreements.order_by("title", "pk"), 25).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    return render(
        request,
        "agreements/agreement_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "editable_ids": set(
                Agreement.objects.editable_by(request.user)
                .filter(pk__in=[a.pk for a in page])
                .values_list("pk", flat=True)
            ),
        },
    )


def agreement_document_queryset():
    return Agreement.objects.with_parties().prefetch_related(
        Prefetch(
            "agreement_target_groups",
            queryset=AgreementTargetGroup.objects.select_related("target_group"),
        ),
        Prefetch("appendices", queryset=Appendix.objects.select_related("responsible_party")),
        Prefetch("signatories", queryset=Signatory.objects.select_related("party", "user")),
        Prefetch("decisions", queryset=Decision.objects.select_related("party")),
    )


def document_sections(agreement, comment_counts=None, with_guidance=False):
    """The nine sections in template order, each with its text and registered parts, for a
    party's user the open comments on it, and (for those who write it) the template's
    guidance."""
    parts = render_parts_context(agreement)
    guidance = section_guidance() if with_guidance else {}
    return [
        {
            "number": number,
            "heading": heading,
            "text": getattr(agreement, field),
            "parts": parts.get(number, []),
            "open_comments": (comment_counts or {}).get(number, 0),
            "guidance": guidance.get(number),
        }
        for number, field, heading in SECTIONS
    ]


@login_required
def agreement_detail(request, pk):
    agreement = get_visible_agreement(request.user, pk, agreement_document_queryset())
    comment_counts = open_comment_counts(request.user, agreement)
    editable = can_edit(request.user, agreement)
    return render(
        request,
        "agreements/agreement_detail.html",
        {
            "agreement": agreement,
            # A draft being written shows the template's guidance in its empty sections; an
            # agreement under revision has it in the section editor only.
            "sections": document_sections(
                agreement,
                comment_counts,
                with_guidance=editable and agreement.status == Agreement.Status.DRAFT,
            ),
            "comments_shown": comment_counts is not None,
            "can_edit": editable,
            "can_copy": copyable_by(request.user).filter(pk=agreement.pk).exists(),
            "panels": render_panels(request, agreement),
            # A typed date, or the one the rule gives ("minst en gång per mandatperiod").
            "review_due": review_due_date(agreement, timezone.localdate())[0],
        },
    )
