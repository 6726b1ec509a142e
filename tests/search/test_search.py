"""The search page with factory data: access, escaping, odd input, paging and the cost of a
search as the data grows."""

import pytest
from django.urls import reverse

from search.kinds import KINDS
from search.services import Search, marked_to_html, search_terms
from tests.factories import AgreementFactory, AppendixFactory
from tests.indicators.factories import GoalFactory, IndicatorFactory
from tests.meetings.factories import GroupFactory, JobTrackFactory, MeetingFactory

pytestmark = pytest.mark.django_db

URL = reverse("search:results")


def one_of_each(agreement, word):
    """A row of every kind in ``agreement`` that names ``word``."""
    agreement.text_operations = f"Vi samverkar kring {word} varje vecka."
    agreement.save()
    goal = GoalFactory(agreement=agreement, title=f"Fler i {word}")
    IndicatorFactory(goal=goal, name=f"Antal i {word}")
    group = GroupFactory(agreement=agreement, description=f"Gruppen för {word}")
    MeetingFactory(group=group, minutes=f"Vi talade om {word}.")
    JobTrackFactory(agreement=agreement, training=f"Utbildning i {word}")
    AppendixFactory(agreement=agreement, title=f"Rutin för {word}")


def test_every_kind_is_found_and_the_outsider_sees_none_of_it(client, world):
    one_of_each(world.agreement, "fordonsteknik")
    client.force_login(world.official)
    html = client.get(URL, {"q": "fordonsteknik"}).content.decode()
    for kind in KINDS:
        assert f'id="traffar-{kind.key}"' in html, kind.key
    # The outsider's organisation is not a party: the same search finds nothing.
    client.force_login(world.outsider)
    html = client.get(URL, {"q": "fordonsteknik"}).content.decode()
    assert "Inga träffar för ”fordonsteknik”." in html
    assert "traffar-" not in html
    for kind in KINDS:
        assert not Search(world.outsider, "fordonsteknik").queryset(kind).exists()


def test_the_plain_search_finds_the_same_rows_as_the_full_text_search(world):
    # The plain icontains search (SQLite, make run) runs on any database.
    one_of_each(world.agreement, "fordonsteknik")
    one_of_each(world.other_agreement, "fordonsteknik")
    full = Search(world.official, "Fordonsteknik")
    plain = Search(world.official, "Fordonsteknik")
    plain.full_text = False
    for kind in KINDS:
        assert set(full.queryset(kind)) == set(plain.queryset(kind)), kind.key
        assert len(plain.queryset(kind)) == 1, kind.key
    hit = plain.hits(KINDS[0], plain.queryset(KINDS[0]))[0]
    assert "<mark>fordonsteknik</mark>" in hit.snippet_html


def test_typed_markup_is_shown_as_text_and_only_the_match_is_marked(client, world):
    GoalFactory(agreement=world.agreement, title='<script>alert("x")</script> vårdbiträde')
    client.force_login(world.official)
    html = client.get(URL, {"q": "vårdbiträde <b>"}).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>vårdbiträde</mark>" in html
    assert marked_to_html("a\ue000<i>\ue001 \ue001b") == "a<mark>&lt;i&gt;</mark> b"


@pytest.mark.parametrize(
    "query",
    ["a", "&|!():*'\\", "'; drop table agreements_agreement; --", "x" * 5000, "  ", "ö:* & !ö"],
)
def test_odd_input_gives_a_page_never_an_error(client, world, query):
    client.force_login(world.official)
    response = client.get(URL, {"q": query, "typ": "mal", "sida": "x"})
    assert response.status_code == 200
    assert len(search_terms(query)) <= 8


def test_a_query_without_words_says_what_to_type(client, world):
    client.force_login(world.official)
    html = client.get(URL, {"q": "!?"}).content.decode()
    assert "Skriv minst två bokstäver eller siffror." in html
    assert 'value="!?"' in html


def test_each_kind_is_capped_and_paged(client, world):
    for n in range(26):
        JobTrackFactory(agreement=world.agreement, name=f"Bussförare {n}")
    client.force_login(world.official)
    html = client.get(URL, {"q": "bussförare"}).content.decode()
    assert html.count("<mark>Bussförare</mark>") == 5
    assert "Visa alla träffar bland jobbspår" in html
    html = client.get(URL, {"q": "bussförare", "typ": "jobbspar"}).content.decode()
    assert "26 träffar" in html and html.count("<mark>Bussförare</mark>") == 20
    html = client.get(URL, {"q": "bussförare", "typ": "jobbspar", "sida": 2}).content.decode()
    assert html.count("<mark>Bussförare</mark>") == 6


def test_the_number_of_queries_does_not_grow_with_the_data(
    client, world, django_assert_max_num_queries
):
    one_of_each(world.agreement, "fordonsteknik")
    client.force_login(world.official)
    with django_assert_max_num_queries(12) as few:
        client.get(URL, {"q": "fordonsteknik"})
    for _ in range(8):
        agreement = AgreementFactory(parties=[world.municipality, world.af])
        one_of_each(agreement, "fordonsteknik")
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(URL, {"q": "fordonsteknik"}).content.decode()
    assert html.count("Visa alla träffar bland") == len(KINDS)


def test_the_menu_has_a_search_box_on_every_page(client, world):
    client.force_login(world.official)
    for url in (
        reverse("dashboard"),
        reverse("agreements:list"),
        world.agreement.get_absolute_url(),
    ):
        html = client.get(url).content.decode()
        assert f'role="search" method="get" action="{URL}"' in html, url
    html = client.get(URL, {"q": "fordon"}).content.decode()
    assert 'id="menysok" name="q" value="fordon"' in html


def test_section_3s_target_group_descriptions_are_part_of_the_agreements_text(client, world):
    from tests.factories import AgreementTargetGroupFactory

    AgreementTargetGroupFactory(
        agreement=world.agreement, description="Personer med vårdnadsansvar och svenskstudier."
    )
    AgreementTargetGroupFactory(agreement=world.agreement, description="Unga vuxna.")
    for full_text in (True, False):
        search = Search(world.official, "vårdnadsansvar")
        search.full_text = full_text
        assert list(search.queryset(KINDS[0])) == [world.agreement]
    client.force_login(world.official)
    html = client.get(URL, {"q": "vårdnadsansvar"}).content.decode()
    assert "Personer med <mark>vårdnadsansvar</mark>" in html
