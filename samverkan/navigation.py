"""Main menu entries that each app registers, so the core's base template knows no app."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    order: int = 100
    visible: Callable = lambda user: user.is_authenticated  # noqa: E731


_items: dict[str, NavItem] = {}


def register_nav(item: NavItem) -> None:
    _items[item.url_name] = item


def nav_for(request):
    user = request.user
    result = []
    for item in sorted(_items.values(), key=lambda i: (i.order, i.label)):
        if item.visible(user):
            url = reverse(item.url_name)
            result.append({"label": item.label, "url": url, "active": False})
    # Only the entry whose address is the longest prefix of the page is current: the export
    # page (/overenskommelser/export/) belongs to Export, not also to Överenskommelser.
    matches = [
        entry
        for entry in result
        if (request.path.startswith(entry["url"]) if entry["url"] != "/" else request.path == "/")
    ]
    if matches:
        max(matches, key=lambda entry: len(entry["url"]))["active"] = True
    return result
