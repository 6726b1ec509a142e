"""Groups, meetings, the calendar and jobbspår in a real browser, with axe-core on each page."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from agreements.demo import NORDOST, OSTERAKER, demo_agreement
from meetings.models import Group, JobTrack, Meeting
from samverkan.models import User


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=StringIO())
    return User.objects.get(username="osteraker")


@pytest.mark.django_db(transaction=True)
def test_osteraker_plans_records_and_approves_the_operative_meeting(
    page, demo, login, assert_accessible
):
    group = Group.objects.get(agreement=demo_agreement(OSTERAKER), name="Operativ samverkan")
    login(page, demo)
    # GIVEN the groups page, where osteraker sees its groups and their rhythm
    page.get_by_role("link", name="Samverkansgrupper", exact=True).first.click()
    expect(page.get_by_role("heading", name="Samverkansgrupper", level=1)).to_be_visible()
    assert_accessible(page)
    # the agreement filter is a text field: a word of the title finds the agreement's groups
    page.get_by_role("searchbox", name="Överenskommelse").fill("österåker")
    page.get_by_role("button", name="Visa", exact=True).click()
    expect(page.get_by_role("heading", name=group.agreement.title, level=2)).to_be_visible()
    expect(page.get_by_role("link", name="Visa alla överenskommelser")).to_be_visible()
    assert_accessible(page)
    page.goto(group.get_absolute_url())
    expect(page.get_by_text("Var åttonde vecka").first).to_be_visible()
    assert_accessible(page)
    # WHEN the next operative meeting is planned
    page.get_by_role("link", name="Planera möte").click()
    assert_accessible(page)
    starts = (timezone.localtime() + timedelta(days=14)).replace(hour=9, minute=0)
    page.get_by_label("Börjar").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Slutar").fill(starts.strftime("%Y-%m-%dT08:00"))
    page.get_by_label("Plats", exact=True).fill("Österåkers kommunhus")
    page.get_by_label("Dagordning").fill("Nuläge\nUppföljning av lokal samverkan")
    page.get_by_role("button", name="Spara").click()
    # THEN an end before the start is refused at the field, with what was typed kept
    expect(page.get_by_text("Mötet kan inte sluta innan det har börjat.")).to_be_visible()
    assert page.get_by_label("Plats", exact=True).input_value() == "Österåkers kommunhus"
    assert_accessible(page)
    page.get_by_label("Slutar").fill(starts.strftime("%Y-%m-%dT11:00"))
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("status").first).to_have_text("Mötet är planerat.")
    expect(
        page.get_by_role("listitem").filter(has_text="Uppföljning av lokal samverkan")
    ).to_be_visible()
    assert_accessible(page)
    meeting = Meeting.objects.filter(group=group).latest("created_at")

    # GIVEN the meeting has been held
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1)
    )
    page.reload()
    # WHEN attendance and minutes are recorded
    page.get_by_role("link", name="Närvaro och protokoll").click()
    assert_accessible(page)
    for checkbox in page.get_by_role("checkbox", name="Sektionschef").all():
        checkbox.check()
    page.get_by_label("Protokoll", exact=True).fill("Nuläget gicks igenom.")
    page.get_by_label("Beslut", exact=True).fill("Rutinen för trepartssamtal revideras.")
    # A new action item is offered behind the "Lägg till ny" button.
    page.get_by_text("Lägg till ny", exact=True).first.click()
    page.locator("#id_atgarder-0-description").fill("Revidera rutinen")
    page.locator("#id_atgarder-0-owner").fill("Sektionschef, Arbetsförmedlingen")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("status").first).to_have_text("Närvaro och protokoll är sparade.")
    expect(page.get_by_text("Nuläget gicks igenom.")).to_be_visible()
    # AND approved
    page.get_by_role("button", name="Justera protokollet").click()
    expect(page.get_by_role("status").first).to_have_text("Protokollet är justerat och låst.")
    # THEN the minutes are locked: no editing, corrections are appended
    expect(page.get_by_role("link", name="Närvaro och protokoll")).to_have_count(0)
    assert_accessible(page)
    page.get_by_label("Rättelse eller tillägg").fill("Rättelse: beslutet gäller från januari.")
    page.get_by_role("button", name="Lägg till").click()
    expect(page.get_by_text("Rättelse: beslutet gäller från januari.")).to_be_visible()
    page.goto(f"/samverkan/moten/{meeting.pk}/protokoll/")
    expect(page.get_by_role("alert")).to_contain_text("Protokollet är justerat och kan inte ändras")
    meeting.refresh_from_db()
    assert meeting.is_approved and meeting.minutes == "Nuläget gicks igenom."


@pytest.mark.django_db(transaction=True)
def test_calendar_and_jobbspar_pages_are_accessible(page, demo, login, assert_accessible):
    login(page, demo)
    # The dashboard lists the groups behind their rhythm
    expect(page.get_by_role("heading", name="Samverkansmöten")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Kalender", exact=True).first.click()
    expect(page.get_by_role("heading", name="Kalender", level=1)).to_be_visible()
    assert_accessible(page)
    page.goto("/samverkan/kalender/?ar=2026&manad=10")
    expect(page.get_by_role("link", name="09:00 Operativ samverkan")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Lista").click()
    page.get_by_role("link", name="Visa tidigare möten").click()
    expect(page.get_by_role("cell", name="Arbetsgrupp").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Prenumerera").click()
    page.get_by_role("button", name="Skapa kalenderadress").click()
    assert page.get_by_label("Kalenderadress", exact=True).input_value().endswith(".ics")
    assert_accessible(page)

    # Jobbspår: the list with the share against 80 %, one track, and a refused edit
    page.get_by_role("link", name="Jobbspår", exact=True).first.click()
    # 11 of 14 employed after completing: 78.6 %, under the goal, said in words and an icon
    expect(page.get_by_text("78,6 % – Under målet").first).to_be_visible()
    assert_accessible(page)
    track = JobTrack.objects.get(agreement=demo_agreement(NORDOST), name="Serviceassistent")
    page.get_by_role("link", name="Serviceassistent").click()
    expect(page.get_by_text("ASTAR").first).to_be_visible()
    expect(page.get_by_text("88,9 % – Målet nått")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Ändra jobbspåret").click()
    page.get_by_label("Anställda efteråt, totalt").fill("12")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Kan inte vara fler än fullföljt (9).")).to_be_visible()
    assert_accessible(page)
    track.refresh_from_db()
    assert track.employed_total == 8
