"""Approved minutes (justerade) refuse every path: the pages, the admin (change, delete, bulk
delete, history revert), the services, the demo loader and the model itself (issue 9)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import demo
from meetings.forms.groups import MinutesForm
from meetings.models import Meeting
from meetings.models.meetings import MinutesLockedError
from meetings.services import action_items_save, meeting_minutes_approve, meeting_update
from tests.meetings.factories import GroupFactory, MeetingFactory

pytestmark = pytest.mark.django_db

REFUSAL = "Protokollet är justerat och kan inte ändras"


@pytest.fixture
def approved(world):
    group = GroupFactory(agreement=world.agreement)
    meeting = MeetingFactory(
        group=group, starts_at=timezone.now() - timedelta(days=2), minutes="Protokoll"
    )
    meeting_minutes_approve(meeting=meeting, user=world.official)
    meeting.refresh_from_db()
    return meeting


def _state(meeting):
    row = Meeting.objects.filter(pk=meeting.pk).values().first()
    return row, Meeting.history.filter(id=meeting.pk).count()


def _messages(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_pages_refuse_with_a_swedish_message(client, world, approved):
    before = _state(approved)
    client.force_login(world.official)
    for name in ("meetings:meeting_edit", "meetings:meeting_minutes"):
        response = client.post(
            reverse(name, args=[approved.pk]),
            {"minutes": "Ändrat", "location": "Någon annanstans"},
            follow=True,
        )
        assert any(REFUSAL in m for m in _messages(response)), name
    assert _state(approved) == before


def test_services_and_the_model_refuse(world, approved):
    before = _state(approved)
    form = MinutesForm({"minutes": "Nytt", "base_fingerprint": "x"}, instance=approved)
    assert form.is_valid(), form.errors
    with pytest.raises(MinutesLockedError, match=REFUSAL):
        meeting_update(meeting=approved, form=form)
    with pytest.raises(MinutesLockedError):
        action_items_save(meeting=approved, formset=None)
    with pytest.raises(MinutesLockedError):
        meeting_minutes_approve(meeting=approved, user=world.official)
    # A path that forgets the services: the model itself refuses to save or delete.
    stale = Meeting.objects.get(pk=approved.pk)
    stale.minutes = "Skrivet förbi tjänsten"
    with pytest.raises(MinutesLockedError, match=REFUSAL):
        stale.save()
    with pytest.raises(MinutesLockedError):
        stale.delete()
    assert _state(approved) == before


def test_admin_shows_approved_minutes_read_only_and_refuses_every_change(client, world, approved):
    before = _state(approved)
    world.admin.is_superuser = True
    world.admin.save()
    client.force_login(world.admin)
    change = reverse("admin:meetings_meeting_change", args=[approved.pk])
    page = client.get(change)
    assert page.status_code == 200
    assert any(REFUSAL in m for m in _messages(page))
    assert 'name="_save"' not in page.content.decode()
    assert client.post(change, {"minutes": "Ändrat i admin"}).status_code == 403
    delete = reverse("admin:meetings_meeting_delete", args=[approved.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "delete_selected", "_selected_action": [approved.pk], "post": "yes"},
    )
    history = approved.history.order_by("history_id").first()
    revert = client.post(
        reverse("admin:meetings_meeting_simple_history", args=[approved.pk, history.history_id]),
        {"minutes": "Återställt"},
    )
    assert revert.status_code in (200, 403)
    assert Meeting.objects.filter(pk=approved.pk).exists()
    assert _state(approved) == before


def test_bulk_delete_leaves_approved_minutes_and_says_so(rf, world, approved):
    from django.contrib import admin
    from django.contrib.messages.storage.fallback import FallbackStorage

    open_meeting = MeetingFactory(group=approved.group)
    request = rf.post("/")
    request.user = world.admin
    request.session = {}
    request._messages = FallbackStorage(request)
    model_admin = admin.site._registry[Meeting]
    model_admin.delete_queryset(
        request, Meeting.objects.filter(pk__in=[approved.pk, open_meeting.pk])
    )
    assert list(Meeting.objects.values_list("pk", flat=True)) == [approved.pk]
    assert [str(m) for m in request._messages] == ["1 möten med justerat protokoll togs inte bort."]


def test_demo_loader_leaves_approved_minutes(world, approved):
    # A demo meeting at the same group and start as approved minutes: the loader leaves it.
    approved_demo = MeetingFactory(
        group=approved.group, starts_at=demo._aware("2025-03-01 10:00"), minutes="Protokoll"
    )
    meeting_minutes_approve(meeting=approved_demo, user=world.official)
    before = _state(approved_demo)
    rows = [
        (
            approved.group.name,
            "2025-03-01 10:00",
            "2025-03-01 11:00",
            "Teams",
            "Dagordning",
            "Demoprotokoll",
            "",
            True,
        )
    ]
    demo._load_meetings(world.agreement, rows)
    assert _state(approved_demo) == before
