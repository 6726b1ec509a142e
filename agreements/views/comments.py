"""The parties' comments on a draft: the list with the forms, answering and resolving.
Anyone outside the agreement's parties gets 404, as for a page that does not exist."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.concurrency import form_submission_create_once
from samverkan.paging import page_of

from ..comments import comment_post, comment_reply, comment_resolve
from ..forms.comments import CommentForm, ReplyForm
from ..models import Comment, agreements_party_to

THREADS_PER_PAGE = 20


def _party_agreement(user, pk):
    return get_object_or_404(agreements_party_to(user), pk=pk)


def _thread_of(user, agreement, comment_pk):
    return get_object_or_404(Comment.objects.visible_to(user), pk=comment_pk, agreement=agreement)


def _list_url(agreement, anchor=""):
    return reverse("agreements:comments", kwargs={"pk": agreement.pk}) + anchor


def _render(request, agreement, *, form=None, failed_reply=None, status=200):
    """The comments page; ``failed_reply`` is (thread pk, bound form) for an answer with errors."""
    may_write = request.user.may_write and agreement.is_editable_status
    show = "losta" if request.GET.get("visa") == "losta" else "oppna"
    threads = Comment.objects.filter(agreement=agreement).threads()
    threads = threads.filter(resolved_at__isnull=show == "oppna")
    page, query = page_of(request, threads, per_page=THREADS_PER_PAGE)
    if form is None:
        initial = {}
        if request.GET.get("avsnitt", "").isdigit():
            initial["section"] = int(request.GET["avsnitt"])
        form = CommentForm(initial=initial)
    replies = {}
    for thread in page:
        if failed_reply and failed_reply[0] == thread.pk:
            replies[thread.pk] = failed_reply[1]
        else:
            replies[thread.pk] = ReplyForm(prefix=f"svar-{thread.pk}")
    return render(
        request,
        "agreements/comments.html",
        {
            "agreement": agreement,
            "form": form,
            "may_write": may_write,
            "may_resolve": request.user.may_write,
            "threads": [(thread, replies[thread.pk]) for thread in page],
            "page": page,
            "query": query,
            "show": show,
            "open_count": Comment.objects.filter(agreement=agreement).open().count(),
        },
        status=status,
    )


@login_required
def comment_list(request, pk):
    agreement = _party_agreement(request.user, pk)
    if request.method != "POST":
        return _render(request, agreement)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comment, created = form_submission_create_once(
                key=form.cleaned_data["submission_key"],
                user=request.user,
                create=lambda: comment_post(
                    agreement=agreement,
                    section=form.cleaned_data["section"],
                    text=form.cleaned_data["text"],
                    user=request.user,
                ),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if created:
                messages.success(request, _("Kommentaren är skickad till parterna."))
            return redirect(_list_url(agreement, f"#kommentar-{comment.pk}" if comment else ""))
    return _render(request, agreement, form=form, status=400)


@login_required
@require_POST
def comment_reply_view(request, pk, comment_pk):
    agreement = _party_agreement(request.user, pk)
    thread = _thread_of(request.user, agreement, comment_pk)
    form = ReplyForm(request.POST, prefix=f"svar-{thread.pk}")
    if form.is_valid():
        try:
            reply, created = form_submission_create_once(
                key=form.cleaned_data["submission_key"],
                user=request.user,
                create=lambda: comment_reply(
                    comment=thread, text=form.cleaned_data["text"], user=request.user
                ),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if created:
                messages.success(request, _("Svaret är skickat."))
            return redirect(_list_url(agreement, f"#kommentar-{thread.pk}"))
    return _render(request, agreement, failed_reply=(thread.pk, form), status=400)


@login_required
@require_POST
def comment_resolve_view(request, pk, comment_pk):
    agreement = _party_agreement(request.user, pk)
    thread = _thread_of(request.user, agreement, comment_pk)
    if comment_resolve(comment=thread, user=request.user):
        messages.success(request, _("Kommentaren är markerad som löst."))
    else:
        messages.info(request, _("Kommentaren var redan markerad som löst."))
    return redirect(_list_url(agreement))
