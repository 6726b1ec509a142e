"""'Försök igen' for a signed PDF that waits (Redis was down when the last signature came),
not only for one that failed."""

import pytest
from django.urls import reverse

from agreements.models import Agreement, SignedDocument
from tests.factories import AdminFactory
from tests.samverkan.reminder_worker import celery_publishing_to, free_port

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_administrator_retries_a_waiting_signed_pdf(client, jarfalla):
    version = jarfalla.send()
    # GIVEN the last signature came while Redis was down
    with celery_publishing_to(f"redis://127.0.0.1:{free_port()}/0"):
        document = jarfalla.sign_all(version)
    assert jarfalla.agreement.status == Agreement.Status.IN_FORCE
    assert document.status == SignedDocument.Status.WAITING
    # WHEN an administrator opens the agreement, the PDF is "being made" with a retry button
    admin = AdminFactory()
    client.force_login(admin)
    page = client.get(jarfalla.agreement.get_absolute_url()).content.decode()
    assert "Den undertecknade PDF:en skapas." in page
    url = reverse(
        "agreements:signed_pdf_retry",
        kwargs={"pk": jarfalla.agreement.pk, "number": version.number},
    )
    assert f'action="{url}"' in page
    # AND presses "Försök igen" (Redis is back: eager Celery in tests)
    response = client.post(url)
    # THEN the signed PDF is made
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == SignedDocument.Status.READY, document.error
    # AND an official sees no such button
    client.force_login(jarfalla.official)
    assert (
        f'action="{url}"' not in client.get(jarfalla.agreement.get_absolute_url()).content.decode()
    )
