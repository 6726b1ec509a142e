""" "Ny överenskommelse från gällande": a new draft from an agreement in force."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverkan.concurrency import CreateOnceFormMixin, form_submission_create_once

from ..copying import agreement_copy_from_in_force, copyable_by


class CopyFromInForceForm(CreateOnceFormMixin, forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Titel på den nya överenskommelsen"),
        max_length=300,
        help_text=gettext_lazy("Till exempel med den nya mandatperioden i titeln."),
    )


@login_required
def copy_from_in_force(request, pk):
    source = get_object_or_404(copyable_by(request.user), pk=pk)
    form = CopyFromInForceForm(request.POST or None, initial={"title": source.title})
    if request.method == "POST" and form.is_valid():
        try:
            target, created = form_submission_create_once(
                key=form.cleaned_data["submission_key"],
                user=request.user,
                create=lambda: agreement_copy_from_in_force(
                    source=source, user=request.user, title=form.cleaned_data["title"]
                ),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if target is None:
                raise Http404
            if created:
                messages.success(
                    request, _("Ett nytt utkast är skapat från den gällande överenskommelsen.")
                )
            return redirect(target)
    return render(request, "agreements/copy_from_in_force.html", {"form": form, "source": source})
