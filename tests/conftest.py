"""Shared fixtures. The suite runs on PostgreSQL and a real Redis; CI never skips them."""

import os

import pytest
from django.conf import settings

from tests.factories import (
    AdminFactory,
    AgreementFactory,
    EmploymentServiceFactory,
    PartyFactory,
    SectionChiefFactory,
    UserFactory,
)
from tests.samverkan.reminder_worker import smtp_sink

pytest_plugins = ("celery.contrib.pytest",)


def pytest_configure(config):
    engine = settings.DATABASES["default"]["ENGINE"]
    if os.environ.get("CI") and "postgresql" not in engine:
        raise pytest.UsageError("CI runs the suite on PostgreSQL: set DATABASE_URL.")
    # Tests log in with force_login; axes would otherwise count the test client's logins.
    settings.AXES_ENABLED = False
    # Argon2 is deliberately slow; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


class World:
    """Two municipalities with an Af unit each, users of every role, and agreements.

    ``agreement`` has ``municipality`` and ``af`` as parties; ``other_agreement`` belongs to
    ``other_municipality`` and ``other_af`` only, so the ``outsider`` may see none of it.
    """

    def __init__(self):
        self.municipality = PartyFactory(name="Österåkers kommun (test)")
        self.af = EmploymentServiceFactory(name="Arbetsförmedlingen nordöstra (test)")
        self.other_municipality = PartyFactory(name="Täby kommun (test)")
        self.other_af = EmploymentServiceFactory(name="Arbetsförmedlingen nordväst (test)")
        self.official = UserFactory(username="official", party=self.municipality)
        self.section_chief = SectionChiefFactory(username="chief", party=self.af)
        self.admin = AdminFactory(username="administrator")
        self.outsider = UserFactory(username="outsider", party=self.other_municipality)
        self.agreement = AgreementFactory(parties=[self.municipality, self.af])
        self.other_agreement = AgreementFactory(parties=[self.other_municipality, self.other_af])

    def users(self):
        return {
            "official": self.official,
            "section_chief": self.section_chief,
            "admin": self.admin,
            "outsider": self.outsider,
        }


@pytest.fixture
def world(db):
    return World()


@pytest.fixture
def smtp(settings):
    """A real SMTP server in this process (aiosmtpd) that keeps what it receives, with the
    portal's mail sent to it: ``smtp.messages`` are the raw messages."""
    with smtp_sink(keep_messages=True) as (sink, port):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.SITE_URL = "https://samverkan.test"
        yield sink


@pytest.fixture
def official_client(client, world):
    client.force_login(world.official)
    return client
