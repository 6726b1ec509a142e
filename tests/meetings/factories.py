"""Factories for groups, meetings and jobbspår."""

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from meetings.models import ActionItem, Group, GroupMember, JobTrack, Meeting
from meetings.rhythm import RhythmKind
from tests.factories import AgreementFactory


class GroupFactory(DjangoModelFactory):
    class Meta:
        model = Group

    agreement = factory.SubFactory(AgreementFactory)
    tier = Group.Tier.OPERATIVE
    name = factory.Sequence(lambda n: f"Operativ samverkan {n}")
    mandate = "Informera varandra om nuläget.\nFölja upp lokal samverkan."
    rhythm_kind = RhythmKind.EVERY_N_WEEKS
    rhythm_count = 8


class GroupMemberFactory(DjangoModelFactory):
    class Meta:
        model = GroupMember

    group = factory.SubFactory(GroupFactory)
    role_title = factory.Sequence(lambda n: f"Sektionschef {n}")
    organisation_name = "Arbetsförmedlingen"


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(GroupFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda m: m.starts_at + timedelta(hours=2))
    location = "Kommunhuset"
    agenda = "Nuläge\nUppföljning"


class ActionItemFactory(DjangoModelFactory):
    class Meta:
        model = ActionItem

    meeting = factory.SubFactory(MeetingFactory)
    description = "Ta fram statistik"
    owner = "Sektionschef"


class JobTrackFactory(DjangoModelFactory):
    class Meta:
        model = JobTrack

    agreement = factory.SubFactory(AgreementFactory)
    name = factory.Sequence(lambda n: f"Jobbspår {n}")
    employer = factory.Sequence(lambda n: f"Arbetsgivare {n}")
    status = JobTrack.Status.ONGOING


def world_group(world):
    """The world agreement's group, created once per test."""
    group = Group.objects.filter(agreement=world.agreement).first()
    return group or GroupFactory(agreement=world.agreement, convener=world.af)


def world_meeting(world):
    meeting = Meeting.objects.filter(group__agreement=world.agreement).first()
    return meeting or MeetingFactory(group=world_group(world))


def world_job_track(world):
    track = JobTrack.objects.filter(agreement=world.agreement).first()
    return track or JobTrackFactory(
        agreement=world.agreement, workplace_municipality=world.municipality
    )
