"""Demo data loaders that each app registers; ``manage.py load_demo`` runs them in order.

A loader is idempotent: running it twice leaves the same data (update_or_create by natural
keys), so ``make run`` can call it every time.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoLoader:
    key: str
    load: Callable[[Callable[[str], None]], None]  # receives a log function
    order: int = 100


_loaders: dict[str, DemoLoader] = {}


def register_demo_loader(loader: DemoLoader) -> None:
    _loaders[loader.key] = loader


def demo_loaders() -> list[DemoLoader]:
    return sorted(_loaders.values(), key=lambda loader: (loader.order, loader.key))
