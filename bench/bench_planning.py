"""Benchmark: planning reminders over 3 and over 300 agreements.

Runs against DATABASE_URL in a database of its own (``bench_<name>``, created and dropped
here), so it never touches real data. Prints the time and query count of one planning run
and writes the time for 300 agreements to ``bench/last.json`` (``planning_seconds``, with
``planning`` holding both runs):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samverkan DEBUG=1 python bench/bench_planning.py
"""

import os
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from bench_report import last_json_merge  # noqa: E402  (bench/ is the script's directory)
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from agreements.models import Agreement, AgreementParty, Appendix  # noqa: E402
from indicators.models import FollowUpPeriod, Goal, Indicator  # noqa: E402
from meetings.models import ActionItem, Group, Meeting  # noqa: E402
from samverkan.models import Party, User  # noqa: E402
from samverkan.reminders.models import Reminder  # noqa: E402
from samverkan.reminders.planning import reminders_plan  # noqa: E402

TODAY = date(2025, 9, 30)
# Kommunkoder are unique per municipality: each batch of agreements takes the next codes.
_next_code = iter(range(1000, 10000))


def make_agreements(n: int, tag: str) -> None:
    """n agreements in force, each due for review, with an overdue appendix, two parties
    and one person at each party, and a half-year follow-up due in a week with one indicator
    of each party without a value, and an operative group behind its rhythm with an action
    item due tomorrow."""
    parties = Party.objects.bulk_create(
        [
            Party(
                kind=kind,
                name=f"{tag} {kind} {i}",
                organisation_number="212000-0142",
                municipality_code=f"{next(_next_code):04d}" if kind == "kommun" else "",
            )
            for i in range(n)
            for kind in ("kommun", "af")
        ]
    )
    User.objects.bulk_create(
        [
            User(
                username=f"{tag}-{p.pk}",
                email=f"{tag}-{p.pk}@example.se",
                party=p,
                role=User.Role.OFFICIAL if p.kind == "kommun" else User.Role.SECTION_CHIEF,
            )
            for p in parties
        ]
    )
    agreements = Agreement.objects.bulk_create(
        [
            Agreement(
                title=f"{tag} överenskommelse {i}",
                status=Agreement.Status.IN_FORCE,
                next_review_date=TODAY,
            )
            for i in range(n)
        ]
    )
    AgreementParty.objects.bulk_create(
        [
            AgreementParty(agreement=a, party=parties[2 * i + j], is_convener=j == 0)
            for i, a in enumerate(agreements)
            for j in (0, 1)
        ]
    )
    Appendix.objects.bulk_create(
        [
            Appendix(
                agreement=a,
                number=1,
                title="Rutin för samverkan",
                responsible_party=parties[2 * i],
                due_date=date(2025, 6, 30),
            )
            for i, a in enumerate(agreements)
        ]
    )
    goals = Goal.objects.bulk_create([Goal(agreement=a, title="Fler i arbete") for a in agreements])
    Indicator.objects.bulk_create(
        [
            Indicator(
                goal=g,
                name=f"Indikator {j}",
                direction="increase",
                source="municipality",
                responsible_party=parties[2 * i + j],
            )
            for i, g in enumerate(goals)
            for j in (0, 1)
        ]
    )
    FollowUpPeriod.objects.bulk_create(
        [
            FollowUpPeriod(
                agreement=a,
                year=2025,
                half=1,
                starts_on=date(2025, 1, 1),
                ends_on=date(2025, 6, 30),
                deadline=TODAY + timedelta(days=7),
            )
            for a in agreements
        ]
    )
    groups = Group.objects.bulk_create(
        [
            Group(
                agreement=a,
                tier=Group.Tier.OPERATIVE,
                name="Operativ samverkan",
                convener=parties[2 * i],
                rhythm_kind="every_n_weeks",
                rhythm_count=8,
                established_on=date(2024, 1, 1),
            )
            for i, a in enumerate(agreements)
        ]
    )
    held = timezone.make_aware(datetime(2025, 6, 2, 10))
    meetings = Meeting.objects.bulk_create(
        [Meeting(group=g, starts_at=held, ends_at=held + timedelta(hours=2)) for g in groups]
    )
    ActionItem.objects.bulk_create(
        [
            ActionItem(
                meeting=m,
                description="Ta fram statistik",
                owner="Sektionschef",
                owner_party=parties[2 * i + 1],
                due_date=TODAY + timedelta(days=1),
            )
            for i, m in enumerate(meetings)
        ]
    )


def run(label: str) -> tuple[float, int, int]:
    Reminder.objects.all().delete()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = reminders_plan(today=TODAY)
        elapsed = time.perf_counter() - started
    print(
        f"{label}: planned {result.planned} reminders in {elapsed * 1000:.1f} ms "
        f"with {len(queries)} queries"
    )
    return elapsed, len(queries), result.planned


def main() -> int:
    setup_test_environment()
    name = connection.settings_dict["NAME"]
    connection.settings_dict.setdefault("TEST", {})["NAME"] = f"bench_{Path(str(name)).stem}"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        make_agreements(3, "liten")
        run("warm-up")
        small_seconds, small, small_planned = run("3 agreements")
        make_agreements(297, "stor")
        large_seconds, large, large_planned = run("300 agreements")
        last_json_merge(
            {
                "planning_seconds": round(large_seconds, 2),
                "planning": {
                    "3": {"seconds": round(small_seconds, 3), "queries": small,
                          "reminders": small_planned},
                    "300": {"seconds": round(large_seconds, 3), "queries": large,
                            "reminders": large_planned},
                },
            }
        )  # fmt: skip
        print("Wrote planning_seconds to bench/last.json")
        if small != large:
            print(f"FAIL: {small} queries for 3 agreements, {large} for 300")
            return 1
        print("OK: the same number of queries for 3 and for 300 agreements")
        return 0
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
