"""A comment on a draft tells the other parties' writers, an answer tells the thread's
writers: a notice and an e-mail each, once; never the author; a kind one can turn off."""

import email
import email.policy

import pytest
from django.urls import reverse

from agreements.comments import comment_post, comment_reply
from agreements.notices import COMMENTED
from samverkan.reminders.models import Reminder, ReminderPreference
from samverkan.reminders.tasks import send_reminder
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_comment_tells_the_parties_writers_and_an_answer_the_thread(
    smtp, world, client, django_capture_on_commit_callbacks
):
    colleague = UserFactory(party=world.municipality)
    # WHEN the official comments on section 2 of the draft
    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_post(
            agreement=world.agreement,
            section=2,
            text="Syftet bör nämna <unga>.",
            user=world.official,
        )
    # THEN the section chief of the Af party and the official's colleague are told, not the
    # official, and nobody outside the parties
    notices = Reminder.objects.filter(kind=COMMENTED, object_id=comment.pk)
    assert set(notices.values_list("recipient", flat=True)) == {
        world.section_chief.pk,
        colleague.pk,
    }
    assert set(notices.values_list("status", flat=True)) == {Reminder.Status.SENT}
    mails = {
        m["To"]: m
        for m in (email.message_from_bytes(b, policy=email.policy.default) for b in smtp.messages)
    }
    assert set(mails) == {world.section_chief.email, colleague.email}
    mail = mails[world.section_chief.email]
    assert mail["Subject"].strip() == f"Ny kommentar på utkastet: {world.agreement.title}"
    body = mail.get_body(("plain",)).get_content()
    assert "Syftet bör nämna <unga>." in body and "avsnitt 2, Syfte" in body
    link = reverse("agreements:comments", args=[world.agreement.pk]) + f"#kommentar-{comment.pk}"
    assert f"https://samverkan.test{link}" in body
    # WHEN the section chief answers
    with django_capture_on_commit_callbacks(execute=True):
        answer = comment_reply(comment=comment, text="Håller med.", user=world.section_chief)
    # THEN the thread's author is told; the one who answered is not
    answered = Reminder.objects.filter(kind=COMMENTED, object_id=answer.pk)
    assert list(answered.values_list("recipient", flat=True)) == [world.official.pk]
    # AND the bell leads to the thread
    client.force_login(world.official)
    response = client.get(reverse("reminders:notice_open", args=[answered.get().pk]))
    assert response["Location"] == link
    # AND the sending task run again sends nothing more
    for notice in Reminder.objects.filter(kind=COMMENTED):
        assert send_reminder(notice.pk) == "skipped"
    assert sum(smtp.per_recipient().values()) == 3


def test_a_person_who_turned_comments_off_gets_none(
    smtp, world, django_capture_on_commit_callbacks
):
    ReminderPreference.objects.create(user=world.section_chief, kind=COMMENTED, enabled=False)
    with django_capture_on_commit_callbacks(execute=True):
        comment_post(agreement=world.agreement, section=3, text="Fråga", user=world.official)
    assert not Reminder.objects.filter(kind=COMMENTED, recipient=world.section_chief).exists()
    assert world.section_chief.email not in smtp.per_recipient()
