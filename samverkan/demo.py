"""Demo data loaders that each app registers; ``manage.py load_demo`` runs them in order.

A loader is idempotent: running it twice leaves the same data (update_or_create by natural
keys), so ``make run`` can call it every time.
"""

from collections.abc import Callable
from dataclasses import dataclass

from fixtures.demo_parties import DEMO_PASSWORD, PARTIES, USERS

from .models import Party, User
from .validators import normalize_organisation_number


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


def upsert(model, lookup: dict, **values):
    """``update_or_create`` that saves only when a value differs.

    A second ``load_demo`` then writes nothing: no new history rows, no touched
    ``updated_at``. Returns ``(obj, created, changed_fields)``.
    """
    try:
        obj = model.objects.get(**lookup)
    except model.DoesNotExist:
        return model.objects.create(**lookup, **values), True, list(values)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save()
    return obj, False, changed


def load_parties_and_users(log: Callable[[str], None]) -> None:
    """The organisations of the seed documents and one demo login per role."""
    parties = {}
    for name, kind, organisation_number, municipality_code in PARTIES:
        parties[name], created, changed = upsert(
            Party,
            {"name": name},
            kind=kind,
            # Raises on a wrong check digit: demo data must pass the rule users meet.
            organisation_number=normalize_organisation_number(organisation_number),
            municipality_code=municipality_code,
        )
        _report(log, "Organisation", name, created, changed)

    for username, fields in USERS.items():
        user, created, changed = upsert(
            User,
            {"username": username},
            first_name=fields["first_name"],
            last_name=fields["last_name"],
            email=fields["email"],
            party=parties[fields["party"]] if fields["party"] else None,
            role=fields["role"],
            title=fields["title"],
            is_active=True,
            # The demo administrator may do everything in the Django admin, too.
            is_superuser=fields["role"] == User.Role.ADMIN,
        )
        # Keep the password hash of an existing user (no write on a second run) unless the
        # demo password no longer works, e.g. after someone changed it while trying things.
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            changed = [*changed, "password"] if not created else changed
        _report(log, "Användare", username, created, changed)


def _report(log, kind: str, name: str, created: bool, changed: list[str]) -> None:
    if created:
        log(f"{kind} skapad: {name}")
    elif changed:
        log(f"{kind} uppdaterad: {name} ({', '.join(changed)})")
