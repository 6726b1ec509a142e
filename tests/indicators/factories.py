"""factory_boy factories for goals, indicators, periods, measurements and reports."""

import datetime

import factory
from factory.django import DjangoModelFactory

from indicators.models import FollowUpPeriod, FollowUpReport, Goal, Indicator, Measurement
from tests.factories import AgreementFactory


class GoalFactory(DjangoModelFactory):
    class Meta:
        model = Goal

    agreement = factory.SubFactory(AgreementFactory)
    title = factory.Sequence(lambda n: f"Mål {n}")


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    goal = factory.SubFactory(GoalFactory)
    name = factory.Sequence(lambda n: f"Indikator {n}")
    unit = Indicator.Unit.COUNT
    direction = Indicator.Direction.DECREASE
    source = Indicator.Source.EMPLOYMENT_SERVICE
    by_gender = True
    position = factory.Sequence(lambda n: n)


class FollowUpPeriodFactory(DjangoModelFactory):
    class Meta:
        model = FollowUpPeriod
        django_get_or_create = ("agreement", "year", "half")

    agreement = factory.SubFactory(AgreementFactory)
    year = 2025
    half = 1
    starts_on = factory.LazyAttribute(lambda p: datetime.date(p.year, 1 if p.half == 1 else 7, 1))
    ends_on = factory.LazyAttribute(
        lambda p: datetime.date(p.year, 6, 30) if p.half == 1 else datetime.date(p.year, 12, 31)
    )
    deadline = factory.LazyAttribute(
        lambda p: datetime.date(p.year, 8, 31) if p.half == 1 else datetime.date(p.year + 1, 1, 31)
    )


class MeasurementFactory(DjangoModelFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    period = factory.SubFactory(
        FollowUpPeriodFactory, agreement=factory.SelfAttribute("..indicator.goal.agreement")
    )
    total = 10


class FollowUpReportFactory(DjangoModelFactory):
    class Meta:
        model = FollowUpReport
        django_get_or_create = ("period",)

    period = factory.SubFactory(FollowUpPeriodFactory)
    agreement = factory.SelfAttribute("period.agreement")
