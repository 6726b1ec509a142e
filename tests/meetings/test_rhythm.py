from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from meetings.dashboard import groups_behind
from meetings.models import Group, Meeting
from meetings.rhythm import RhythmKind, describe, max_gap_days, rhythm_status
from tests.meetings.factories import GroupFactory, MeetingFactory

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, tzinfo=STOCKHOLM)


@pytest.mark.parametrize(
    ("kind", "count", "count_max", "quarter", "text"),
    [
        (RhythmKind.TIMES_PER_YEAR, 2, 4, None, "2–4 gånger per år"),
        (RhythmKind.TIMES_PER_YEAR, 4, None, None, "4 gånger per år"),
        (RhythmKind.EVERY_N_WEEKS, 8, None, None, "var åttonde vecka"),
        (RhythmKind.EVERY_N_MONTHS, 2, None, None, "varannan månad"),
        (RhythmKind.EVERY_N_MONTHS, 1, None, None, "varje månad"),
        (RhythmKind.HOURS_PER_MONTH, 6, None, None, "6 timmar per månad"),
        (RhythmKind.YEARLY_IN_QUARTER, None, None, 1, "en gång per år under första kvartalet"),
    ],
)
def test_rhythm_reads_as_in_the_agreements(kind, count, count_max, quarter, text):
    assert str(describe(kind, count, count_max, quarter)) == text


def test_max_gap_follows_the_lowest_frequency():
    assert max_gap_days(RhythmKind.TIMES_PER_YEAR, 2) == 183
    assert max_gap_days(RhythmKind.EVERY_N_WEEKS, 8) == 56
    assert max_gap_days(RhythmKind.EVERY_N_MONTHS, 2) == 61
    assert max_gap_days(RhythmKind.AS_NEEDED, None) is None


def test_every_eighth_week_is_behind_after_56_days():
    # GIVEN a group meeting every eighth week, last met on 1 March
    last = at(date(2026, 3, 1))
    common = {
        "kind": RhythmKind.EVERY_N_WEEKS,
        "count": 8,
        "quarter": None,
        "last": last,
        "next_meeting": None,
        "since": date(2026, 1, 1),
    }
    # THEN it keeps its rhythm on the 56th day and is 10 days behind on the 66th
    on_time = rhythm_status(**common, today=date(2026, 3, 1) + timedelta(days=56))
    assert not on_time.is_behind
    late = rhythm_status(**common, today=date(2026, 3, 1) + timedelta(days=66))
    assert late.is_behind and late.behind_days == 10
    assert late.due == date(2026, 4, 26)


def test_conference_in_the_first_quarter():
    common = {"kind": RhythmKind.YEARLY_IN_QUARTER, "count": None, "quarter": 1}
    since = date(2025, 1, 1)
    # Met in February: kept, next due by the end of next year's first quarter.
    kept = rhythm_status(
        **common, last=at(date(2026, 2, 10)), next_meeting=None, since=since, today=date(2026, 5, 1)
    )
    assert not kept.is_behind and kept.due == date(2027, 3, 31)
    # Not met this year: behind since 31 March.
    late = rhythm_status(
        **common, last=at(date(2025, 2, 10)), next_meeting=None, since=since, today=date(2026, 5, 1)
    )
    assert late.behind_days == 31
    # In the quarter itself last year's conference still counts.
    during = rhythm_status(
        **common, last=at(date(2025, 2, 10)), next_meeting=None, since=since, today=date(2026, 2, 1)
    )
    assert not during.is_behind


def test_a_group_without_meetings_counts_from_when_it_started():
    status = rhythm_status(
        kind=RhythmKind.TIMES_PER_YEAR,
        count=4,
        quarter=None,
        last=None,
        next_meeting=None,
        since=date(2026, 1, 1),
        today=date(2026, 5, 1),
    )
    assert status.behind_days == (date(2026, 5, 1) - date(2026, 4, 3)).days


@pytest.mark.django_db
def test_group_shows_last_and_next_meeting_and_is_behind(world):
    # GIVEN a group every eighth week whose last meeting was 70 days ago, and a planned one
    group = GroupFactory(agreement=world.agreement, established_on=date(2025, 1, 1))
    last = MeetingFactory(group=group, starts_at=timezone.now() - timedelta(days=70))
    MeetingFactory(group=group, starts_at=timezone.now() - timedelta(days=200))
    MeetingFactory(group=group, starts_at=timezone.now() - timedelta(days=10), cancelled=True)
    planned = MeetingFactory(group=group, starts_at=timezone.now() + timedelta(days=3))
    # WHEN its rhythm is computed
    status = group.rhythm_status()
    # THEN the cancelled meeting does not count, and it is 14 days behind
    assert status.last == last.starts_at
    assert status.next == planned.starts_at
    assert status.behind_days == 14


@pytest.mark.django_db
def test_dashboard_lists_groups_behind_without_a_query_per_group(
    world, django_assert_max_num_queries
):
    # GIVEN one group behind and one keeping its rhythm, and a group of another agreement
    behind = GroupFactory(agreement=world.agreement, established_on=date(2025, 1, 1))
    MeetingFactory(group=behind, starts_at=timezone.now() - timedelta(days=100))
    keeping = GroupFactory(agreement=world.agreement)
    MeetingFactory(group=keeping, starts_at=timezone.now() - timedelta(days=5))
    other = GroupFactory(agreement=world.other_agreement, established_on=date(2025, 1, 1))
    for _ in range(10):
        GroupFactory(agreement=world.agreement, rhythm_kind=RhythmKind.AS_NEEDED)
    # WHEN the official's dashboard computes the groups behind
    with django_assert_max_num_queries(2):
        rows, total = groups_behind(world.official)
    # THEN only their own group that is behind is listed
    assert [group for group, _status in rows] == [behind]
    assert total == 1
    assert other not in [g for g, _ in groups_behind(world.official)[0]]


