from .models import Reminder


def notices(request):
    """The bell's unread count: one query, only for people who are logged in."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notices": Reminder.objects.for_user(user).unread().count()}
