from django.urls import path

from .views import calendar, groups, meetings

app_name = "meetings"

urlpatterns = [
    path("grupper/", groups.group_list, name="group_list"),
    path("overenskommelse/<int:agreement_pk>/ny-grupp/", groups.group_create, name="group_create"),
    path("grupper/<int:pk>/", groups.group_detail, name="group_detail"),
    path("grupper/<int:pk>/andra/", groups.group_edit, name="group_edit"),
    path("grupper/<int:pk>/medlemmar/", groups.group_members, name="group_members"),
    path("grupper/<int:group_pk>/nytt-mote/", meetings.meeting_create_view, name="meeting_create"),
    path("moten/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("moten/<int:pk>/andra/", meetings.meeting_edit, name="meeting_edit"),
    path("moten/<int:pk>/protokoll/", meetings.meeting_minutes, name="meeting_minutes"),
    path("moten/<int:pk>/justera/", meetings.meeting_approve, name="meeting_approve"),
    path("moten/<int:pk>/rattelse/", meetings.meeting_note, name="meeting_note"),
    path("atgarder/<int:pk>/klar/", meetings.action_item_done, name="action_item_done"),
    path("kalender/", calendar.calendar_month, name="calendar"),
    path("kalender/lista/", calendar.calendar_list, name="calendar_list"),
    path("kalender/prenumerera/", calendar.calendar_feeds, name="calendar_feeds"),
    path(
        "kalender/prenumerera/adress/",
        calendar.calendar_feed_renew_view,
        name="calendar_feed_renew",
    ),
    path("kalender/ical/<token:feed_token>.ics", calendar.ical_feed, name="ical_feed"),
]
