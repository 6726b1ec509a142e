"""Every URL by an organisationsadministratör (the role tests/test_access_all_urls.py does
not walk): like an official of the same municipality for reading; writes nothing in the
domain (``User.may_write``: other roles only read); manages its organisation's users."""

import pytest
from django.db import IntegrityError, transaction

from samverkan.models import User
from tests.factories import UserFactory
from tests.test_access_all_urls import URLS, build_url

# Where the organisationsadministratör differs from the official: the domain's write pages
# are refused (403 or 404, as each room refuses a non-writer) and the user pages are open.
REFUSED_WRITES = {
    "agreements:create": 403,
    "agreements:copy_from_in_force": 404,
    "agreements:edit": 404,
    "agreements:edit_beslut": 404,
    "agreements:edit_bilagor": 404,
    "agreements:edit_malgrupper": 404,
    "agreements:edit_parter": 404,
    "agreements:edit_undertecknare": 404,
    "agreements:section_edit": 404,
    "indicators:entry": 403,
    "indicators:goal_create": 404,
    "indicators:goal_edit": 404,
    "indicators:goals": 404,
    "indicators:import": 403,
    "indicators:indicator_create": 404,
    "indicators:indicator_edit": 404,
    "indicators:settings": 403,
    "jobbspar:create": 404,
    "jobbspar:edit": 404,
    "jobbspar:team": 404,
    "meetings:group_create": 404,
    "meetings:group_edit": 404,
    "meetings:group_members": 404,
    "meetings:meeting_create": 404,
    "meetings:meeting_edit": 404,
    "meetings:meeting_minutes": 404,
    "statistics:demand_create": 403,
    "statistics:snapshot_create": 403,
}
# A notice is its recipient's own (the walk's notice is the official's).
OWN_ONLY = {"reminders:notice_open": 404}
MANAGES = {"accounts:user_detail": 200, "accounts:user_invite": 200}


@pytest.mark.django_db
def test_every_url_by_an_organisation_administrator(client, world):
    org_admin = UserFactory(username="orgadmin", party=world.municipality, role=User.Role.ORG_ADMIN)
    assert not org_admin.may_write and not org_admin.is_portal_admin
    urls = []
    for name, params in URLS:
        try:
            with transaction.atomic():
                urls.append((name, build_url(world, name, params)))
        except IntegrityError:
            pass  # a second object of a kind the world holds once (the access test makes one)
    assert len(urls) > 80
    differs = {}
    for name, url in urls:
        client.force_login(world.official)
        official = client.get(url).status_code
        client.force_login(org_admin)
        status = client.get(url).status_code
        if status != official:
            differs[name] = status
    assert differs == {**REFUSED_WRITES, **OWN_ONLY, **MANAGES}
