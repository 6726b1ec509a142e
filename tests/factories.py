"""factory_boy factories for the core and the agreements."""

import factory
from factory.django import DjangoModelFactory

from agreements.models import (
    Agreement,
    AgreementParty,
    AgreementTargetGroup,
    Appendix,
    Decision,
    Signatory,
    TargetGroup,
)
from samverkan.models import Party, User
from samverkan.validators import MUNICIPALITIES

DEMO_PASSWORD = "demo-samverkan-2026"


def organisation_number(n: int) -> str:
    """A valid organisationsnummer (Luhn) built from a running number."""
    body = f"2120{n:05d}"[-9:]
    total = 0
    for index, char in enumerate(reversed(body)):
        value = int(char)
        if index % 2 == 0:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    check = (10 - total % 10) % 10
    digits = body + str(check)
    return f"{digits[:6]}-{digits[6:]}"


# Real kommunkoder, leaving out those the tests give named municipalities (Stockholm county).
_FACTORY_CODES = [code for code in MUNICIPALITIES if not code.startswith("01")]


def _free_municipality_code() -> str:
    """The first real code no organisation holds yet; none once all are taken (a test that
    needs hundreds of parties)."""
    used = set(Party.objects.values_list("municipality_code", flat=True))
    return next((code for code in _FACTORY_CODES if code not in used), "")


class PartyFactory(DjangoModelFactory):
    class Meta:
        model = Party
        django_get_or_create = ("name",)

    kind = Party.Kind.MUNICIPALITY
    name = factory.Sequence(lambda n: f"Testkommun {n}")
    organisation_number = factory.Sequence(organisation_number)
    municipality_code = factory.LazyFunction(lambda: _free_municipality_code())


class EmploymentServiceFactory(PartyFactory):
    kind = Party.Kind.EMPLOYMENT_SERVICE
    name = factory.Sequence(lambda n: f"Arbetsförmedlingen Testenhet {n}")
    municipality_code = ""


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.se")
    party = factory.SubFactory(PartyFactory)
    role = User.Role.OFFICIAL
    password = factory.PostGenerationMethodCall("set_password", DEMO_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class SectionChiefFactory(UserFactory):
    party = factory.SubFactory(EmploymentServiceFactory)
    role = User.Role.SECTION_CHIEF


class AdminFactory(UserFactory):
    party = None
    role = User.Role.ADMIN


class TargetGroupFactory(DjangoModelFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Målgrupp {n}")


class AgreementFactory(DjangoModelFactory):
    """An agreement between a municipality (convener) and an Af unit."""

    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Överenskommelse om samverkan {n}")
    diarienummer = factory.Sequence(lambda n: f"Af-2026/{n:04d}")
    text_purpose = "Att genom samverkan påskynda individers etablering i arbetslivet."

    @factory.post_generation
    def parties(obj, create, extracted, **kwargs):  # noqa: N805
        if not create:
            return
        parties = extracted or [PartyFactory(), EmploymentServiceFactory()]
        for index, party in enumerate(parties):
            AgreementParty.objects.create(agreement=obj, party=party, is_convener=index == 0)


class AgreementTargetGroupFactory(DjangoModelFactory):
    class Meta:
        model = AgreementTargetGroup

    agreement = factory.SubFactory(AgreementFactory)
    target_group = factory.SubFactory(TargetGroupFactory)
    description = "Beskrivning av målgruppen."


class AppendixFactory(DjangoModelFactory):
    class Meta:
        model = Appendix

    agreement = factory.SubFactory(AgreementFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Bilaga {n}")


class SignatoryFactory(DjangoModelFactory):
    class Meta:
        model = Signatory

    agreement = factory.SubFactory(AgreementFactory)
    party = factory.LazyAttribute(lambda s: s.agreement.parties.first())
    name = factory.Sequence(lambda n: f"Undertecknare {n}")
    title = "Kommunstyrelsens ordförande"


class DecisionFactory(DjangoModelFactory):
    class Meta:
        model = Decision

    agreement = factory.SubFactory(AgreementFactory)
    body = "Kommunstyrelsen"
    text = "Godkänna Överenskommelse om samverkan."
