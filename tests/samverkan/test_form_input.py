"""Forms sent twice create once; a too-long text is refused at its field and kept."""

import threading
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from agreements.models import Agreement
from meetings.models import Meeting
from samverkan.concurrency import TEXT_MAX_LENGTH, fingerprint
from samverkan.models import FormSubmission
from tests.meetings.factories import GroupFactory


def _create_page_key(client, url) -> str:
    page = client.get(url)
    assert page.status_code == 200
    key = page.context["form"]["submission_key"].value()
    assert f'name="submission_key" value="{key}"' in page.content.decode()
    return str(key)


@pytest.mark.django_db
def test_new_agreement_form_sent_twice_creates_one(official_client, world):
    # GIVEN the new-agreement form, opened once
    url = reverse("agreements:create")
    data = {
        "title": "Överenskommelse om samverkan 2028",
        "parties": [world.af.pk],
        "submission_key": _create_page_key(official_client, url),
    }
    # WHEN it is sent twice (a double click, or back and send again)
    first = official_client.post(url, data)
    second = official_client.post(url, data, follow=True)
    # THEN one agreement exists and the second sending leads to it, with a word why
    created = Agreement.objects.get(title="Överenskommelse om samverkan 2028")
    assert first.status_code == 302 and first["Location"] == created.get_absolute_url()
    assert second.redirect_chain[-1][0] == created.get_absolute_url()
    assert "Formuläret var redan skickat" in second.content.decode()
    # AND a form opened anew creates a new one
    data["submission_key"] = _create_page_key(official_client, url)
    official_client.post(url, data)
    assert Agreement.objects.filter(title="Överenskommelse om samverkan 2028").count() == 2


@pytest.mark.django_db
def test_someone_elses_form_key_creates_nothing_for_them(client, world):
    url = reverse("agreements:create")
    client.force_login(world.official)
    data = {"title": "Nyckeln", "parties": [world.af.pk]}
    data["submission_key"] = _create_page_key(client, url)
    client.post(url, data)
    client.force_login(world.section_chief)
    response = client.post(url, {**data, "parties": [world.municipality.pk]})
    assert response.status_code == 302 and response["Location"] == reverse("agreements:list")
    assert Agreement.objects.filter(title="Nyckeln").count() == 1


@pytest.mark.django_db(transaction=True)
def test_new_meeting_form_sent_twice_at_the_same_moment_plans_one(world):
    # GIVEN a group and its new-meeting form, opened once
    group = GroupFactory(agreement=world.agreement, name="Operativ samverkan")
    url = reverse("meetings:meeting_create", args=[group.pk])
    client = Client()
    client.force_login(world.official)
    data = {
        "starts_at": "2027-02-11T09:00",
        "ends_at": "2027-02-11T11:00",
        "location": "Kommunhuset",
        "agenda": "Nuläge",
        "submission_key": _create_page_key(client, url),
    }
    # WHEN the form is sent twice at the same moment (two threads, two connections)
    barrier = threading.Barrier(2)
    locations = []

    def send():
        try:
            barrier.wait(timeout=30)
            locations.append(client.post(url, data)["Location"])
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    # THEN one meeting is planned and both sendings lead to it
    meeting = Meeting.objects.get(group=group)
    assert locations == [meeting.get_absolute_url()] * 2
    assert FormSubmission.objects.get(key=uuid.UUID(data["submission_key"])).target == meeting


@pytest.mark.django_db
def test_a_three_megabyte_section_is_refused_in_swedish_and_kept(official_client, world):
    # GIVEN an official who pastes 3 MB into a section
    text = ("Lång text om målgrupperna. " * 120_000)[:3_000_000]
    url = reverse("agreements:section_edit", args=[world.agreement.pk, 3])
    base = fingerprint(world.agreement, ["text_target_groups"])
    # WHEN they save it
    response = official_client.post(url, {"text_target_groups": text, "base_fingerprint": base})
    # THEN the page answers, in Swedish at the field, with their text still in the form
    assert response.status_code == 200
    errors = response.context["form"].errors["text_target_groups"]
    assert errors == [
        f"Texten är för lång: högst {TEXT_MAX_LENGTH} tecken får plats, och den här har "
        f"{len(text)}. Din text finns kvar; korta den eller lägg det som inte får plats i en "
        "bilaga."
    ]
    assert response.context["form"]["text_target_groups"].value() == text
    assert text[-200:] in response.content.decode()
    world.agreement.refresh_from_db()
    assert world.agreement.text_target_groups != text
