from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tests.meetings.factories import GroupFactory, MeetingFactory

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def make_meetings(world, count, month_start):
    groups = [GroupFactory(agreement=world.agreement) for _ in range(3)]
    for index in range(count):
        MeetingFactory(
            group=groups[index % 3],
            starts_at=month_start + timedelta(days=index % 27, hours=9 + index % 5),
        )


@pytest.mark.parametrize(
    "url",
    ["/samverkan/kalender/?ar=2030&manad=3", "/samverkan/kalender/lista/"],
)
def test_calendar_queries_do_not_grow_with_meetings(
    client, world, url, django_assert_max_num_queries
):
    client.force_login(world.official)
    start = datetime(2030, 3, 1, tzinfo=STOCKHOLM)
    make_meetings(world, 5, start)
    with django_assert_max_num_queries(20) as small:
        client.get(url)
    make_meetings(world, 45, start)
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        response = client.get(url)
    assert response.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
    assert response.content.decode().count("/samverkan/moten/") >= 50


def test_month_view_places_meetings_on_their_local_day(client, world):
    group = GroupFactory(agreement=world.agreement, name="Styrgrupp")
    # 00:30 Stockholm time on 1 April is still 31 March in UTC.
    meeting = MeetingFactory(group=group, starts_at=datetime(2030, 4, 1, 0, 30, tzinfo=STOCKHOLM))
    other = MeetingFactory(group=GroupFactory(agreement=world.other_agreement))
    client.force_login(world.official)
    response = client.get("/samverkan/kalender/?ar=2030&manad=4")
    weeks = response.context["weeks"]
    days = {day: meetings for week in weeks for day, _in_month, meetings, _more in week}
    assert days[datetime(2030, 4, 1).date()] == [meeting]
    assert other.get_absolute_url() not in response.content.decode()


def test_list_shows_upcoming_and_past(client, world):
    group = GroupFactory(agreement=world.agreement)
    past = MeetingFactory(group=group, starts_at=timezone.now() - timedelta(days=3))
    coming = MeetingFactory(group=group)
    client.force_login(world.official)
    upcoming_page = client.get("/samverkan/kalender/lista/").content.decode()
    assert coming.get_absolute_url() in upcoming_page
    assert past.get_absolute_url() not in upcoming_page
    past_page = client.get("/samverkan/kalender/lista/?visa=tidigare").content.decode()
    assert past.get_absolute_url() in past_page


def test_bad_month_falls_back_to_this_month(client, world):
    client.force_login(world.official)
    response = client.get("/samverkan/kalender/?ar=abc&manad=13")
    assert response.status_code == 200
    assert response.context["month"] == timezone.localdate().replace(day=1)


def test_month_without_meetings_says_so(client, world):
    # GIVEN a meeting in March 2030 only
    group = GroupFactory(agreement=world.agreement)
    MeetingFactory(group=group, starts_at=datetime(2030, 3, 31, 10, tzinfo=STOCKHOLM))
    client.force_login(world.official)
    # WHEN the official opens April and then March
    april = client.get("/samverkan/kalender/?ar=2030&manad=4").content.decode()
    march = client.get("/samverkan/kalender/?ar=2030&manad=3").content.decode()
    # THEN April explains that it has no meetings and March does not
    assert "Inga möten i april 2030" in april
    assert "Inga möten i" not in march
