"""Comments between the parties on a draft: posted on a section, answered, resolved; the
open ones beside the agreement; only for the parties; never in a signed version."""

import json
import subprocess

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from agreements.comments import comment_post, comment_reply, comment_resolve
from agreements.models import Agreement, Comment, SignedDocument
from agreements.signing.versions import build_snapshot
from tests.factories import AdminFactory

pytestmark = pytest.mark.django_db


def comments_url(agreement):
    return reverse("agreements:comments", kwargs={"pk": agreement.pk})


def post_comment(client, agreement, section, text):
    return client.post(comments_url(agreement), {"section": section, "text": text})


def test_a_comment_is_posted_answered_and_resolved(client, world):
    agreement = world.agreement
    # GIVEN the official of a party comments on section 2 of the draft
    client.force_login(world.official)
    response = post_comment(client, agreement, 2, "Syftet bör nämna <kompetensförsörjning>.")
    comment = Comment.objects.get(agreement=agreement)
    assert response.status_code == 302
    assert response["Location"] == f"{comments_url(agreement)}#kommentar-{comment.pk}"
    assert (comment.section, comment.author, comment.author_party) == (
        2,
        world.official,
        world.municipality,
    )
    # THEN the agreement page lists it as open, escaped, for the other party too
    client.force_login(world.section_chief)
    html = client.get(agreement.get_absolute_url()).content.decode()
    assert "1 öppen kommentar mellan parterna" in html
    # beside section 2's heading too, with a link to comment on each section
    assert f'href="{comments_url(agreement)}?avsnitt=2#ny-kommentar">1 kommentar' in html
    assert f'href="{comments_url(agreement)}?avsnitt=3#ny-kommentar">Kommentera' in html
    assert "2. Syfte" in html and "&lt;kompetensförsörjning&gt;" in html
    # WHEN Af's section chief answers it
    response = client.post(
        reverse("agreements:comment_reply", args=[agreement.pk, comment.pk]),
        {f"svar-{comment.pk}-text": "Håller med, vi skriver in det."},
    )
    assert response.status_code == 302
    reply = Comment.objects.get(reply_to=comment)
    assert (reply.section, reply.author_party) == (2, world.af)
    html = client.get(comments_url(agreement)).content.decode()
    assert "Håller med, vi skriver in det." in html
    assert "Arbetsförmedlingen nordöstra (test)" in html
    # AND the official resolves it
    client.force_login(world.official)
    response = client.post(reverse("agreements:comment_resolve", args=[agreement.pk, comment.pk]))
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.is_resolved and comment.resolved_by == world.official
    # THEN it is no longer open: not beside the agreement, but among the resolved
    html = client.get(agreement.get_absolute_url()).content.decode()
    assert "Inga öppna kommentarer." in html and "&lt;kompetensförsörjning&gt;" not in html
    html = client.get(comments_url(agreement), {"visa": "losta"}).content.decode()
    assert "&lt;kompetensförsörjning&gt;" in html and "Löst av" in html
    # AND resolving again changes nothing
    assert comment_resolve(comment=comment, user=world.section_chief) is False


def test_an_empty_comment_or_answer_is_refused_at_the_field_keeping_the_section(client, world):
    client.force_login(world.official)
    response = post_comment(client, world.agreement, 7, "   ")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Detta fält måste fyllas i." in html
    assert '<option value="7" selected>' in html
    comment = comment_post(agreement=world.agreement, section=3, text="Fråga", user=world.official)
    response = client.post(
        reverse("agreements:comment_reply", args=[world.agreement.pk, comment.pk]),
        {f"svar-{comment.pk}-text": "x" * 5000},
    )
    assert response.status_code == 400
    assert "x" * 5000 in response.content.decode()
    assert not Comment.objects.filter(reply_to=comment).exists()


def test_a_form_sent_twice_makes_one_comment(client, world):
    client.force_login(world.official)
    data = {
        "section": 4,
        "text": "En gång",
        "submission_key": "7d1f6a86-0d7e-4c39-a1a2-1c8f7ad1c001",
    }
    client.post(comments_url(world.agreement), data)
    client.post(comments_url(world.agreement), data)
    assert Comment.objects.filter(agreement=world.agreement).count() == 1


