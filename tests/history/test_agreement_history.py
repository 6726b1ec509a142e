"""An agreement's Historik page: who changed what and when, for its parties only."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from agreements.demo import JARFALLA, demo_agreement
from agreements.models import Appendix, Signatory
from history.values import Segment, text_diff
from indicators.models import Goal
from indicators.services import followup_period_get_or_create, measurement_save
from samverkan.models import User
from tests.factories import AgreementFactory
from tests.indicators.factories import IndicatorFactory
from tests.samverkan.test_demo import load_demo

pytestmark = pytest.mark.django_db


def history_url(agreement):
    return reverse("history:agreement", args=[agreement.pk])


@pytest.fixture
def demo():
    load_demo()
    return demo_agreement(JARFALLA)


def test_the_demo_agreements_section_2_edit_shows_before_and_after_to_its_party(client, demo):
    # GIVEN Järfälla's official who rewrites section 2 (Syfte) of the demo agreement
    jarfalla = User.objects.get(username="jarfalla")
    client.force_login(jarfalla)
    old = demo.text_purpose
    page = client.get(reverse("agreements:section_edit", args=[demo.pk, 2]))
    base = page.context["form"]["base_fingerprint"].value()
    new = old.replace("samverkan", "samarbete", 1) + " Ett nytt stycke om uppföljning."
    response = client.post(
        reverse("agreements:section_edit", args=[demo.pk, 2]),
        {"text_purpose": new, "base_fingerprint": base},
    )
    assert response.status_code == 302
    # WHEN they open the agreement's Historik
    response = client.get(history_url(demo))
    # THEN the edit is there: who, the Swedish field name, the words removed and added
    assert response.status_code == 200
    html = response.content.decode()
    entry = response.context["entries"][0]
    assert entry.action == "Ändrades"
    assert entry.user == jarfalla
    [change] = entry.changes
    assert change.label == "2. Syfte"
    assert change.before == old and change.after == new
    removed = "".join(s.text for s in change.segments if s.kind == "removed")
    added = "".join(s.text for s in change.segments if s.kind == "added")
    assert "samverkan" in removed and "samarbete" in added
    assert "Ett nytt stycke om uppföljning." in added
    assert "2. Syfte" in html and "<del>" in html and "<ins>" in html
    # AND the agreement page links to it
    detail = client.get(demo.get_absolute_url()).content.decode()
    assert f'href="{history_url(demo)}">Historik</a>' in detail


def test_another_organisation_gets_404(client, demo):
    client.force_login(User.objects.get(username="taby"))
    assert client.get(history_url(demo)).status_code == 404


def test_a_goal_and_a_measurement_edit_show_swedish_field_names(client, world):
    # GIVEN an agreement whose goal is renamed and whose indicator gets a value, then another
    indicator = IndicatorFactory(goal__agreement=world.agreement, name="Antal i arbete")
    goal = indicator.goal
    goal.title = "Fler i arbete"
    goal._history_user = world.official
    goal.save()
    period = followup_period_get_or_create(agreement=world.agreement, year=2025, half=1)
    measurement_save(indicator=indicator, period=period, user=world.official, total=10, women=4)
    measurement_save(indicator=indicator, period=period, user=world.official, total=12, women=4)
    # WHEN a party opens the Historik
    client.force_login(world.official)
    entries = client.get(history_url(world.agreement)).context["entries"]
    # THEN the measurement's edit names its fields in Swedish, with localised values
    changed = [e for e in entries if e.history_type == "~"]
    measurement, goal_entry = changed[0], changed[1]
    assert measurement.what == "Utfall"
    assert "Antal i arbete" in measurement.title and "Första halvåret 2025" in measurement.title
    assert [(c.label, c.before, c.after) for c in measurement.changes] == [
        ("Totalt", "10,00", "12,00")
    ]
    assert goal_entry.what == "Mål"
    assert [c.label for c in goal_entry.changes] == ["Mål"]
    assert goal_entry.changes[0].after == "Fler i arbete"
    assert goal_entry.user == world.official
    # AND the measurement's first value shows what was entered
    created = next(e for e in entries if e.what == "Utfall" and e.action == "Skapades")
    values = {c.label: (c.before, c.after) for c in created.changes}
    assert values["Totalt"] == ("–", "10,00") and values["Kvinnor"] == ("–", "4,00")
    assert values["Ursprung"] == ("–", "Inmatat")
    assert values["Inmatat av"] == ("–", str(world.official))


def test_choices_by_label_and_foreign_keys_by_name(client, world):
    appendix = Appendix.objects.create(agreement=world.agreement, number=1, title="Bilaga")
    appendix.state = Appendix.State.choices[-1][0]
    appendix.responsible_party = world.af
    appendix.save()
    client.force_login(world.official)
    entry = client.get(history_url(world.agreement)).context["entries"][0]
    changes = {c.label: (c.before, c.after) for c in entry.changes}
    assert changes["Läge"][1] == str(Appendix.State.choices[-1][1])
    assert changes["Ansvarig part"] == ("–", world.af.name)


def test_deleted_rows_stay_in_the_history(client, world):
    signatory = Signatory.objects.create(
        agreement=world.agreement, party=world.municipality, name="Anna Andersson", title="KSO"
    )
    signatory.delete()
    client.force_login(world.official)
    entries = client.get(history_url(world.agreement)).context["entries"]
    assert [(e.what, e.title, e.action) for e in entries[:2]] == [
        ("Undertecknare", f"Anna Andersson, {world.municipality.name}", "Togs bort"),
        ("Undertecknare", f"Anna Andersson, {world.municipality.name}", "Skapades"),
    ]


def test_another_agreements_history_is_not_shown(client, world):
    world.other_agreement.title = "Hemlig titel"
    world.other_agreement.save()
    client.force_login(world.official)
    html = client.get(history_url(world.agreement)).content.decode()
    assert "Hemlig titel" not in html


def _many_changes(agreement, user, rounds):
    indicator = IndicatorFactory(goal__agreement=agreement)
    for n in range(rounds):
        agreement.text_purpose = f"Syfte nummer {n}, med en längre text om samverkan." * 3
        agreement.valid_from = datetime.date(2024, 1, 1) + datetime.timedelta(days=n)
        agreement._history_user = user
        agreement.save()
        goal = indicator.goal
        goal.title = f"Mål {n}"
        goal._history_user = user
        goal.save()
        indicator.target_value = Decimal(n)
        indicator.responsible_party = agreement.parties.first()
        indicator.save()
        Goal.objects.create(agreement=agreement, title=f"Nytt mål {n}")


def test_the_page_costs_the_same_whatever_the_number_of_entries(
    client, world, django_assert_max_num_queries
):
    # GIVEN an agreement with a few changes, and one with many
    small, large = world.agreement, AgreementFactory(parties=[world.municipality])
    _many_changes(small, world.official, 2)
    _many_changes(large, world.official, 40)
    client.force_login(world.official)
    # THEN both pages take the same bounded number of queries
    with django_assert_max_num_queries(30) as small_queries:
        assert client.get(history_url(small)).status_code == 200
    with django_assert_max_num_queries(30) as large_queries:
        response = client.get(history_url(large))
    assert len(response.context["entries"]) == 25
    assert response.context["page"].paginator.count > 100
    assert len(large_queries.captured_queries) <= len(small_queries.captured_queries) + 2
    # AND the last page is reached by the page links
    last = response.context["page"].paginator.num_pages
    assert client.get(history_url(large), {"sida": last}).status_code == 200


def test_line_endings_alone_are_no_change_and_the_diff_ignores_them():
    assert text_diff("Ett\nTvå", "Ett\r\nTvå\r\nTre") == [
        Segment("same", "Ett\nTvå"),
        Segment("added", "\nTre"),
    ]
