"""The pages about the portal: public, so that anyone can read them before logging in."""

from django.shortcuts import render
from django.urls import reverse

from .defaults import PAGES
from .markup import render_page_text
from .models import InfoPage


def info_page_get(slug: str) -> InfoPage:
    """The page, made from its first text if it is missing."""
    title, body = next((t, b) for s, t, b in PAGES if s == slug)
    page, _created = InfoPage.objects.get_or_create(
        slug=slug, defaults={"title": title, "body": body}
    )
    return page


def info_page(request, slug):
    page = info_page_get(slug)
    user = request.user
    edit_url = None
    if user.is_authenticated and user.is_portal_admin:
        edit_url = reverse("admin:about_infopage_change", args=[page.pk])
    return render(
        request,
        "about/page.html",
        {"page": page, "body": render_page_text(page.body), "edit_url": edit_url},
    )