def test_outsiders_and_administrators_outside_the_parties_get_404(client, world):
    comment = comment_post(
        agreement=world.agreement, section=2, text="Hemligt", user=world.official
    )
    urls = [
        comments_url(world.agreement),
        reverse("agreements:comment_reply", args=[world.agreement.pk, comment.pk]),
        reverse("agreements:comment_resolve", args=[world.agreement.pk, comment.pk]),
    ]
    for user in (world.outsider, world.admin):
        client.force_login(user)
        assert client.get(urls[0]).status_code == 404
        for url in urls:
            assert client.post(url, {"section": 2, "text": "Intrång"}).status_code == 404
    # The administrator reads the agreement, without the parties' talk beside it
    html = client.get(world.agreement.get_absolute_url()).content.decode()
    assert "Hemligt" not in html and comments_url(world.agreement) not in html
    # A comment on another agreement cannot be reached through one's own agreement's address
    other = Comment.objects.create(
        agreement=world.other_agreement,
        section=2,
        text="Annan",
        author_party=world.other_municipality,
    )
    client.force_login(world.official)
    url = reverse("agreements:comment_resolve", args=[world.agreement.pk, other.pk])
    assert client.post(url).status_code == 404
    # And every path refuses a non-party: the services too
    with pytest.raises(PermissionDenied):
        comment_post(agreement=world.agreement, section=2, text="x", user=world.outsider)
    with pytest.raises(PermissionDenied):
        comment_resolve(comment=comment, user=AdminFactory())
    assert Comment.objects.filter(agreement=world.agreement).count() == 1


def test_no_comment_once_the_text_is_sent_for_signature(client, world):
    comment = comment_post(agreement=world.agreement, section=2, text="Fråga", user=world.official)
    Agreement.objects.filter(pk=world.agreement.pk).update(status=Agreement.Status.FOR_SIGNATURE)
    world.agreement.refresh_from_db()
    with pytest.raises(ValidationError):
        comment_post(agreement=world.agreement, section=2, text="Sent", user=world.official)
    with pytest.raises(ValidationError):
        comment_reply(comment=comment, text="Sent", user=world.official)
    client.force_login(world.official)
    response = post_comment(client, world.agreement, 2, "Sent")
    assert response.status_code == 400
    assert "Överenskommelsen är inte ett utkast längre" in response.content.decode()
    # Resolving the talk is still possible
    assert comment_resolve(comment=comment, user=world.official) is True


def pdf_text(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def test_the_signed_version_and_its_pdf_hold_no_comment(
    client, jarfalla, django_capture_on_commit_callbacks
):
    agreement = jarfalla.agreement
    secret = "Kommentarsordet Blåbärssoppa"
    thread = comment_post(agreement=agreement, section=2, text=secret, user=jarfalla.official)
    comment_reply(comment=thread, text=f"{secret} svar", user=jarfalla.jan)
    comment_post(agreement=agreement, section=9, text=f"{secret} öppen", user=jarfalla.carina)
    # WHEN the draft is frozen, sent and signed by all
    assert "Blåbärssoppa" not in json.dumps(build_snapshot(agreement), ensure_ascii=False)
    version = jarfalla.send()
    with django_capture_on_commit_callbacks(execute=True):
        document = jarfalla.sign_all(version)
    document.refresh_from_db()
    assert document.status == SignedDocument.Status.READY, document.error
    # THEN neither the frozen version, its page nor its signed PDF has a word of the talk
    assert "Blåbärssoppa" not in json.dumps(version.snapshot, ensure_ascii=False)
    client.force_login(jarfalla.official)
    page = client.get(
        reverse("agreements:version_detail", args=[agreement.pk, version.number])
    ).content.decode()
    assert "Blåbärssoppa" not in page
    with document.file.open("rb") as f:
        text = pdf_text(f.read())
    assert "Syfte" in text and "Blåbärssoppa" not in text
    # AND the comments are still there for the parties, now closed to new words
    assert Comment.objects.filter(agreement=agreement).count() == 3
    html = client.get(comments_url(agreement)).content.decode()
    assert "Blåbärssoppa" in html and "Överenskommelsen är inte ett utkast just nu" in html


def test_the_comment_pages_cost_the_same_whatever_the_number_of_comments(
    client, world, django_assert_max_num_queries
):
    def talk(n):
        for i in range(n):
            thread = comment_post(
                agreement=world.agreement, section=1 + i % 9, text=f"Fråga {i}", user=world.official
            )
            comment_reply(comment=thread, text=f"Svar {i}", user=world.section_chief)

    talk(2)
    client.force_login(world.official)
    urls = [comments_url(world.agreement), world.agreement.get_absolute_url()]
    counts = []
    for url in urls:
        with django_assert_max_num_queries(60) as queries:
            client.get(url)
        counts.append(len(queries.captured_queries))
    talk(30)
    for url, count in zip(urls, counts, strict=True):
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200
    html = client.get(comments_url(world.agreement)).content.decode()
    assert "Öppna (32)" in html and "Sida 1 av 2" in html
