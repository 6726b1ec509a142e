"""The pages about the portal: public, so that anyone can read them before logging in."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from .markup import render_page_text
from .models import InfoPage


def info_page(request, slug):
    page = get_object_or_404(InfoPage, slug=slug)
    user = request.user
    edit_url = None
    if user.is_authenticated and user.is_portal_admin:
        edit_url = reverse("admin:about_infopage_change", args=[page.pk])
    return render(
        request,
        "about/page.html",
        {"page": page, "body": render_page_text(page.body), "edit_url": edit_url},
    )
