"""Parties, appendices and creation of agreements."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreements.models import Agreement, Appendix

pytestmark = pytest.mark.django_db


def test_official_creates_a_draft_with_their_municipality_as_convener(official_client, world):
    response = official_client.post(
        reverse("agreements:create"),
        {"title": "Överenskommelse om samverkan 2027", "parties": [world.af.pk]},
    )
    agreement = Agreement.objects.get(title="Överenskommelse om samverkan 2027")
    assert response.status_code == 302
    assert agreement.status == Agreement.Status.DRAFT
    memberships = {m.party: m.is_convener for m in agreement.agreement_parties.all()}
    assert memberships == {world.municipality: True, world.af: False}


def appendix_post(client, agreement, upload, base):
    data = {
        "base_fingerprint": base,
        "bilagor-TOTAL_FORMS": "1",
        "bilagor-INITIAL_FORMS": "0",
        "bilagor-MIN_NUM_FORMS": "0",
        "bilagor-MAX_NUM_FORMS": "1000",
        "bilagor-0-number": "1",
        "bilagor-0-title": "Rutin för gemensam kartläggning",
        "bilagor-0-state": "planned",
        "bilagor-0-state_note": "Upprättas Q1 2023",
        "bilagor-0-due_date": "2023-03-31",
        "bilagor-0-responsible_party": agreement.agreement_parties.first().party_id,
    }
    if upload:
        data["bilagor-0-file"] = upload
    return client.post(reverse("agreements:edit_bilagor", args=[agreement.pk]), data)


def test_appendix_upload_must_be_a_pdf(official_client, world):
    base = official_client.get(
        reverse("agreements:edit_bilagor", args=[world.agreement.pk])
    ).context["base_fingerprint"]
    upload = SimpleUploadedFile("rutin.docx", b"PK\x03\x04 not a pdf", "application/pdf")
    response = appendix_post(official_client, world.agreement, upload, base)
    assert response.status_code == 200
    assert "Filen är inte en PDF" in response.content.decode()
    assert 'value="Upprättas Q1 2023"' in response.content.decode()
    assert not Appendix.objects.exists()


def test_appendix_upload_has_a_size_limit(official_client, world, settings):
    settings.MAX_UPLOAD_SIZE = 1024
    base = official_client.get(
        reverse("agreements:edit_bilagor", args=[world.agreement.pk])
    ).context["base_fingerprint"]
    upload = SimpleUploadedFile("rutin.pdf", b"%PDF-1.7\n" + b"0" * 4096, "application/pdf")
    response = appendix_post(official_client, world.agreement, upload, base)
    assert "Filen är för stor" in response.content.decode()
    assert not Appendix.objects.exists()


def test_planned_appendix_with_pdf_is_saved(official_client, world):
    base = official_client.get(
        reverse("agreements:edit_bilagor", args=[world.agreement.pk])
    ).context["base_fingerprint"]
    upload = SimpleUploadedFile("rutin.pdf", b"%PDF-1.7\n%%EOF\n", "application/pdf")
    response = appendix_post(official_client, world.agreement, upload, base)
    assert response.status_code == 302
    appendix = Appendix.objects.get()
    assert appendix.state_note == "Upprättas Q1 2023"
    assert appendix.file.read().startswith(b"%PDF-")


def test_list_changed_meanwhile_is_a_conflict(official_client, world):
    base = official_client.get(
        reverse("agreements:edit_bilagor", args=[world.agreement.pk])
    ).context["base_fingerprint"]
    Appendix.objects.create(agreement=world.agreement, number=7, title="Kollegans bilaga")
    response = appendix_post(official_client, world.agreement, None, base)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Någon annan hann spara först" in html
    assert "Kollegans bilaga" in html
    assert 'value="Rutin för gemensam kartläggning"' in html
    assert Appendix.objects.count() == 1


def test_password_reset_sends_a_swedish_mail(client, world):
    response = client.post(reverse("password_reset"), {"email": world.official.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Återställ ditt lösenord i Samverkansportalen"
    assert "/konto/losenord/aterstall/" in mail.outbox[0].body


def test_logout_is_a_post(client, world):
    client.force_login(world.official)
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("dashboard")).status_code == 302


def test_appendix_number_may_carry_a_letter(world):
    # Järfälla's seed has "Bilaga 2" and "Bilaga 2a".
    Appendix.objects.create(agreement=world.agreement, number=2, title="Ekonomiskt bistånd")
    appendix = Appendix.objects.create(
        agreement=world.agreement, number=2, suffix="a", title="Arbetsträning"
    )
    assert appendix.label == "2a"
    assert str(appendix) == "Bilaga 2a: Arbetsträning"
    assert [a.label for a in world.agreement.appendices.all()] == ["2", "2a"]
