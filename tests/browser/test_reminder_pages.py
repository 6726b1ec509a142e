import pytest

from samverkan.reminders.models import Reminder
from tests.samverkan.factories import ReminderFactory


@pytest.mark.django_db(transaction=True)
def test_the_bell_notices_and_preferences_are_accessible(page, world, login, assert_accessible):
    # GIVEN two unread reminders for an official
    ReminderFactory.create_batch(2, recipient=world.official, subject="Dags att revidera")
    login(page, world.official)
    # WHEN they follow the bell in the header
    bell = page.get_by_role("link", name="Notiser, 2 olästa")
    bell.click()
    # THEN the notices are listed, and the page is accessible
    assert page.get_by_role("heading", level=1).inner_text() == "Notiser"
    assert page.get_by_text("Dags att revidera").count() == 2
    assert_accessible(page)
    # WHEN they mark them read, the bell has nothing unread
    page.get_by_role("button", name="Markera alla som lästa").click()
    assert page.get_by_role("link", name="Notiser", exact=True).count() == 1
    # AND the preferences page is accessible and turns a kind off
    page.get_by_role("link", name="Inställningar för påminnelser").click()
    assert_accessible(page)
    page.get_by_label("En överenskommelse ska revideras").uncheck()
    page.get_by_role("button", name="Spara").click()
    assert not page.get_by_label("En överenskommelse ska revideras").is_checked()


@pytest.mark.django_db(transaction=True)
def test_the_administrators_reminder_log_is_accessible(page, world, login, assert_accessible):
    ReminderFactory(
        recipient=world.official,
        status=Reminder.Status.FAILED,
        last_error="SMTPRecipientsRefused: 550 No such user",
    )
    ReminderFactory(recipient=world.section_chief, status=Reminder.Status.SENT)
    login(page, world.admin)
    page.goto("/paminnelser/alla/?status=failed")
    assert page.get_by_text("550 No such user").count() == 1
    assert_accessible(page)
