"""The agreement filter of the group and jobbspår lists: a text field on the title or the
diarienummer instead of a <select> of every agreement, and the old ?overenskommelse= links."""

import pytest

from tests.factories import AgreementFactory
from tests.meetings.factories import GroupFactory, JobTrackFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_agreements(world):
    hisingen = AgreementFactory(
        parties=[world.municipality], title="Lokal överenskommelse Hisingen"
    )
    kiruna = AgreementFactory(
        parties=[world.municipality], title="Lokal överenskommelse Kiruna", diarienummer="KS-77/1"
    )
    # another organisation's agreement: never listed, whatever the filter says
    hidden = AgreementFactory(title="Lokal överenskommelse Hisingen norra")
    for agreement, place in ((hisingen, "Hisingen"), (kiruna, "Kiruna"), (hidden, "Norra")):
        GroupFactory(agreement=agreement, name=f"Styrgrupp {place}")
        JobTrackFactory(agreement=agreement, name=f"Jobbspår {place}")
    return hisingen, kiruna, hidden


@pytest.mark.parametrize("url", ["/samverkan/grupper/", "/jobbspar/"])
def test_the_filter_is_a_labelled_text_field_not_a_list_of_every_agreement(
    client, world, three_agreements, url
):
    client.force_login(world.admin)
    page = client.get(url).content.decode()
    assert '<label class="form-label" for="filter-overenskommelse">Överenskommelse</label>' in page
    assert 'type="search" id="filter-overenskommelse" name="avtal"' in page
    assert 'aria-describedby="filter-overenskommelse-hjalp"' in page
    assert "Skriv en del av överenskommelsens titel eller diarienummer." in page
    assert "<option" not in page


@pytest.mark.parametrize(
    ("url", "kind"), [("/samverkan/grupper/", "Styrgrupp"), ("/jobbspar/", "Jobbspår")]
)
def test_text_matches_title_or_diarienummer_within_what_the_user_sees(
    client, world, three_agreements, url, kind
):
    client.force_login(world.official)
    by_title = client.get(url, {"avtal": "hisingen"}).content.decode()
    assert f"{kind} Hisingen" in by_title
    assert f"{kind} Kiruna" not in by_title
    # the other organisation's agreement matches the text but stays invisible
    assert "Hisingen norra" not in by_title and f"{kind} Norra" not in by_title
    assert 'value="hisingen"' in by_title and "Visa alla överenskommelser" in by_title
    by_number = client.get(url, {"avtal": "ks-77"}).content.decode()
    assert f"{kind} Kiruna" in by_number and f"{kind} Hisingen" not in by_number


@pytest.mark.parametrize("url", ["/samverkan/grupper/", "/jobbspar/"])
def test_links_by_id_still_pick_one_agreement_and_show_its_title(
    client, world, three_agreements, url
):
    hisingen, kiruna, hidden = three_agreements
    client.force_login(world.official)
    page = client.get(url, {"overenskommelse": kiruna.pk}).content.decode()
    assert 'value="Lokal överenskommelse Kiruna"' in page
    assert "Hisingen" not in page
    # an agreement the user does not see: no rows and not its title either
    refused = client.get(url, {"overenskommelse": hidden.pk}).content.decode()
    assert "Hisingen norra" not in refused and "Kiruna" not in refused


@pytest.mark.parametrize("url", ["/samverkan/grupper/", "/jobbspar/"])
def test_odd_text_is_a_filter_never_an_error(client, world, three_agreements, url):
    client.force_login(world.official)
    for text in ("%", "_", "x" * 500, "' OR 1=1 --", "  "):
        assert client.get(url, {"avtal": text}).status_code == 200
