"""A signed version and its signatures refuse every path: the pages, the admin (change,
delete, bulk delete), the services and the model itself (issue 9)."""

import datetime

import pytest
from django.db import IntegrityError, InternalError, transaction
from django.urls import reverse

from agreements.models import AgreementVersion, ImmutableRowError, Signature
from agreements.signing import SigningError, agreement_sign, signature_register_paper
from tests.factories import DEMO_PASSWORD, AdminFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(jarfalla):
    version = jarfalla.send()
    jarfalla.sign_all(version)
    return jarfalla, version


def _state(version):
    return (
        AgreementVersion.objects.filter(pk=version.pk).values().first(),
        list(Signature.objects.filter(version=version).order_by("pk").values()),
    )


def test_services_refuse_a_signed_version(signed):
    jarfalla, version = signed
    before = _state(version)
    with pytest.raises(SigningError, match="kan inte längre skrivas under|redan skrivit under"):
        agreement_sign(
            version=version,
            signatory=jarfalla.sign_jan,
            user=jarfalla.jan,
            password=DEMO_PASSWORD,
        )
    admin = AdminFactory()
    with pytest.raises(SigningError, match="kan inte längre skrivas under|redan skrivit under"):
        signature_register_paper(
            version=version,
            signatory=jarfalla.sign_carina,
            user=admin,
            signed_on=datetime.date.today(),
        )
    assert _state(version) == before


def test_the_models_refuse_with_a_swedish_message(signed):
    _jarfalla, version = signed
    before = _state(version)
    stale = AgreementVersion.objects.get(pk=version.pk)
    stale.content_hash = "0" * 64
    with pytest.raises(ImmutableRowError, match="fryst version av överenskommelsen"):
        stale.save()
    with pytest.raises(ImmutableRowError, match="tas aldrig bort"):
        stale.delete()
    signature = Signature.objects.filter(version=version).first()
    signature.name = "Någon annan"
    with pytest.raises(ImmutableRowError, match="En underskrift kan inte ändras"):
        signature.save()
    with pytest.raises(ImmutableRowError, match="En underskrift tas aldrig bort"):
        signature.delete()
    # Below the model, the database refuses a changed version too (a trigger).
    with pytest.raises((InternalError, IntegrityError)), transaction.atomic():
        AgreementVersion.objects.filter(pk=version.pk).update(content_hash="1" * 64)
    assert _state(version) == before


def test_pages_refuse_a_signed_version(client, signed):
    jarfalla, version = signed
    before = _state(version)
    client.force_login(jarfalla.carina)
    sign = reverse("agreements:sign", args=[jarfalla.agreement.pk])
    response = client.post(
        sign,
        {
            "signatory": jarfalla.sign_carina.pk,
            "password": DEMO_PASSWORD,
            "confirm": "on",
            "content_hash": version.content_hash,
        },
    )
    assert response.status_code == 403  # no form is offered for a signed version
    admin = AdminFactory()
    client.force_login(admin)
    paper = reverse("agreements:register_paper", args=[jarfalla.agreement.pk])
    response = client.post(paper, {"signatory": jarfalla.sign_carina.pk, "signed_on": "2026-01-01"})
    assert response.status_code == 200
    assert _state(version) == before


def test_admin_refuses_every_change(client, signed, world):
    _jarfalla, version = signed
    before = _state(version)
    world.admin.is_superuser = True
    world.admin.save()
    client.force_login(world.admin)
    signature = Signature.objects.filter(version=version).first()
    for model, pk in (("agreementversion", version.pk), ("signature", signature.pk)):
        change = reverse(f"admin:agreements_{model}_change", args=[pk])
        page = client.get(change)
        assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
        assert client.post(change, {"name": "Ändrat"}).status_code == 403
        delete = reverse(f"admin:agreements_{model}_delete", args=[pk])
        assert client.post(delete, {"post": "yes"}).status_code == 403
        client.post(
            reverse(f"admin:agreements_{model}_changelist"),
            {"action": "delete_selected", "_selected_action": [pk], "post": "yes"},
        )
    assert _state(version) == before
