"""The national template's guidance beside the sections of a new agreement."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from agreements.guidance import SECTION_GUIDANCE, guidance_defaults_ensure
from agreements.models import (
    Agreement,
    IndicatorSuggestion,
    SectionGuidance,
    TargetGroupGuidance,
)

pytestmark = pytest.mark.django_db


def first_words(text: str) -> str:
    return text.split("\n")[0][:60]


@pytest.fixture
def new_agreement(official_client, world):
    # The data migration put the defaults in place; a flushed database gets them back here.
    guidance_defaults_ensure()
    official_client.post(
        reverse("agreements:create"),
        {"title": "Överenskommelse om samverkan 2027–2030", "parties": [world.af.pk]},
    )
    return Agreement.objects.get(title="Överenskommelse om samverkan 2027–2030")


def test_the_data_migration_gives_guidance_for_all_nine_sections():
    assert sorted(SectionGuidance.objects.values_list("section", flat=True)) == list(range(1, 10))
    assert TargetGroupGuidance.objects.count() >= 7
    assert set(
        IndicatorSuggestion.objects.exclude(kolada_kpi="").values_list("kolada_kpi", flat=True)
    ) >= {
        "N31807",
        "N03923",
        "N03926",
    }


def test_a_new_agreement_shows_the_templates_guidance_for_each_of_the_nine_sections(
    official_client, new_agreement
):
    # WHEN its writer opens the new agreement
    html = official_client.get(new_agreement.get_absolute_url()).content.decode()
    # THEN every section carries the template's guidance
    for number in range(1, 10):
        assert f"Mallens vägledning för avsnitt {number}" in html
        assert first_words(SECTION_GUIDANCE[number]) in html
    # AND each section's editor shows it beside the text
    for number in range(1, 10):
        page = official_client.get(
            reverse("agreements:section_edit", args=[new_agreement.pk, number])
        ).content.decode()
        assert "Mallens vägledning" in page
        assert first_words(SECTION_GUIDANCE[number]) in page


def test_sections_3_and_4_suggest_target_groups_and_indicators_with_kolada_kpis(
    official_client, new_agreement
):
    page3 = official_client.get(
        reverse("agreements:section_edit", args=[new_agreement.pk, 3])
    ).content.decode()
    assert "Föreslagna målgrupper" in page3
    assert "Långtidsarbetslösa" in page3
    page4 = official_client.get(
        reverse("agreements:section_edit", args=[new_agreement.pk, 4])
    ).content.decode()
    assert "Föreslagna indikatorer per målgrupp" in page4
    assert "Andelen invånare med ekonomiskt bistånd ska minska (Kolada N31807)" in page4


def test_an_administrators_edit_shows_and_is_never_overwritten(official_client, new_agreement):
    # GIVEN an administrator rewrote the guidance for section 7
    SectionGuidance.objects.filter(section=7).update(guidance="Följ upp **varje kvartal**.")
    # WHEN the defaults are ensured again (a later migration, the demo loader)
    assert guidance_defaults_ensure() == 0
    # THEN the edit stands, and the editor shows it formatted
    page = official_client.get(
        reverse("agreements:section_edit", args=[new_agreement.pk, 7])
    ).content.decode()
    assert "Följ upp <strong>varje kvartal</strong>." in page


def test_a_written_section_shows_its_text_not_the_guidance(official_client, new_agreement):
    Agreement.objects.filter(pk=new_agreement.pk).update(text_purpose="Vårt syfte.")
    html = official_client.get(new_agreement.get_absolute_url()).content.decode()
    assert "Mallens vägledning för avsnitt 2" not in html
    assert "Mallens vägledning för avsnitt 7" in html
    assert "Vårt syfte." in html


def test_a_kolada_kpi_is_checked():
    suggestion = IndicatorSuggestion.objects.first()
    suggestion.kolada_kpi = "31807"
    with pytest.raises(ValidationError) as error:
        suggestion.full_clean()
    assert "N eller U och fem siffror" in str(error.value)


def test_an_administrator_edits_the_guidance_in_the_admin(client, world):
    client.force_login(world.admin)
    row = SectionGuidance.objects.get(section=2)
    url = reverse("admin:agreements_sectionguidance_change", args=[row.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"section": 2, "guidance": "Beskriv syftet *kort*."})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.guidance == "Beskriv syftet *kort*."
    # An official has no way into the admin
    client.force_login(world.official)
    assert client.get(url).status_code == 302
