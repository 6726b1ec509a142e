"""Lists that page instead of showing everything: groups, jobbspår, the calendar."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.factories import AgreementFactory, PartyFactory
from tests.meetings.factories import GroupFactory, JobTrackFactory, MeetingFactory

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def test_group_list_pages_by_agreement_with_constant_queries(
    client, world, django_assert_max_num_queries
):
    # GIVEN an administrator and groups in 3, then in 25, agreements
    client.force_login(world.admin)
    for _ in range(3):
        GroupFactory.create_batch(2, agreement=AgreementFactory(parties=[world.municipality]))
    with django_assert_max_num_queries(12) as small:
        client.get("/samverkan/grupper/")
    for _ in range(22):
        GroupFactory.create_batch(2, agreement=AgreementFactory(parties=[world.municipality]))
    # WHEN the list and its last page are read
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/samverkan/grupper/")
    last = client.get("/samverkan/grupper/?sida=3")
    # THEN ten agreements a page, Swedish page controls, the rest on later pages
    page = response.content.decode()
    assert len(response.context["blocks"]) == 10
    assert "Sida 1 av 3" in page
    assert 'aria-label="Sidor med samverkansgrupper"' in page
    assert "sida=2" in page and "Nästa" in page
    assert len(last.context["blocks"]) == 5
    assert "Föregående" in last.content.decode()


def test_group_list_filter_keeps_the_chosen_agreement(client, world):
    client.force_login(world.official)
    group = GroupFactory(agreement=world.agreement, name="Styrgrupp A")
    GroupFactory(agreement=AgreementFactory(parties=[world.municipality]), name="Styrgrupp B")
    response = client.get(f"/samverkan/grupper/?overenskommelse={world.agreement.pk}")
    page = response.content.decode()
    assert group.name in page and "Styrgrupp B" not in page


def test_jobtrack_list_pages_tracks_and_summaries_with_constant_queries(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.admin)
    JobTrackFactory.create_batch(3, agreement=world.agreement)
    with django_assert_max_num_queries(16) as small:
        client.get("/jobbspar/")
    for _ in range(30):
        JobTrackFactory(agreement=AgreementFactory(parties=[world.municipality]))
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/jobbspar/")
    page = response.content.decode()
    assert len(response.context["tracks"]) == 25
    assert response.context["tracks"].paginator.count == 33
    assert 'aria-label="Sidor med jobbspår"' in page
    # the per-agreement summary pages too, with its own page parameter
    assert "sida_avtal=2" in page
    # an administrator who may write in 34 agreements chooses one with the filter
    assert response.context["more_writable"]
    assert len(response.context["writable_agreements"]) == 10
    chosen = client.get(f"/jobbspar/?overenskommelse={world.agreement.pk}")
    assert chosen.context["tracks"].paginator.count == 3
    assert f"/jobbspar/overenskommelse/{world.agreement.pk}/nytt/" in chosen.content.decode()


def test_calendar_month_shows_three_meetings_a_day_and_links_the_rest(
    client, world, django_assert_max_num_queries
):
    group = GroupFactory(agreement=world.agreement)
    day = datetime(2030, 3, 12, 8, tzinfo=STOCKHOLM)
    for hour in range(2):
        MeetingFactory(group=group, starts_at=day + timedelta(hours=hour))
    client.force_login(world.official)
    with django_assert_max_num_queries(12) as small:
        client.get("/samverkan/kalender/?ar=2030&manad=3")
    for hour in range(2, 7):
        MeetingFactory(group=group, starts_at=day + timedelta(hours=hour))
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/samverkan/kalender/?ar=2030&manad=3")
    cells = {
        d: (meetings, more) for week in response.context["weeks"] for d, _m, meetings, more in week
    }
    meetings, more = cells[day.date()]
    assert [m.starts_at for m in meetings] == [day + timedelta(hours=h) for h in range(3)]
    assert more == 4
    page = response.content.decode()
    assert "4 möten till" in page
    # the link lists that day's meetings
    listed = client.get("/samverkan/kalender/lista/?dag=2030-03-12")
    assert listed.context["meetings"].paginator.count == 7
    assert "Möten tisdag 12 mars 2030" in listed.content.decode()


def test_calendar_list_pages_fifty_meetings(client, world):
    group = GroupFactory(agreement=world.agreement)
    start = datetime(2031, 1, 1, 9, tzinfo=STOCKHOLM)
    for index in range(55):
        MeetingFactory(group=group, starts_at=start + timedelta(days=index))
    client.force_login(world.official)
    first = client.get("/samverkan/kalender/lista/")
    assert len(first.context["meetings"]) == 50
    assert "Sida 1 av 2" in first.content.decode()
    second = client.get("/samverkan/kalender/lista/?sida=2")
    assert len(second.context["meetings"]) == 5
    # a day that is not a date is ignored, never an error
    assert client.get("/samverkan/kalender/lista/?dag=2031-13-45").status_code == 200


def test_jobtrack_summaries_are_counted_by_the_totals_query(client, world):
    # GIVEN tracks in two municipalities, one without a municipality, in two agreements
    second = AgreementFactory(parties=[world.municipality])
    JobTrackFactory(agreement=world.agreement, workplace_municipality=world.municipality)
    JobTrackFactory(agreement=world.agreement, workplace_municipality=PartyFactory(name="Täby"))
    JobTrackFactory(agreement=second, workplace_municipality=None, workplace_note="")
    client.force_login(world.official)
    # WHEN the list is read
    response = client.get("/jobbspar/")
    # THEN the pages count two agreements and three municipality rows ("Ej angiven" is one)
    (_, per_agreement, *_), (_, per_municipality, *_) = response.context["summaries"]
    assert per_agreement.paginator.count == 2 and len(per_agreement) == 2
    assert per_municipality.paginator.count == 3 and len(per_municipality) == 3
    assert [row["label"] for row in per_municipality][-1] is None
    assert "Ej angiven" in response.content.decode()
    assert response.context["tracks"].paginator.count == 3
