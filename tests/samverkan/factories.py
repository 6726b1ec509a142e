"""Factories for the reminder machinery."""

import factory
from django.contrib.contenttypes.models import ContentType
from factory.django import DjangoModelFactory

from samverkan.reminders.models import Reminder
from tests.factories import AgreementFactory, UserFactory


class ReminderFactory(DjangoModelFactory):
    class Meta:
        model = Reminder
        exclude = ("target",)

    kind = "agreements.review_due"
    target = factory.SubFactory(AgreementFactory)
    content_type = factory.LazyAttribute(lambda r: ContentType.objects.get_for_model(r.target))
    object_id = factory.LazyAttribute(lambda r: r.target.pk)
    occasion = factory.Sequence(lambda n: f"2025-09-30:-{n}d")
    recipient = factory.SubFactory(UserFactory)
    subject = "Dags att revidera överenskommelsen"
    body = "Nästa revidering är planerad till 30 september 2025."
    link = "/overenskommelser/1/"
