"""A version sent for signature: each signatory gets a notice and an e-mail, once."""

import email
import email.policy

import pytest
from django.urls import reverse

from agreements.notices import SIGNATURE_REQUESTED
from agreements.signing import agreement_send_for_signature
from samverkan.reminders.models import Reminder
from samverkan.reminders.tasks import send_reminder
from tests.agreements.factories import Jarfalla

pytestmark = pytest.mark.django_db


def test_each_signatory_gets_a_notice_and_an_email_naming_the_agreement(
    smtp, client, django_capture_on_commit_callbacks
):
    # GIVEN Järfälla's draft with three signatories who have accounts
    jarfalla = Jarfalla()
    # WHEN an official sends it for signature
    with django_capture_on_commit_callbacks(execute=True):
        version = agreement_send_for_signature(agreement=jarfalla.agreement, user=jarfalla.carina)
    # THEN each signatory has one notice about the version …
    notices = Reminder.objects.filter(kind=SIGNATURE_REQUESTED)
    assert sorted(notices.values_list("recipient__username", flat=True)) == [
        "carina",
        "jan",
        "jenny",
    ]
    assert {n.object_id for n in notices} == {version.pk}
    assert set(notices.values_list("status", flat=True)) == {Reminder.Status.SENT}
    # … and one e-mail, caught by a real SMTP server, whose subject names the agreement
    assert smtp.per_recipient() == {
        u.email: 1 for u in (jarfalla.jan, jarfalla.carina, jarfalla.jenny)
    }
    mail = email.message_from_bytes(smtp.messages[0], policy=email.policy.default)
    assert mail["Subject"].strip() == f"Att skriva under: {jarfalla.agreement.title}"
    sign_url = reverse("agreements:sign", args=[jarfalla.agreement.pk])
    assert f"https://samverkan.test{sign_url}" in mail.get_body(("plain",)).get_content()
    # AND the bell of a signatory leads to the signing page
    client.force_login(jarfalla.jenny)
    page = client.get(reverse("reminders:notices")).content.decode()
    assert f"Att skriva under: {jarfalla.agreement.title}" in page
    notice = notices.get(recipient=jarfalla.jenny)
    response = client.get(reverse("reminders:notice_open", args=[notice.pk]))
    assert response["Location"] == sign_url


def test_the_sending_task_run_twice_sends_once(smtp, django_capture_on_commit_callbacks):
    jarfalla = Jarfalla()
    with django_capture_on_commit_callbacks(execute=True):
        agreement_send_for_signature(agreement=jarfalla.agreement, user=jarfalla.carina)
    for notice in Reminder.objects.filter(kind=SIGNATURE_REQUESTED):
        assert send_reminder(notice.pk) == "skipped"
    assert sum(smtp.per_recipient().values()) == 3


def test_a_signatory_without_an_account_gets_no_notice(smtp, django_capture_on_commit_callbacks):
    jarfalla = Jarfalla()
    jarfalla.sign_jenny.user = None
    jarfalla.sign_jenny.save()
    with django_capture_on_commit_callbacks(execute=True):
        agreement_send_for_signature(agreement=jarfalla.agreement, user=jarfalla.carina)
    assert Reminder.objects.filter(kind=SIGNATURE_REQUESTED).count() == 2
    assert jarfalla.jenny.email not in smtp.per_recipient()


def test_the_signature_notice_cannot_be_turned_off(client):
    jarfalla = Jarfalla()
    client.force_login(jarfalla.jenny)
    page = client.get(reverse("reminders:preferences")).content.decode()
    assert "En version väntar på din underskrift" not in page
