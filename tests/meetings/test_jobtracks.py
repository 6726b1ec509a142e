import pytest

from meetings.models import JobTrack
from tests.factories import PartyFactory
from tests.meetings.factories import JobTrackFactory

pytestmark = pytest.mark.django_db

OUTCOMES = ("started", "completed", "employed")


def outcomes(started, completed, employed):
    """(total, women, men) per stage -> model fields."""
    data = {}
    for stage, values in zip(OUTCOMES, (started, completed, employed), strict=True):
        for part, value in zip(("total", "women", "men"), values, strict=True):
            data[f"{stage}_{part}"] = value
    return data


def form_data(**overrides):
    data = {"name": "Bussförare", "status": "ongoing", "employer": "Nobina"}
    data.update(outcomes((10, 6, 4), (9, 6, 3), (8, 5, 3)))
    data.update(overrides)
    return {k: str(v) for k, v in data.items()}


def test_share_employed_is_computed_against_80_percent(client, world):
    # GIVEN two tracks in the official's agreement: 8 of 9 and 3 of 5 employed afterwards
    other = PartyFactory(name="Täby kommun (jobbspår)")
    JobTrackFactory(
        agreement=world.agreement,
        workplace_municipality=world.municipality,
        employer="Ambea",
        **outcomes((10, 6, 4), (9, 6, 3), (8, 5, 3)),
    )
    JobTrackFactory(
        agreement=world.agreement,
        workplace_municipality=other,
        employer="Movant",
        **outcomes((6, 1, 5), (5, 1, 4), (3, 0, 3)),
    )
    # WHEN the aggregates are computed
    totals = JobTrack.objects.visible_to(world.official).outcome_totals()
    by_municipality = {
        row["label"]: row for row in JobTrack.objects.all().outcomes_by_municipality()
    }
    # THEN the share is 11 of 14 = 78.6 %, under the goal; per municipality 88.9 % and 60 %
    assert totals["employed_total"] == 11 and totals["completed_total"] == 14
    assert totals["employers"] == 2 and totals["started_total"] == 16
    assert by_municipality[world.municipality.name]["employed"] == 8
    client.force_login(world.official)
    page = client.get("/jobbspar/").content.decode()
    assert "78.6 % – Under målet" in page or "78,6 % – Under målet" in page
    assert "88.9 % – Målet nått" in page or "88,9 % – Målet nått" in page
    assert "bi-x-circle-fill" in page and "bi-check-circle-fill" in page


def test_outcome_form_messages_at_the_fields(client, world):
    track = JobTrackFactory(agreement=world.agreement)
    client.force_login(world.official)
    url = f"/jobbspar/{track.pk}/andra/"
    cases = [
        ({"started_women": 8, "started_men": 4}, "started_total", "Kvinnor och män (12)"),
        ({"completed_total": 11}, "completed_total", "Kan inte vara fler än påbörjat (10)"),
        ({"employed_total": 10}, "employed_total", "Kan inte vara fler än fullföljt (9)"),
        ({"started_men": -1}, "started_men", "Antalet kan inte vara negativt."),
        ({"start_date": "2026-05-01", "end_date": "2026-04-01"}, "end_date", "Slutdatumet"),
    ]
    for overrides, field, message in cases:
        response = client.post(url, form_data(**overrides))
        assert response.status_code == 200, overrides
        errors = response.context["form"].errors
        assert any(message in error for error in errors[field]), (overrides, errors)
        # typed values are kept
        assert response.context["form"]["employer"].value() == "Nobina"
    track.refresh_from_db()
    assert track.started_total == 0


def test_jobtrack_is_created_for_an_agreement_in_force(client, world):
    world.agreement.status = "in_force"
    world.agreement.save()
    client.force_login(world.section_chief)
    response = client.post(
        f"/jobbspar/overenskommelse/{world.agreement.pk}/nytt/",
        form_data(workplace_municipality=world.municipality.pk),
    )
    track = JobTrack.objects.get()
    assert response["Location"] == track.get_absolute_url()
    assert track.employment_share == 88.9


def test_workplace_must_be_a_municipality_of_the_agreement(client, world):
    client.force_login(world.official)
    response = client.post(
        f"/jobbspar/overenskommelse/{world.agreement.pk}/nytt/",
        form_data(workplace_municipality=world.other_municipality.pk),
    )
    assert "workplace_municipality" in response.context["form"].errors


@pytest.mark.parametrize("url", ["/jobbspar/"])
def test_list_makes_the_same_number_of_queries_for_5_and_50(
    client, world, url, django_assert_max_num_queries
):
    client.force_login(world.official)
    JobTrackFactory.create_batch(
        5, agreement=world.agreement, workplace_municipality=world.municipality
    )
    with django_assert_max_num_queries(20) as small:
        client.get(url)
    JobTrackFactory.create_batch(
        45, agreement=world.agreement, workplace_municipality=world.municipality
    )
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        response = client.get(url)
    assert response.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
    # the list pages: all 50 are counted, 25 linked on the first page
    assert response.context["tracks"].paginator.count == 50
    assert response.content.decode().count("/jobbspar/") >= 25


def test_outsider_does_not_see_the_tracks(client, world):
    track = JobTrackFactory(agreement=world.agreement, name="Serviceassistent")
    client.force_login(world.outsider)
    assert "Serviceassistent" not in client.get("/jobbspar/").content.decode()
    assert client.get(track.get_absolute_url()).status_code == 404
    assert client.get(f"/jobbspar/{track.pk}/andra/").status_code == 404
