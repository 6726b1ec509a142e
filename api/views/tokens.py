"""The page API-nycklar: a user creates personal API tokens (each shown once) and revokes
them. A user reaches only their own tokens; anyone else's is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.concurrency import form_submission_create_once
from samverkan.paging import page_of

from ..forms import ApiTokenForm
from ..models import ApiToken
from ..services import api_token_create, api_token_revoke

# The new token waits in the session for the one page that shows it, then is gone.
NEW_TOKEN_SESSION_KEY = "api_new_token"


@login_required
def token_list(request):
    if request.method == "POST":
        form = ApiTokenForm(request.POST, user=request.user)
        if form.is_valid():
            made = {}

            def create():
                token, made["raw"] = api_token_create(
                    user=request.user, name=form.cleaned_data["name"]
                )
                return token

            token, created = form_submission_create_once(
                key=form.cleaned_data.get("submission_key"), user=request.user, create=create
            )
            if created:
                request.session[NEW_TOKEN_SESSION_KEY] = {"id": token.pk, "raw": made["raw"]}
            return redirect("api_tokens:list")
    else:
        form = ApiTokenForm(user=request.user)
    new_token = request.session.pop(NEW_TOKEN_SESSION_KEY, None)
    tokens = ApiToken.objects.filter(user=request.user).order_by("revoked_at", "-created_at")
    page, query = page_of(request, tokens, per_page=25)
    return render(
        request,
        "api/token_list.html",
        {"form": form, "page": page, "query": query, "new_token": new_token},
    )


@login_required
@require_POST
def token_revoke(request, token_pk):
    token = get_object_or_404(ApiToken, pk=token_pk, user=request.user)
    api_token_revoke(token=token)
    messages.success(
        request,
        _("Nyckeln ”%(name)s” är återkallad och fungerar inte längre.") % {"name": token.name},
    )
    return redirect("api_tokens:list")
