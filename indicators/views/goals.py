"""Writing section 4: an agreement's goals and their indicators, and its follow-up deadlines.

Goals are part of the agreement's text, so they are edited under the agreement's own rule
(``editable_by``: drafts and agreements under revision); deadlines are operational and may be
changed by anyone who enters values.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements.access import get_editable_agreement

from ..forms import FollowUpSettingsForm, GoalForm, IndicatorForm
from ..models import FollowUpSettings, Goal, Indicator, Measurement
from ..selectors import agreement_goals
from ..services import followup_periods_ensure
from .common import require_entry, visible_agreement


@login_required
def goal_list(request, agreement_pk):
    agreement = get_editable_agreement(request.user, agreement_pk)
    return render(
        request,
        "indicators/goal_list.html",
        {"agreement": agreement, "goals": list(agreement_goals(agreement))},
    )


def _form_page(request, agreement, form, title, back):
    return render(
        request,
        "indicators/goal_form.html",
        {"agreement": agreement, "form": form, "title": title, "back": back},
    )


@login_required
def goal_edit(request, agreement_pk, goal_pk=None):
    agreement = get_editable_agreement(request.user, agreement_pk)
    goal = get_object_or_404(Goal, pk=goal_pk, agreement=agreement) if goal_pk else None
    form = GoalForm(
        request.POST or None,
        instance=goal or Goal(agreement=agreement, position=agreement.goals.count()),
        agreement=agreement,
    )
    form.instance._history_user = request.user
    if request.method == "POST" and form.is_valid() and form.save_guarded():
        messages.success(request, _("Målet är sparat."))
        return redirect("indicators:goals", agreement.pk)
    title = _("Ändra målet") if goal else _("Nytt mål")
    return _form_page(request, agreement, form, title, "goals")


@login_required
def indicator_edit(request, agreement_pk, goal_pk=None, indicator_pk=None):
    agreement = get_editable_agreement(request.user, agreement_pk)
    if indicator_pk:
        indicator = get_object_or_404(Indicator, pk=indicator_pk, goal__agreement=agreement)
    else:
        goal = get_object_or_404(Goal, pk=goal_pk, agreement=agreement)
        indicator = Indicator(goal=goal, position=goal.indicators.count())
    form = IndicatorForm(request.POST or None, instance=indicator, agreement=agreement)
    form.instance._history_user = request.user
    if request.method == "POST" and form.is_valid() and form.save_guarded():
        messages.success(request, _("Indikatorn är sparad."))
        return redirect("indicators:goals", agreement.pk)
    title = _("Ändra indikatorn") if indicator.pk else _("Ny indikator")
    return _form_page(request, agreement, form, title, "goals")


@login_required
@require_POST
def goal_delete(request, agreement_pk, goal_pk):
    agreement = get_editable_agreement(request.user, agreement_pk)
    goal = get_object_or_404(Goal, pk=goal_pk, agreement=agreement)
    if goal.indicators.exists():
        messages.error(request, _("Ta bort målets indikatorer först."))
    else:
        goal.delete()
        messages.success(request, _("Målet är borttaget."))
    return redirect("indicators:goals", agreement.pk)


@login_required
@require_POST
def indicator_delete(request, agreement_pk, indicator_pk):
    agreement = get_editable_agreement(request.user, agreement_pk)
    indicator = get_object_or_404(Indicator, pk=indicator_pk, goal__agreement=agreement)
    # Entered values are the follow-up's record; they are not removed by tidying the text.
    if Measurement.objects.filter(indicator=indicator).exists():
        messages.error(request, _("Indikatorn har inmatade värden och kan inte tas bort."))
    else:
        indicator.delete()
        messages.success(request, _("Indikatorn är borttagen."))
    return redirect("indicators:goals", agreement.pk)


@login_required
def settings_edit(request, agreement_pk):
    agreement = visible_agreement(request.user, agreement_pk)
    require_entry(request.user, agreement)
    settings = FollowUpSettings.objects.filter(agreement=agreement).first()
    form = FollowUpSettingsForm(
        request.POST or None, instance=settings or FollowUpSettings(agreement=agreement)
    )
    form.instance._history_user = request.user
    if request.method == "POST" and form.is_valid() and form.save_guarded():
        followup_periods_ensure(agreement=agreement)
        messages.success(request, _("Tidsfristerna är sparade."))
        return redirect("indicators:overview", agreement.pk)
    return _form_page(request, agreement, form, _("Tidsfrister för uppföljningen"), "overview")
