from django.conf import settings

from .navigation import nav_for, search_box_for


def portal(request):
    return {
        "SITE_URL": settings.SITE_URL,
        "nav_items": nav_for(request),
        "search_box": search_box_for(request),
    }
