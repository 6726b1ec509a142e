"""The search on the demo agreements (seeds 001–003): Swedish words in their forms, each
user finding only what their organisation is party to."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from agreements.demo import JARFALLA, NORDOST, OSTERAKER, demo_agreement
from agreements.models import Agreement, Appendix
from indicators.models import Goal
from meetings.models import Group, JobTrack, Meeting
from samverkan.models import User
from search.kinds import KINDS
from search.services import Search

pytestmark = pytest.mark.django_db

URL = reverse("search:results")


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())


def as_user(client, username):
    client.force_login(User.objects.get(username=username))
    return client


def agreement_of(row) -> int:
    """The agreement a hit belongs to, whatever its kind."""
    if isinstance(row, Agreement):
        return row.pk
    if isinstance(row, Meeting):
        return row.group.agreement_id
    if hasattr(row, "goal"):
        return row.goal.agreement_id
    return row.agreement_id


def hits_by_kind(username, query):
    search = Search(User.objects.get(username=username), query)
    return {kind.key: list(search.queryset(kind)) for kind in KINDS}


def test_serviceassistent_finds_the_jobbspar(client, demo):
    track = JobTrack.objects.get(agreement=demo_agreement(NORDOST), name="Serviceassistent")
    # WHEN an official of Täby, a party to nordost, searches for the occupation
    response = as_user(client, "taby").get(URL, {"q": "serviceassistent"})
    # THEN the jobbspår is among the hits, linked, with the word highlighted
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="traffar-jobbspar"' in html
    assert f'href="{track.get_absolute_url()}"><mark>Serviceassistent</mark></a>' in html


def test_arbetstraning_finds_jarfallas_appendix(client, demo):
    appendix = Appendix.objects.get(
        agreement=demo_agreement(JARFALLA), title__icontains="arbetsträning"
    )
    response = as_user(client, "jarfalla").get(URL, {"q": "arbetsträning"})
    html = response.content.decode()
    assert 'id="traffar-bilagor"' in html
    assert f"Bilaga {appendix.label}: Överenskommelse om <mark>arbetsträning</mark> (AME)" in html
    assert appendix in hits_by_kind("jarfalla", "arbetsträning")["bilagor"]


@pytest.mark.parametrize("query", ["etableringsprogrammet", "etableringsprogram"])
def test_etableringsprogrammet_finds_the_agreements_and_goals_that_name_it(client, demo, query):
    # GIVEN the demo agreements, which all name the etableringsprogram, and nordost's goal
    # whose indicator is "Andelen som avslutar etableringsprogrammet …"
    hits = hits_by_kind("admin", query)
    # THEN every agreement is found, in its word form or another
    assert set(hits["overenskommelser"]) == {
        demo_agreement(NORDOST),
        demo_agreement(OSTERAKER),
        demo_agreement(JARFALLA),
    }
    nordost_goal = Goal.objects.get(
        agreement=demo_agreement(NORDOST), indicators__name__icontains="etableringsprogrammet"
    )
    assert nordost_goal in hits["mal"]
    assert any("etableringsprogram" in i.name.lower() for i in hits["indikatorer"])
    # AND the page shows them grouped by kind, the word highlighted
    html = as_user(client, "admin").get(URL, {"q": query}).content.decode()
    assert 'id="traffar-overenskommelser"' in html and 'id="traffar-mal"' in html
    assert "<mark>etableringsprogrammet</mark>" in html.lower()


def test_the_short_form_finds_the_long_one_in_osterakers_goals(demo):
    # Österåker's indicator says "efter avslutat etableringsprogram", nordost's says
    # "etableringsprogrammet": the stem finds both.
    hits = hits_by_kind("osteraker", "etableringsprogram")
    names = {i.name for i in hits["indikatorer"]}
    assert any("avslutat etableringsprogram " in name for name in names)
    assert any("etableringsprogrammet" in name for name in names)


JARFALLA_WORDS = [
    "järfälla",
    "arbetsträning",
    "etableringsprogrammet",
    "serviceassistent",
    "AME",
    "kompetensförsörjningen",
    "socialförvaltningen",
    "styrgrupp",
    "samverkan",
]


@pytest.mark.parametrize("query", JARFALLA_WORDS)
def test_taby_finds_nothing_of_jarfallas(client, demo, query):
    jarfalla = demo_agreement(JARFALLA)
    # WHEN Täby, not a party to Järfälla's agreement, searches
    found = hits_by_kind("taby", query)
    # THEN no hit of any kind belongs to Järfälla's agreement
    assert jarfalla.pk not in {agreement_of(row) for rows in found.values() for row in rows}
    html = as_user(client, "taby").get(URL, {"q": query}).content.decode()
    assert jarfalla.get_absolute_url() not in html
    assert "Järfälla kommun och Arbetsförmedlingen" not in html


def test_jarfalla_itself_finds_its_own_things_with_the_same_words(demo):
    # The test above can fail: the same words do find Järfälla's rows for Järfälla.
    jarfalla = demo_agreement(JARFALLA)
    found = {
        agreement_of(row)
        for query in JARFALLA_WORDS
        for rows in hits_by_kind("jarfalla", query).values()
        for row in rows
    }
    assert jarfalla.pk in found
    groups = Group.objects.filter(agreement=jarfalla)
    assert groups.exists()
    group_hits = hits_by_kind("jarfalla", groups.first().name)["grupper"]
    assert groups.first() in group_hits
