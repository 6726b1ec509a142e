"""Editing agreements: validation at the field, and no silent overwrites."""

import pytest
from django.urls import reverse

from agreements.models import Agreement
from samverkan.concurrency import fingerprint

pytestmark = pytest.mark.django_db


def particulars(agreement, **changes):
    data = {
        "title": agreement.title,
        "diarienummer": agreement.diarienummer,
        "document_date": "",
        "summary": "",
        "valid_from": "",
        "valid_until": "",
        "review_rule": "",
        "next_review_date": "",
        "base_fingerprint": fingerprint(
            agreement,
            [
                "title",
                "diarienummer",
                "document_date",
                "summary",
                "valid_from",
                "valid_until",
                "review_rule",
                "next_review_date",
            ],
        ),
    }
    data.update(changes)
    return data


def test_end_date_before_start_is_refused_and_typing_kept(official_client, world):
    # GIVEN an official editing their agreement's particulars
    url = reverse("agreements:edit", args=[world.agreement.pk])
    # WHEN the end date is before the start date
    response = official_client.post(
        url,
        particulars(
            world.agreement,
            valid_from="2023-01-01",
            valid_until="2022-12-31",
            review_rule="Minst en gång per mandatperiod",
        ),
    )
    # THEN the message is at the end date, the typed values stay, nothing is saved
    assert response.status_code == 200
    assert response.context["form"].errors["valid_until"] == [
        "Slutdatumet kan inte vara före startdatumet."
    ]
    html = response.content.decode()
    assert 'value="Minst en gång per mandatperiod"' in html
    assert 'value="2022-12-31"' in html
    world.agreement.refresh_from_db()
    assert world.agreement.valid_from is None
    assert world.agreement.review_rule == ""


def test_empty_title_is_refused(official_client, world):
    url = reverse("agreements:edit", args=[world.agreement.pk])
    response = official_client.post(
        url, particulars(world.agreement, title="", diarienummer="Af-2026/9999")
    )
    assert response.context["form"].errors["title"] == ["Överenskommelsen måste ha en titel."]
    assert 'value="Af-2026/9999"' in response.content.decode()
    world.agreement.refresh_from_db()
    assert world.agreement.title != ""
    assert world.agreement.diarienummer != "Af-2026/9999"


def test_valid_particulars_are_saved(official_client, world):
    url = reverse("agreements:edit", args=[world.agreement.pk])
    response = official_client.post(
        url, particulars(world.agreement, valid_from="2023-01-01", valid_until="")
    )
    assert response.status_code == 302
    world.agreement.refresh_from_db()
    assert str(world.agreement.valid_from) == "2023-01-01"
    assert world.agreement.until_further_notice


def section_post(client, agreement, text, base):
    url = reverse("agreements:section_edit", args=[agreement.pk, 2])
    return client.post(url, {"text_purpose": text, "base_fingerprint": base})


def test_second_save_of_the_same_section_is_refused_and_keeps_the_text(client, world):
    # GIVEN two people who opened the Syfte section at the same time
    base = fingerprint(world.agreement, ["text_purpose"])
    colleague = world.section_chief
    client.force_login(colleague)
    assert section_post(client, world.agreement, "Kollegans syfte.", base).status_code == 302
    # WHEN the second person saves their own text
    client.force_login(world.official)
    response = section_post(client, world.agreement, "Mitt syfte.", base)
    # THEN the save is refused, the change made meanwhile is shown, and their text is kept
    assert response.status_code == 200
    html = response.content.decode()
    assert "Någon annan har sparat ändringar" in html
    assert "Kollegans syfte." in html
    assert "Mitt syfte.</textarea>" in html
    world.agreement.refresh_from_db()
    assert world.agreement.text_purpose == "Kollegans syfte."
    # AND having read the change, saving again succeeds
    new_base = response.context["form"]["base_fingerprint"].value()
    assert section_post(client, world.agreement, "Mitt syfte.", new_base).status_code == 302
    world.agreement.refresh_from_db()
    assert world.agreement.text_purpose == "Mitt syfte."


def test_saving_another_section_meanwhile_is_no_conflict(official_client, world):
    base = fingerprint(world.agreement, ["text_purpose"])
    Agreement.objects.filter(pk=world.agreement.pk).update(text_followup="Ny uppföljning.")
    response = section_post(official_client, world.agreement, "Nytt syfte.", base)
    assert response.status_code == 302


def test_every_change_is_recorded_with_who(official_client, world):
    base = fingerprint(world.agreement, ["text_purpose"])
    section_post(official_client, world.agreement, "Ändrat syfte.", base)
    latest = world.agreement.history.first()
    assert latest.history_user == world.official
    assert latest.text_purpose == "Ändrat syfte."


def test_in_force_agreement_is_not_editable(official_client, world):
    Agreement.objects.filter(pk=world.agreement.pk).update(status=Agreement.Status.IN_FORCE)
    url = reverse("agreements:section_edit", args=[world.agreement.pk, 2])
    assert official_client.get(url).status_code == 404
    detail = official_client.get(world.agreement.get_absolute_url())
    assert detail.status_code == 200
    assert url not in detail.content.decode()


def test_parties_need_two_and_one_convener(official_client, world):
    url = reverse("agreements:edit_parter", args=[world.agreement.pk])
    page = official_client.get(url)
    base = page.context["base_fingerprint"]
    rows = list(world.agreement.agreement_parties.order_by("pk"))
    data = {
        "base_fingerprint": base,
        "parter-TOTAL_FORMS": "3",
        "parter-INITIAL_FORMS": "2",
        "parter-MIN_NUM_FORMS": "0",
        "parter-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data[f"parter-{index}-id"] = row.pk
        data[f"parter-{index}-agreement"] = world.agreement.pk
        data[f"parter-{index}-party"] = row.party_id
        data[f"parter-{index}-description"] = ""
        if row.is_convener:
            data[f"parter-{index}-is_convener"] = "on"
    data["parter-1-DELETE"] = "on"
    response = official_client.post(url, data)
    assert response.status_code == 200
    assert "minst två parter" in response.content.decode()
    assert world.agreement.agreement_parties.count() == 2
