"""Demo groups, meetings and jobbspår from the seeds (runs after the agreements).

Idempotent: groups, members, meetings and jobbspår are matched by natural keys and updated.
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.db import transaction

from agreements.demo import JARFALLA, NORDOST, OSTERAKER, demo_agreement
from agreements.models import Agreement
from samverkan.demo import DemoLoader, register_demo_loader, upsert
from samverkan.models import Party

from .demo_data.groups import JARFALLA_GROUPS, NORDOST_GROUPS, OSTERAKER_GROUPS
from .demo_data.jobtracks import JOB_TRACKS
from .models import CompetenceTeamMember, Group, GroupMember, JobTrack, Meeting

STOCKHOLM = ZoneInfo("Europe/Stockholm")

# (group name, start, end, place, agenda, minutes, decisions, approved)
DEMO_MEETINGS = {
    OSTERAKER: [
        (
            "Strategisk samverkan",
            "2026-05-12 13:00",
            "2026-05-12 15:00",
            "Österåkers kommunhus",
            "Lägesbild\nStatistik och måluppfyllelse\nFokusområden",
            "Genomgång av statistik.",
            "Fokusområde hösten 2026: unga 16–24 år.",
            True,
        ),
        (
            "Operativ samverkan",
            "2026-08-20 09:00",
            "2026-08-20 11:00",
            "Arbetsförmedlingen Åkersberga",
            "Nuläge i organisationerna\nGemensamma processer\nÅterrapport",
            "Nuläget genomgicks.",
            "Rutinen för trepartssamtal revideras.",
            True,
        ),
        (
            "Operativ samverkan",
            "2026-10-15 09:00",
            "2026-10-15 11:00",
            "Österåkers kommunhus",
            "Nuläge\nUppföljning av lokal samverkan",
            "Uppföljningen av lokal samverkan visar att sex timmar i månaden räcker.",
            "",
            False,
        ),
    ],
    JARFALLA: [
        (
            "Styrgrupp",
            "2026-06-10 10:00",
            "2026-06-10 12:00",
            "Järfälla kommunhus",
            "Mål och resultat\nRevidering av rutiner",
            "Mål och resultat stämdes av.",
            "",
            True,
        ),
        (
            "Operativ arbetsgrupp",
            "2026-09-17 13:00",
            "2026-09-17 15:00",
            "Arbetsförmedlingen Stockholm Nordväst",
            "Uppföljning av operativt arbete",
            "",
            "",
            False,
        ),
    ],
    NORDOST: [
        (
            "Arbetsgrupp",
            "2026-10-29 09:00",
            "2026-10-29 10:30",
            "Teams",
            "Jobbspårskandidater\nInformationsinsatser\nRekryteringsprocess Ambea",
            "",
            "",
            False,
        ),
        (
            "Arbetsgrupp",
            "2026-11-19 09:00",
            "2026-11-19 10:30",
            "Teams",
            "Jobbspår marint näringsliv\nNäringslivsstrategi",
            "",
            "",
            False,
        ),
        (
            "Styrgrupp",
            "2026-09-24 14:00",
            "2026-09-24 16:00",
            "Täby kommunhus",
            "Start av nya jobbspår\nProjektledarens uppdrag",
            "Styrgruppen beslutade om start.",
            "Jobbspår hemtjänstbiträde startas.",
            True,
        ),
    ],
}

ESTABLISHED = date(2026, 1, 1)


def _resolve(agreement, key):
    """A key from the demo data -> (party or None, organisation name)."""
    if not key:
        return None, ""
    parties = agreement.parties.all()
    if key == "af":
        return parties.filter(kind=Party.Kind.EMPLOYMENT_SERVICE).first(), ""
    party = parties.filter(name__icontains=key).first()
    return (party, "") if party else (None, key)


def _aware(text: str) -> datetime:
    day, clock = text.split()
    return datetime.combine(date.fromisoformat(day), time.fromisoformat(clock), STOCKHOLM)


def _load_groups(agreement, groups, log):
    for position, (tier, name, convener, rhythm, mandate, members) in enumerate(groups):
        kind, count, count_max, quarter, note = rhythm
        group, _created, _changed = upsert(
            Group,
            {"agreement": agreement, "name": name},
            tier=tier,
            convener=_resolve(agreement, convener)[0],
            mandate=mandate,
            rhythm_kind=kind,
            rhythm_count=count,
            rhythm_count_max=count_max,
            rhythm_quarter=quarter,
            rhythm_note=note,
            established_on=ESTABLISHED,
            position=position,
        )
        for index, (role, organisation) in enumerate(members):
            party, organisation_name = _resolve(agreement, organisation)
            upsert(
                GroupMember,
                {"group": group, "position": index},
                role_title=role,
                party=party,
                organisation_name=organisation_name,
            )
        group.members.filter(position__gte=len(members)).delete()
    log(f"  {len(groups)} samverkansgrupper: {agreement.title[:60]}")


def _load_meetings(agreement, meetings):
    for name, start, end, place, agenda, minutes, decisions, approved in meetings:
        group = Group.objects.get(agreement=agreement, name=name)
        stored = Meeting.objects.filter(group=group, starts_at=_aware(start)).first()
        if stored is not None and stored.is_approved:
            continue  # approved minutes are a record, even in the demo
        meeting, _created, _changed = upsert(
            Meeting,
            {"group": group, "starts_at": _aware(start)},
            ends_at=_aware(end),
            location="" if place == "Teams" else place,
            video_link="https://teams.example.se/nordost-arbetsgrupp" if place == "Teams" else "",
            agenda=agenda,
            minutes=minutes,
            decisions=decisions,
            minutes_approved_at=_aware(end) if approved else None,
        )
        if minutes:
            meeting.present_members.set(group.members.all())


def _load_job_tracks(agreement, log):
    for data in JOB_TRACKS:
        data = dict(data)
        workplace, _name = _resolve(agreement, data.pop("workplace"))
        invented = "outcomes" in data  # the seeds give plans, never outcomes
        outcomes = data.pop("outcomes", (0,) * 9)
        fields = [
            f"{stage}_{part}"
            for stage in ("started", "completed", "employed")
            for part in ("total", "women", "men")
        ]
        for key in ("start_date", "end_date"):
            if key in data:
                data[key] = date.fromisoformat(data[key])
        track, _created, _changed = upsert(
            JobTrack,
            {"agreement": agreement, "name": data.pop("name")},
            **data,
            workplace_municipality=workplace,
            **dict(zip(fields, outcomes, strict=True)),
            outcomes_are_demo=invented,
        )
        team = [
            ("Kommunrepresentant", workplace.name if workplace else "Nordostkommunerna"),
            ("Regional arbetsförmedlare", "Arbetsförmedlingen"),
        ]
        if track.training_provider:
            team.append(("Utbildningsanordnare", track.training_provider))
        if track.employer:
            team.append(("Arbetsgivare", track.employer))
        for index, (role, organisation) in enumerate(team):
            upsert(
                CompetenceTeamMember,
                {"job_track": track, "position": index},
                role=role,
                organisation=organisation,
            )
        track.team_members.filter(position__gte=len(team)).delete()
    log(f"  {len(JOB_TRACKS)} jobbspår: {agreement.title[:60]}")


@transaction.atomic
def load(log):
    for key, groups in (
        (OSTERAKER, OSTERAKER_GROUPS),
        (JARFALLA, JARFALLA_GROUPS),
        (NORDOST, NORDOST_GROUPS),
    ):
        try:
            agreement = demo_agreement(key)
        except Agreement.DoesNotExist:
            log(f"  hoppar över {key}: överenskommelsen saknas")
            continue
        _load_groups(agreement, groups, log)
        _load_meetings(agreement, DEMO_MEETINGS[key])
        if key == NORDOST:
            _load_job_tracks(agreement, log)


def register():
    register_demo_loader(DemoLoader(key="meetings", load=load, order=30))
