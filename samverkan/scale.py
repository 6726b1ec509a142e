"""Sweden-scale data for measuring the portal: ``manage.py seed_scale [--factor N]``.

Each app registers a seeder, as with the demo loaders; the seeders run in order and share one
``ScaleContext`` (the factor, a seeded random generator, and what earlier seeders made).
Everything is invented: the municipalities carry their real kommunkoder, but every name a user
reads says "skaldata". Rows are written with ``bulk_create`` in batches, so 1× (300 agreements,
about 180,000 measurements) takes well under two minutes on PostgreSQL; the same factor and
seed always give the same data. Only aggregates are stored, as everywhere in the portal.
"""

import csv
import io
import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from django.contrib.auth.hashers import make_password
from django.db import connection
from django.utils import timezone

from .models import Party, User
from .validators import MUNICIPALITIES, luhn_ok

SCALE_MARK = "skaldata"
SCALE_PASSWORD = "skaldata-samverkan-2026"
BATCH = 5000
AF_UNITS = 60


@dataclass
class ScaleContext:
    """What one run of ``seed_scale`` has made so far, for the seeders that follow."""

    factor: float
    rng: random.Random
    log: Callable[[str], None]
    municipalities: list = dataclass_field(default_factory=list)
    af_units: list = dataclass_field(default_factory=list)
    users_by_party: dict = dataclass_field(default_factory=dict)
    agreements: list = dataclass_field(default_factory=list)
    # agreement pk -> list of its parties (convener first)
    agreement_parties: dict = dataclass_field(default_factory=dict)

    def scaled(self, base: int, minimum: int = 1) -> int:
        return max(minimum, math.ceil(base * self.factor))


@dataclass(frozen=True)
class ScaleSeeder:
    key: str
    seed: Callable[[ScaleContext], None]
    order: int = 100


_seeders: dict[str, ScaleSeeder] = {}


def register_scale_seeder(seeder: ScaleSeeder) -> None:
    _seeders[seeder.key] = seeder


def scale_seeders() -> list[ScaleSeeder]:
    return sorted(_seeders.values(), key=lambda seeder: (seeder.order, seeder.key))


def copy_rows(model, names: list[str], rows) -> int:
    """Insert ``rows`` (tuples of database values for the fields ``names``; every other field
    gets its default, ``auto_now`` fields the time now) without returning keys.

    On PostgreSQL this is COPY without building a model instance per row: the 180,000
    measurements are most of the data, and instances and INSERT made seeding CPU-bound.
    """
    fields = {f.name: f for f in model._meta.concrete_fields if not f.primary_key}
    now = timezone.now()
    rest = []
    for name, field in fields.items():
        if name in names or field.attname in names:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            rest.append((field, now))
        else:
            rest.append((field, field.get_default()))
    constant = [field.get_db_prep_save(value, connection) for field, value in rest]
    columns = [fields[name].column for name in names] + [field.column for field, _v in rest]
    if connection.vendor != "postgresql":
        attnames = [fields[name].attname for name in names] + [f.attname for f, _v in rest]
        objs = [model(**dict(zip(attnames, (*row, *constant), strict=True))) for row in rows]
        model.objects.bulk_create(objs, batch_size=BATCH)
        return len(objs)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    count = 0
    for row in rows:
        writer.writerow(["\\N" if v is None else v for v in (*row, *constant)])
        count += 1
    buffer.seek(0)
    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            f"COPY {table} ({quoted}) FROM STDIN WITH (FORMAT csv, NULL '\\N')", buffer
        )
    return count


def scale_data_exists() -> bool:
    return Party.objects.filter(name__endswith=f"({SCALE_MARK})").exists()


def organisation_number(prefix: str, serial: int) -> str:
    """A Luhn-valid organisationsnummer: the six digits of ``prefix``, three of ``serial`` and the
    check digit, so the scale data passes the rule users meet."""
    body = f"{prefix}{serial % 1000:03d}"
    check = next(d for d in range(10) if luhn_ok(f"{body}{d}"))
    return f"{body[:6]}-{body[6:]}{check}"


def seed_parties_and_users(ctx: ScaleContext) -> None:
    """The 290 municipalities with their kommunkoder (SCB's list in municipalities.csv, the
    one the validation reads), about 60 Af units, and 1,500 users
    (officials at municipalities, section chiefs at Af units, a few administrators)."""
    # A kommunkod belongs to one municipality: those the demo already has are taken as they are.
    existing = {
        party.municipality_code: party
        for party in Party.objects.filter(municipality_code__in=list(MUNICIPALITIES))
    }
    created = iter(
        Party.objects.bulk_create(
            [
                Party(
                    kind=Party.Kind.MUNICIPALITY,
                    name=f"{name} kommun ({SCALE_MARK})",
                    organisation_number=organisation_number("212000", index),
                    municipality_code=code,
                )
                for index, (code, name) in enumerate(MUNICIPALITIES.items())
                if code not in existing
            ],
            batch_size=BATCH,
        )
    )
    counties = sorted({code[:2] for code in MUNICIPALITIES})
    af_units = [
        Party(
            kind=Party.Kind.EMPLOYMENT_SERVICE,
            name=f"Arbetsförmedlingen enhet {index + 1:02d}, län {counties[index % len(counties)]}"
            f" ({SCALE_MARK})",
            organisation_number=organisation_number("202100", index),
        )
        for index in range(AF_UNITS)
    ]
    ctx.municipalities = [existing.get(code) or next(created) for code in MUNICIPALITIES]
    ctx.af_units = Party.objects.bulk_create(af_units, batch_size=BATCH)
    ctx.log(f"{len(ctx.municipalities)} kommuner och {len(ctx.af_units)} Af-enheter")

    # One hash for everyone: hashing 1,500 passwords would take minutes, not the data.
    password = make_password(SCALE_PASSWORD)
    total = ctx.scaled(1500, minimum=6)
    chiefs = max(2, total // 6)
    admins = max(1, total // 150)
    users = []
    for index in range(total):
        if index < admins:
            party, role = None, User.Role.ADMIN
        elif index < admins + chiefs:
            party, role = ctx.af_units[index % len(ctx.af_units)], User.Role.SECTION_CHIEF
        else:
            party, role = ctx.municipalities[index % len(ctx.municipalities)], User.Role.OFFICIAL
        is_admin = role == User.Role.ADMIN
        users.append(
            User(
                username=f"skala-{role.replace('_', '-')}-{index:05d}",
                first_name="Påhittad",
                last_name=f"Person {index:05d}",
                email=f"skala-{index:05d}@example.invalid",
                party=party,
                role=role,
                title=f"Påhittad titel ({SCALE_MARK})",
                password=password,
                is_staff=is_admin,
                is_superuser=is_admin,
            )
        )
    for user in User.objects.bulk_create(users, batch_size=BATCH):
        ctx.users_by_party.setdefault(user.party_id, []).append(user)
    ctx.log(f"{len(users)} användare (lösenord {SCALE_PASSWORD})")
