from django.conf import settings

from .navigation import nav_for


def portal(request):
    return {"SITE_URL": settings.SITE_URL, "nav_items": nav_for(request)}
