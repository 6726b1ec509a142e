"""Scale data for collaboration (``manage.py seed_scale``): per agreement five groups, one per
tier, with ten years of meetings (2017–2026) at their rhythm, members, action items, and ten
jobbspår with outcomes counted for women and men."""

import uuid
from datetime import datetime, timedelta

from django.utils import timezone

from samverkan.scale import (
    BATCH,
    SCALE_MARK,
    ScaleContext,
    ScaleSeeder,
    copy_rows,
    register_scale_seeder,
)

from .models import ActionItem, Group, GroupMember, JobTrack, Meeting
from .rhythm import RhythmKind

# tier, name, rhythm (kind, count), meetings a year
TIERS = (
    (Group.Tier.STRATEGIC, "Styrgrupp", RhythmKind.TIMES_PER_YEAR, 4, 4),
    (Group.Tier.OPERATIVE, "Operativ grupp", RhythmKind.EVERY_N_WEEKS, 8, 6),
    (Group.Tier.LOCAL, "Lokal samverkan", RhythmKind.EVERY_N_MONTHS, 1, 10),
    (Group.Tier.WORKING_GROUP, "Arbetsgrupp", RhythmKind.TIMES_PER_YEAR, 4, 4),
    (Group.Tier.CONFERENCE, "Årlig konferens", RhythmKind.YEARLY_IN_QUARTER, None, 1),
)
YEARS = range(2017, 2027)
TRACKS_PER_AGREEMENT = 10
OCCUPATIONS = ("Bussförare", "Undersköterska", "Lokalvårdare", "Lagerarbetare", "Kock")


def seed_groups_and_meetings(ctx: ScaleContext) -> None:
    rng = ctx.rng
    groups = []
    for agreement in ctx.agreements:
        parties = ctx.agreement_parties[agreement.pk]
        for position, (tier, name, kind, count, _per_year) in enumerate(TIERS):
            groups.append(
                Group(
                    agreement=agreement,
                    tier=tier,
                    name=f"{name} ({SCALE_MARK})",
                    convener=parties[position % len(parties)],
                    description="Påhittad grupp för skaldata.",
                    mandate="Följa upp målen\nPlanera insatser\nRapportera till styrgruppen",
                    rhythm_kind=kind,
                    rhythm_count=count,
                    rhythm_count_max=count + 2 if kind == RhythmKind.TIMES_PER_YEAR else None,
                    rhythm_quarter=1 if kind == RhythmKind.YEARLY_IN_QUARTER else None,
                    established_on=datetime(YEARS[0], 1, 1).date(),
                    position=position,
                )
            )
    groups = Group.objects.bulk_create(groups, batch_size=BATCH)

    members = []
    for group in groups:
        parties = ctx.agreement_parties[group.agreement_id]
        for position, party in enumerate(parties[:6]):
            people = ctx.users_by_party.get(party.pk) or [None]
            members.append(
                GroupMember(
                    group=group,
                    role_title="Påhittad roll",
                    party=party,
                    user=people[group.pk % len(people)],
                    position=position,
                )
            )
    GroupMember.objects.bulk_create(members, batch_size=BATCH)

    per_year = {tier: per for tier, _n, _k, _c, per in TIERS}
    getrandbits = rng.getrandbits
    hour = timedelta(hours=2)
    week = timedelta(days=7)

    def rows():
        for group in groups:
            every = 12 / per_year[group.tier]
            for year in YEARS:
                held = year < 2026
                for k in range(per_year[group.tier]):
                    month = 1 + int(k * every)
                    day = 1 + (group.pk + k) % 27
                    starts = timezone.make_aware(datetime(year, month, day, 9 + (group.pk % 6)))
                    yield (
                        group.pk,
                        starts,
                        starts + hour,
                        "Påhittad lokal",
                        "Föregående protokoll\nUppföljning av målen\nÖvrigt",
                        "Påhittat protokoll." if held else "",
                        starts + week if held else None,
                        uuid.UUID(int=getrandbits(128), version=4),
                    )

    made = copy_rows(
        Meeting,
        [
            "group",
            "starts_at",
            "ends_at",
            "location",
            "agenda",
            "minutes",
            "minutes_approved_at",
            "uid",
        ],
        rows(),
    )

    # An action item from every strategic meeting: owner by role, never a job seeker.
    strategic = Meeting.objects.filter(
        group__in=[g.pk for g in groups if g.tier == Group.Tier.STRATEGIC]
    ).values_list("pk", "group__agreement_id", "starts_at")
    actions = [
        (
            pk,
            "Påhittad åtgärd: ta fram statistik",
            "Sektionschef",
            ctx.agreement_parties[agreement_id][0].pk,
            timezone.localdate(starts_at) + timedelta(days=30),
            starts_at.year < 2026,
        )
        for pk, agreement_id, starts_at in strategic.iterator(chunk_size=BATCH)
    ]
    copy_rows(
        ActionItem, ["meeting", "description", "owner", "owner_party", "due_date", "done"], actions
    )
    ctx.log(f"{len(groups)} grupper, {len(members)} platser, {made} möten, {len(actions)} åtgärder")


def seed_job_tracks(ctx: ScaleContext) -> None:
    rng = ctx.rng
    tracks = []
    for agreement in ctx.agreements:
        parties = [p for p in ctx.agreement_parties[agreement.pk] if p.is_municipality]
        for number in range(TRACKS_PER_AGREEMENT):
            occupation = OCCUPATIONS[number % len(OCCUPATIONS)]
            started_women, started_men = rng.randrange(0, 12), rng.randrange(0, 12)
            completed_women = rng.randrange(0, started_women + 1)
            completed_men = rng.randrange(0, started_men + 1)
            employed_women = rng.randrange(0, completed_women + 1)
            employed_men = rng.randrange(0, completed_men + 1)
            start = datetime(2017 + number % 9, 1 + number % 12, 1).date()
            tracks.append(
                JobTrack(
                    agreement=agreement,
                    name=f"{occupation} {number + 1} ({SCALE_MARK})",
                    employer=f"Påhittad arbetsgivare {number % 4 + 1}",
                    occupational_area=occupation,
                    employment_form=JobTrack.EmploymentForm.values[number % 4],
                    workplace_municipality=parties[number % len(parties)] if parties else None,
                    training_provider="Påhittad utbildningsanordnare",
                    training="AUB via Af, 2 v FUB följt av 12 v AUB",
                    planned_places=12,
                    status=JobTrack.Status.values[number % 4],
                    start_date=start,
                    end_date=start + timedelta(weeks=14),
                    started_total=started_women + started_men,
                    started_women=started_women,
                    started_men=started_men,
                    completed_total=completed_women + completed_men,
                    completed_women=completed_women,
                    completed_men=completed_men,
                    employed_total=employed_women + employed_men,
                    employed_women=employed_women,
                    employed_men=employed_men,
                )
            )
    JobTrack.objects.bulk_create(tracks, batch_size=BATCH)
    ctx.log(f"{len(tracks)} jobbspår")


def register() -> None:
    register_scale_seeder(ScaleSeeder(key="meetings", seed=seed_groups_and_meetings, order=30))
    register_scale_seeder(ScaleSeeder(key="meetings.jobbspar", seed=seed_job_tracks, order=31))
