"""Widgets on the dashboard that each app contributes.

An app registers a callable ``(request) -> dict | None`` with a template; the dashboard view
renders those that return a context, in order. The core knows no domain app.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Widget:
    key: str
    template_name: str
    context: Callable  # (request) -> dict | None; None hides the widget
    order: int = 100


_widgets: dict[str, Widget] = {}


def register_widget(widget: Widget) -> None:
    _widgets[widget.key] = widget


def widgets() -> list[Widget]:
    return sorted(_widgets.values(), key=lambda w: (w.order, w.key))
