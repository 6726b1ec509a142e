"""The bell's notices, each person's preferences, and the administrators' reminder log."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from .models import Reminder
from .registry import kind_label
from .services import (
    daily_digest_for,
    notice_mark_read,
    notices_mark_read,
    preferences_for,
    reminder_preferences_set,
    reminder_resend,
    reminders_resend_failed,
)


@login_required
def notices(request):
    page = Paginator(Reminder.objects.for_user(request.user), 25).get_page(request.GET.get("sida"))
    for notice in page:
        notice.kind_label = kind_label(notice.kind)
    return render(request, "reminders/notices.html", {"page": page})


@login_required
def notice_open(request, pk):
    """Follow a notice to what it is about, marking it read. Someone else's is a 404."""
    notice = get_object_or_404(Reminder.objects.for_user(request.user), pk=pk)
    notice_mark_read(notice=notice)
    # Links are the kinds' own, but a redirect leaves the portal only for the portal itself.
    allowed = {request.get_host(), urlsplit(settings.SITE_URL).netloc}
    if notice.link and url_has_allowed_host_and_scheme(notice.link, allowed_hosts=allowed):
        return redirect(notice.link)
    return redirect("reminders:notices")


@login_required
@require_POST
def notices_read(request):
    notices_mark_read(user=request.user)
    messages.success(request, _("Alla notiser är markerade som lästa."))
    return redirect("reminders:notices")


@login_required
def preferences(request):
    if request.method == "POST":
        delivery = request.POST.get("delivery")
        reminder_preferences_set(
            user=request.user,
            enabled_keys=set(request.POST.getlist("kind")),
            daily_digest={"digest": True, "direct": False}.get(delivery),
        )
        messages.success(request, _("Dina inställningar för påminnelser är sparade."))
        return redirect("reminders:preferences")
    return render(
        request,
        "reminders/preferences.html",
        {
            "preferences": preferences_for(request.user),
            "daily_digest": daily_digest_for(request.user),
        },
    )


def _require_admin(user):
    # Like every object a person may not see: the page does not exist for them.
    if not user.is_portal_admin:
        raise Http404


@login_required
def admin_list(request):
    _require_admin(request.user)
    status = request.GET.get("status", "")
    reminders = Reminder.objects.select_related("recipient", "recipient__party")
    if status in Reminder.Status.values:
        reminders = reminders.filter(status=status)
    counts = dict(Reminder.objects.values_list("status").annotate(n=Count("pk")))
    page = Paginator(reminders, 50).get_page(request.GET.get("sida"))
    for reminder in page:
        reminder.kind_label = kind_label(reminder.kind)
    return render(
        request,
        "reminders/admin_list.html",
        {
            "page": page,
            "status": status,
            "failed_count": counts.get(Reminder.Status.FAILED, 0),
            "statuses": [
                (value, label, counts.get(value, 0)) for value, label in Reminder.Status.choices
            ],
        },
    )


@login_required
@require_POST
def admin_resend(request, pk):
    _require_admin(request.user)
    reminder = get_object_or_404(Reminder, pk=pk)
    reminder_resend(reminder=reminder)
    messages.success(request, _("Påminnelsen skickas igen."))
    return redirect(f"{reverse('reminders:admin_list')}?status=failed")


@login_required
@require_POST
def admin_resend_failed(request):
    """Every failed reminder at once, e.g. after the mail server was down for a day."""
    _require_admin(request.user)
    count = reminders_resend_failed()
    if count:
        messages.success(
            request,
            ngettext(
                "%(count)d misslyckad påminnelse skickas igen.",
                "%(count)d misslyckade påminnelser skickas igen.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.info(request, _("Det finns inga misslyckade påminnelser att skicka igen."))
    return redirect(f"{reverse('reminders:admin_list')}?status=failed")
