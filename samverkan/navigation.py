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


@dataclass(frozen=True)
class SearchBox:
    url_name: str
    param: str


_search_box: list[SearchBox] = []


def register_search_box(url_name: str, *, param: str = "q") -> None:
    """The search page that the menu's search box sends to (a higher room offers it)."""
    _search_box[:] = [SearchBox(url_name, param)]


def search_box_for(request) -> dict | None:
    if not (_search_box and request.user.is_authenticated):
        return None
    box = _search_box[0]
    url = reverse(box.url_name)
    value = request.GET.get(box.param, "") if request.path == url else ""
    return {"url": url, "param": box.param, "value": value}


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
