"""Writing agreements: creation, particulars, the nine sections and their related lists."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samverkan.concurrency import (
    EditConflict,
    form_submission_create_once,
    list_fingerprint,
    list_save_guarded,
)

from ..access import get_editable_agreement
from ..forms import (
    AgreementCreateForm,
    AgreementForm,
    AgreementPartyFormSet,
    AgreementTargetGroupFormSet,
    AppendixFormSet,
    DecisionFormSet,
    PartyLimitedFormMixin,
    SignatoryFormSet,
    section_form_class,
)
from ..guidance import section_guidance
from ..models import SECTION_FIELDS, SECTION_HEADINGS
from ..registry import render_parts_context
from ..services import agreement_create


@login_required
def agreement_create_view(request):
    if not request.user.may_write:
        raise PermissionDenied
    form = AgreementCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {
            k: v
            for k, v in form.cleaned_data.items()
            if k not in ("parties", "base_fingerprint", "submission_key")
        }
        agreement, created = form_submission_create_once(
            key=form.cleaned_data["submission_key"],
            user=request.user,
            create=lambda: agreement_create(
                user=request.user, data=data, other_parties=form.cleaned_data["parties"]
            ),
        )
        if not created:
            messages.info(request, _("Formuläret var redan skickat; överenskommelsen finns här."))
            return redirect(agreement or "agreements:list")
        messages.success(request, _("Överenskommelsen är skapad som utkast."))
        return redirect(agreement)
    return render(request, "agreements/agreement_form.html", {"form": form, "creating": True})


@login_required
def agreement_edit(request, pk):
    agreement = get_editable_agreement(request.user, pk)
    form = AgreementForm(request.POST or None, instance=agreement)
    if request.method == "POST" and form.is_valid() and form.save_guarded():
        messages.success(request, _("Uppgifterna är sparade."))
        return redirect(agreement)
    return render(request, "agreements/agreement_form.html", {"form": form, "agreement": agreement})


@login_required
def section_edit(request, pk, section):
    if section not in SECTION_FIELDS:
        raise Http404
    agreement = get_editable_agreement(request.user, pk)
    form = section_form_class(section)(request.POST or None, instance=agreement)
    if request.method == "POST" and form.is_valid() and form.save_guarded():
        messages.success(
            request,
            _("Avsnitt %(number)s %(heading)s är sparat.")
            % {"number": section, "heading": SECTION_HEADINGS[section]},
        )
        return redirect(f"{agreement.get_absolute_url()}#avsnitt-{section}")
    return render(
        request,
        "agreements/section_form.html",
        {
            "form": form,
            "agreement": agreement,
            "section": section,
            "heading": SECTION_HEADINGS[section],
            "parts": render_parts_context(agreement).get(section, []),
            "guidance": section_guidance().get(section),
        },
    )


# Lists that belong to an agreement, edited as formsets on a page of their own.
RELATED_LISTS = {
    "parter": (AgreementPartyFormSet, _("Parter"), 1),
    "malgrupper": (AgreementTargetGroupFormSet, _("Målgrupper"), 3),
    "undertecknare": (SignatoryFormSet, _("Undertecknare"), 9),
    "bilagor": (AppendixFormSet, _("Bilagor"), None),
    "beslut": (DecisionFormSet, _("Beslut bakom överenskommelsen"), None),
}


@login_required
def related_list_edit(request, pk, kind):
    try:
        formset_class, title, section = RELATED_LISTS[kind]
    except KeyError:
        raise Http404 from None
    agreement = get_editable_agreement(request.user, pk)
    kwargs = {"instance": agreement, "prefix": kind}
    if issubclass(formset_class.form, PartyLimitedFormMixin):
        kwargs["form_kwargs"] = {"agreement": agreement}
    formset = formset_class(request.POST or None, request.FILES or None, **kwargs)
    base = request.POST.get("base_fingerprint", "") if request.method == "POST" else None
    conflict = False
    if request.method == "POST" and formset.is_valid():
        try:
            list_save_guarded(parent=agreement, formset=formset, base_fingerprint=base)
        except EditConflict:
            conflict = True
        else:
            messages.success(request, _("%(title)s är sparade.") % {"title": title})
            anchor = f"#avsnitt-{section}" if section else ""
            return redirect(f"{agreement.get_absolute_url()}{anchor}")
    stored = formset_class.model.objects.filter(agreement=agreement)
    return render(
        request,
        "agreements/related_list_form.html",
        {
            "agreement": agreement,
            "formset": formset,
            "title": title,
            "kind": kind,
            "conflict": conflict,
            "current_rows": stored if conflict else None,
            "base_fingerprint": list_fingerprint(stored)
            if conflict or request.method != "POST"
            else base,
        },
    )
