"""Reading agreements: access by organisation, search and filters, query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agreements.models import Agreement
from tests.factories import (
    AgreementFactory,
    AgreementTargetGroupFactory,
    AppendixFactory,
    DecisionFactory,
    EmploymentServiceFactory,
    SignatoryFactory,
    TargetGroupFactory,
)

pytestmark = pytest.mark.django_db


def test_outsider_gets_404_for_another_municipalitys_agreement(client, world):
    client.force_login(world.outsider)
    assert client.get(world.agreement.get_absolute_url()).status_code == 404
    listing = client.get(reverse("agreements:list")).content.decode()
    assert world.agreement.title not in listing
    assert world.other_agreement.title in listing


def test_section_chief_of_a_party_sees_the_agreement(client, world):
    client.force_login(world.section_chief)
    response = client.get(world.agreement.get_absolute_url())
    assert response.status_code == 200
    assert world.agreement.title in response.content.decode()


def test_search_by_title_party_and_diarienummer(client, world):
    client.force_login(world.admin)
    url = reverse("agreements:list")
    by_diarienummer = client.get(url, {"q": world.agreement.diarienummer})
    assert list(by_diarienummer.context["page"]) == [world.agreement]
    by_party = client.get(url, {"q": "Täby"})
    assert list(by_party.context["page"]) == [world.other_agreement]
    by_status = client.get(url, {"status": "in_force"})
    assert list(by_status.context["page"]) == []


def test_filter_by_target_group_and_party(client, world):
    group = TargetGroupFactory(name="Unga med funktionsnedsättning")
    AgreementTargetGroupFactory(agreement=world.other_agreement, target_group=group)
    client.force_login(world.admin)
    url = reverse("agreements:list")
    assert list(client.get(url, {"target_group": group.pk}).context["page"]) == [
        world.other_agreement
    ]
    assert list(client.get(url, {"party": world.municipality.pk}).context["page"]) == [
        world.agreement
    ]


def test_document_shows_sections_in_template_order(client, world):
    client.force_login(world.official)
    html = client.get(world.agreement.get_absolute_url()).content.decode()
    headings = [
        "1. Parter",
        "2. Syfte",
        "3. Målgrupper",
        "4. Målsättningar",
        "5. Organisering av samverkan",
        "6. Genomförande av operativ samverkan",
        "7. Uppföljning",
        "8. Varaktighet och plan för revidering",
        "9. Underskrifter",
    ]
    positions = [html.index(h) for h in headings]
    assert positions == sorted(positions)


def test_free_text_is_escaped(client, world):
    Agreement.objects.filter(pk=world.agreement.pk).update(
        text_purpose='<script>alert(1)</script>\n- <img src="file:///etc/passwd">'
    )
    client.force_login(world.official)
    html = client.get(world.agreement.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # The sanitiser escapes what could open a tag; a quote in text is just a quote.
    assert '<li>&lt;img src="file:///etc/passwd"&gt;</li>' in html


def make_agreements(count, municipality, af):
    for _n in range(count):
        agreement = AgreementFactory(parties=[municipality, af, EmploymentServiceFactory()])
        AgreementTargetGroupFactory(agreement=agreement)
        AppendixFactory(agreement=agreement, number=1)
        SignatoryFactory(agreement=agreement, party=municipality)
        DecisionFactory(agreement=agreement)


def query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url_name", ["agreements:list", "dashboard"])
def test_list_and_dashboard_queries_do_not_grow(
    client, world, url_name, django_assert_max_num_queries
):
    # GIVEN 3 agreements, then 30
    client.force_login(world.official)
    make_agreements(3, world.municipality, world.af)
    with_3 = query_count(client, reverse(url_name))
    make_agreements(27, world.municipality, world.af)
    # THEN the page makes the same number of queries
    with django_assert_max_num_queries(with_3):
        client.get(reverse(url_name))
    assert query_count(client, reverse(url_name)) == with_3


def test_agreement_page_queries_do_not_grow(client, world, django_assert_max_num_queries):
    agreement = world.agreement
    client.force_login(world.official)

    def add_rows(start, count):
        for n in range(start, start + count):
            AgreementTargetGroupFactory(agreement=agreement)
            AppendixFactory(agreement=agreement, number=n + 1, responsible_party=world.af)
            SignatoryFactory(agreement=agreement, party=world.municipality)
            DecisionFactory(agreement=agreement, party=world.municipality)

    add_rows(0, 3)
    with_3 = query_count(client, agreement.get_absolute_url())
    add_rows(3, 27)
    with django_assert_max_num_queries(with_3):
        client.get(agreement.get_absolute_url())
    assert query_count(client, agreement.get_absolute_url()) == with_3


@pytest.mark.django_db
def test_dashboard_marks_a_review_date_that_has_passed(client, world):
    # GIVEN one agreement whose review date has passed and one still ahead
    today = timezone.localdate()
    Agreement.objects.filter(pk=world.agreement.pk).update(
        next_review_date=today - datetime.timedelta(days=40)
    )
    client.force_login(world.official)
    # WHEN the official opens the dashboard
    page = client.get(reverse("dashboard")).content.decode()
    # THEN the passed date is marked as passed
    assert "datumet har passerat" in page
    # AND a date ahead is not
    Agreement.objects.filter(pk=world.agreement.pk).update(
        next_review_date=today + datetime.timedelta(days=40)
    )
    assert "datumet har passerat" not in client.get(reverse("dashboard")).content.decode()