@pytest.mark.django_db
def test_dashboard_widget_shows_the_group_behind(client, world):
    group = GroupFactory(
        agreement=world.agreement, name="Strategisk samverkan", established_on=date(2025, 1, 1)
    )
    client.force_login(world.official)
    response = client.get("/")
    assert "Strategisk samverkan" in response.content.decode()
    assert "ligger efter sin mötesrytm" in response.content.decode()
    assert group.rhythm_status().is_behind


@pytest.mark.django_db
def test_group_list_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    client.force_login(world.official)
    GroupFactory.create_batch(3, agreement=world.agreement)
    with django_assert_max_num_queries(12) as small:
        client.get("/samverkan/grupper/")
    GroupFactory.create_batch(40, agreement=world.agreement)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/samverkan/grupper/")
    assert response.status_code == 200
    assert Group.objects.count() == 43


@pytest.mark.django_db
def test_group_list_writes_the_last_meeting_date_in_swedish_words(client, world):
    # GIVEN a group that last met on 17 September 2026
    group = GroupFactory(agreement=world.agreement)
    MeetingFactory(group=group, starts_at=datetime(2026, 9, 17, 13, tzinfo=STOCKHOLM))
    client.force_login(world.official)
    # WHEN the official opens the list of groups
    html = client.get("/samverkan/grupper/").content.decode()
    # THEN the date reads as Swedish prose, not an English-looking abbreviation
    assert "17 september 2026" in html
    assert "17 Sep 2026" not in html


def _many_groups(agreements, n):
    """``n`` groups of every rhythm kind, started and last met on days spread over two years,
    some with only a cancelled or a future meeting."""
    kinds = [
        (RhythmKind.TIMES_PER_YEAR, 2, None),
        (RhythmKind.TIMES_PER_YEAR, 4, None),
        (RhythmKind.TIMES_PER_YEAR, None, None),
        (RhythmKind.EVERY_N_WEEKS, 8, None),
        (RhythmKind.EVERY_N_WEEKS, 1, None),
        (RhythmKind.EVERY_N_MONTHS, 2, None),
        (RhythmKind.EVERY_N_MONTHS, 5, None),
        (RhythmKind.HOURS_PER_MONTH, 6, None),
        (RhythmKind.YEARLY_IN_QUARTER, None, 1),
        (RhythmKind.YEARLY_IN_QUARTER, None, 2),
        (RhythmKind.YEARLY_IN_QUARTER, None, 3),
        (RhythmKind.YEARLY_IN_QUARTER, None, 4),
        (RhythmKind.YEARLY_IN_QUARTER, None, None),
        (RhythmKind.AS_NEEDED, None, None),
    ]
    today = timezone.localdate()
    groups = Group.objects.bulk_create(
        Group(
            agreement=agreements[i % len(agreements)],
            tier=Group.Tier.OPERATIVE,
            name=f"Grupp {i}",
            rhythm_kind=kinds[i % len(kinds)][0],
            rhythm_count=kinds[i % len(kinds)][1],
            rhythm_quarter=kinds[i % len(kinds)][2],
            established_on=None if i % 5 == 0 else today - timedelta(days=(i * 37) % 700),
        )
        for i in range(n)
    )
    meetings = []
    for i, group in enumerate(groups):
        if i % 4 == 0:
            continue  # never met
        last = at(today - timedelta(days=(i * 53) % 500))
        meetings.append(Meeting(group=group, starts_at=last))
        if i % 3 == 0:
            meetings.append(Meeting(group=group, starts_at=at(today), cancelled=True))
        if i % 7 == 0:
            meetings.append(Meeting(group=group, starts_at=at(today + timedelta(days=9))))
    Meeting.objects.bulk_create(meetings)
    return groups


@pytest.mark.django_db
def test_behind_rhythm_in_the_database_agrees_with_the_rhythm_rule(world):
    """``Group.behind_rhythm`` (SQL) picks the same groups, in the same order, as checking
    each group's ``rhythm_status`` in Python, for every kind of rhythm."""
    _many_groups([world.agreement, world.other_agreement], 140)
    today = timezone.localdate()
    everyone = Group.objects.with_meeting_dates()
    expected = sorted(
        (
            (status.due, group.pk, status.behind_days)
            for group in everyone
            if (status := group.rhythm_status(today=today)).is_behind
        ),
    )
    assert 20 < len(expected) < 140  # the data has groups on both sides
    found = [
        (group.rhythm_due, group.pk, group.rhythm_status(today=today).behind_days)
        for group in Group.objects.behind_rhythm(today=today)
    ]
    assert found == expected


@pytest.mark.django_db
def test_admin_dashboard_widget_does_not_grow_with_the_number_of_groups(
    client, world, django_assert_max_num_queries
):
    admin = world.users()["admin"]
    _many_groups([world.agreement], 30)
    with django_assert_max_num_queries(2):
        rows, total = groups_behind(admin)
    few = total
    assert len(rows) == min(10, total)
    client.force_login(admin)
    with django_assert_max_num_queries(60) as small:
        assert client.get("/").status_code == 200
    _many_groups([world.agreement, world.other_agreement], 300)
    with django_assert_max_num_queries(2):
        rows, total = groups_behind(admin)
    assert len(rows) == 10 and total > few
    # Most behind first.
    days = [status.behind_days for _group, status in rows]
    assert days == sorted(days, reverse=True)
    with django_assert_max_num_queries(len(small.captured_queries)):
        html = client.get("/").content.decode()
    assert f"{total} grupper ligger efter sin mötesrytm" in html
    assert html.count("dagar efter") + html.count("dag efter") == 10
