"""The pages about the portal (issue 11, part 5): the accessibility statement after DIGG's
model, personal data and contact; public, linked from every page's footer, edited by
administrators without a deploy."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from samverkan.about.markup import render_page_text
from samverkan.about.models import InfoPage
from tests.test_access_all_urls import PUBLIC, URLS, build_url

PAGES = ("about:accessibility", "about:personal_data", "about:contact")


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_each_page_is_public_and_has_its_default_text(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert response.context["page"].body.strip()
    assert reverse("about:accessibility") in response.content.decode()


@pytest.mark.django_db
def test_the_accessibility_statement_follows_digg_s_model(client):
    html = client.get(reverse("about:accessibility")).content.decode()
    for heading in (
        "Hur tillgänglig är webbplatsen?",
        "Vad kan du göra om du inte kan använda delar av webbplatsen?",
        "Rapportera brister i webbplatsens tillgänglighet",
        "Tillsyn",
        "Innehåll som inte är tillgängligt",
        "Hur vi testat webbplatsen",
    ):
        assert f"<h2>{heading}</h2>" in html
    assert "Myndigheten för digital förvaltning (DIGG)" in html
    assert '<a href="https://www.digg.se/tdosanmalan"' in html
    assert '<a href="mailto:kontakt@samverkansportalen.se">' in html


@pytest.mark.django_db
def test_personal_data_page_says_what_why_and_how_long(client):
    html = client.get(reverse("about:personal_data")).content.decode()
    for heading in (
        "Vilka uppgifter sparas?",
        "Varför sparas uppgifterna?",
        "Hur länge sparas uppgifterna?",
    ):
        assert f"<h2>{heading}</h2>" in html


@pytest.mark.django_db
def test_an_administrator_edits_a_page_in_the_admin_and_it_is_recorded(client, world):
    page = InfoPage.objects.get(slug=InfoPage.Slug.CONTACT)
    client.force_login(world.admin)
    html = client.get(reverse("about:contact")).content.decode()
    change_url = reverse("admin:about_infopage_change", args=[page.pk])
    assert change_url in html  # "Redigera sidan"
    response = client.post(
        change_url,
        {"title": "Kontakt", "body": "## Support\n\nRing 08-123 456 eller skriv till a@b.se."},
    )
    assert response.status_code == 302
    html = client.get(reverse("about:contact")).content.decode()
    assert "<h2>Support</h2>" in html
    assert '<a href="mailto:a@b.se">a@b.se</a>' in html
    page.refresh_from_db()
    assert page.updated_by == world.admin
    edit = page.history.get()  # the migration's text has no history row; the edit has
    assert edit.history_user == world.admin
    assert edit.body.startswith("## Support")


@pytest.mark.django_db
def test_others_see_no_edit_link(client, world):
    client.force_login(world.official)
    assert "Redigera sidan" not in client.get(reverse("about:contact")).content.decode()
    response = client.get(reverse("admin:about_infopage_changelist"))
    assert response.status_code == 302  # the admin's own login page


def test_page_text_is_escaped_and_structured():
    html = render_page_text(
        "## Rubrik <b>\n\nFörsta raden\nandra <script>alert(1)</script>\n\n- ett\n- två"
    )
    assert html == (
        "<h2>Rubrik &lt;b&gt;</h2>\n"
        "<p>Första raden<br>andra &lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
        "<ul><li>ett</li><li>två</li></ul>"
    )


@pytest.mark.django_db
def test_every_page_links_the_accessibility_statement_in_its_footer(client, world):
    """Every URL the access test walks, as the official and as an anonymous visitor: each
    HTML page has the footer links (error pages included)."""
    link = f'href="{reverse("about:accessibility")}"'
    urls = []
    for name, params in URLS:
        try:
            with transaction.atomic():
                urls.append((name, build_url(world, name, params)))
        except IntegrityError:
            pass  # a second object of a kind made once per world (the access test has one each)
    checked = 0
    for user in (world.official, None):
        client.logout()
        if user is not None:
            client.force_login(user)
        for name, url in urls:
            if user is None and name not in PUBLIC:
                continue
            response = client.get(url)
            if not response.get("Content-Type", "").startswith("text/html"):
                continue
            if response.status_code in (301, 302, 405):
                continue
            body = response.content.decode()
            footer = body[body.index("<footer") :]
            assert link in footer, name
            checked += 1
    assert checked > 40


@pytest.mark.django_db
def test_a_missing_page_comes_back_with_its_first_text(client):
    InfoPage.objects.all().delete()
    html = client.get(reverse("about:accessibility")).content.decode()
    assert "<h2>Tillsyn</h2>" in html
    assert InfoPage.objects.count() == 1


@pytest.mark.parametrize("handler", ["server_error", "bad_request", "csrf_failure"])
def test_the_error_pages_without_a_request_link_the_statement_too(rf, handler):
    from samverkan import security

    request = rf.get("/")
    response = getattr(security, handler)(request)
    html = response.content.decode()
    assert f'href="{reverse("about:accessibility")}"' in html[html.index("<footer") :]
