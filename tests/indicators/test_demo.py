"""The demo goals and values: from the seeds, marked as demo, idempotent, never over typed values."""

import pytest

from agreements.demo import DEMO_AGREEMENT_TITLES
from indicators import demo
from indicators.models import FollowUpReport, Goal, Indicator, Measurement
from indicators.selectors import indicator_rows
from tests.factories import (
    AgreementFactory,
    EmploymentServiceFactory,
    PartyFactory,
    SectionChiefFactory,
    UserFactory,
)


@pytest.fixture
def demo_agreements(db):
    af = EmploymentServiceFactory(name="Arbetsförmedlingen Stockholm nordöstra")
    kommun = PartyFactory(name="Österåkers kommun")
    UserFactory(username="osteraker", party=kommun)
    SectionChiefFactory(username="af-nordost", party=af)
    agreements = {}
    for key, title in DEMO_AGREEMENT_TITLES.items():
        agreements[key] = AgreementFactory(
            title=title, parties=[kommun if key == "osteraker" else PartyFactory(), af]
        )
    return agreements


def test_demo_loads_seed_goals_with_values_and_is_idempotent(demo_agreements):
    log = []
    demo.load(log.append)
    counts = (Goal.objects.count(), Indicator.objects.count(), Measurement.objects.count())
    demo.load(log.append)
    assert (Goal.objects.count(), Indicator.objects.count(), Measurement.objects.count()) == counts
    osteraker = demo_agreements["osteraker"]
    assert osteraker.goals.filter(number="4.3").exists()
    jarfalla = demo_agreements["jarfalla"]
    assert Indicator.objects.filter(
        goal__agreement=jarfalla, source_note="Mäts årligen via Kolada", source="kolada"
    ).exists()
    assert (
        Indicator.objects.filter(
            goal__agreement=jarfalla,
            source_note="Mäts av arbetsförmedlingen inför varje styrgruppsmöte",
        ).count()
        >= 4
    )
    assert Indicator.objects.filter(
        goal__agreement=demo_agreements["nordost"],
        name="Minst 80 procent av deltagarna ska få ett arbete efter avslutat jobbspår",
        direction="at_least",
        target_value=80,
    ).exists()
    assert set(Measurement.objects.values_list("origin", flat=True)) == {"demo"}
    assert set(Measurement.objects.values_list("period__year", flat=True)) == {2023, 2024, 2025}
    # The reports: earlier half-years approved, H1 2025 waiting for review.
    assert (
        FollowUpReport.objects.get(agreement=osteraker, period__year=2025, period__half=1).status
        == "submitted"
    )
    assert FollowUpReport.objects.filter(agreement=osteraker, status="approved").count() == 4


def test_demo_values_follow_the_rules_and_give_a_status(demo_agreements):
    demo.load(lambda message: None)
    for m in Measurement.objects.select_related("indicator"):
        if m.indicator.unit == "count" and m.indicator.by_gender:
            assert m.women + m.men + m.unknown == m.total
        assert m.total >= 0
    osteraker = demo_agreements["osteraker"]
    period = osteraker.followup_periods.get(year=2025, half=2)
    rows = indicator_rows(osteraker, period)
    youth = next(r for r in rows if "målsättningen ska vara noll" in r.indicator.name)
    assert youth.status.key == "on_track"


def test_demo_never_replaces_a_typed_value(demo_agreements):
    demo.load(lambda message: None)
    # The latest demo half-year has no report yet, so its values are open for typing.
    m = Measurement.objects.exclude(
        period__report__status__in=FollowUpReport.LOCKED_STATUSES
    ).first()
    m.origin, m.total, m.women, m.men, m.unknown = "manual", 1, None, None, None
    m.save()
    demo.load(lambda message: None)
    m.refresh_from_db()
    assert (m.origin, m.total) == ("manual", 1)
