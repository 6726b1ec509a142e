"""Scale data for agreements (``manage.py seed_scale``): 300 invented agreements per factor,
most between one municipality and an Af unit, every tenth a regional one with many parties."""

from datetime import date

from samverkan.scale import BATCH, SCALE_MARK, ScaleContext, ScaleSeeder, register_scale_seeder

from .models import (
    Agreement,
    AgreementParty,
    AgreementTargetGroup,
    Appendix,
    Signatory,
    TargetGroup,
)

# Weighted like the country: most agreements are in force, some are being written or revised.
STATUSES = (
    [Agreement.Status.IN_FORCE] * 14
    + [Agreement.Status.UNDER_REVISION] * 2
    + [Agreement.Status.DRAFT] * 2
    + [Agreement.Status.FOR_SIGNATURE, Agreement.Status.ENDED]
)
PURPOSE = (
    "Påhittad text för skaldata. Parterna samverkar för att fler ska komma i arbete eller "
    "studier, med gemensam planering, uppföljning och kompetensförsörjning."
)


def seed_agreements(ctx: ScaleContext) -> None:
    rng = ctx.rng
    count = ctx.scaled(300)
    municipalities, units = ctx.municipalities, ctx.af_units
    agreements = []
    memberships = []  # (index, party, is_convener)
    for index in range(count):
        first = municipalities[index % len(municipalities)]
        regional = index % 10 == 0
        parties = [first]
        if regional:
            # like nordost: a handful to a dozen neighbouring municipalities and one Af unit
            extra = 4 + index % 9
            start = index % len(municipalities)
            parties += [
                municipalities[(start + step) % len(municipalities)] for step in range(1, extra)
            ]
        unit = units[index % len(units)]
        status = STATUSES[rng.randrange(len(STATUSES))]
        year = 2016 + index % 9
        names = ", ".join(p.name.split(" kommun")[0] for p in parties[:3])
        agreements.append(
            Agreement(
                title=f"Överenskommelse om samverkan {names}{' m.fl.' if len(parties) > 3 else ''}"
                f" nr {index + 1} ({SCALE_MARK})",
                diarienummer=f"Af-{year}/{index + 1:05d}",
                status=status,
                summary="Påhittad överenskommelse för mätning av portalen i Sverigeskala.",
                text_parties="\n".join(p.name for p in [*parties, unit]),
                text_purpose=PURPOSE,
                text_followup="Uppföljning varje halvår: första halvåret i augusti, "
                "andra halvåret i januari.",
                valid_from=date(year, 1 + index % 12, 1),
                terminated_on=date(2025, 12, 31) if status == Agreement.Status.ENDED else None,
                review_rule="minst en gång per mandatperiod",
                next_review_date=date(2026 + index % 3, 1 + index % 12, 15),
                document_date=date(year - 1, 12, 1 + index % 28),
            )
        )
        memberships.append([(unit, index % 3 == 0)] + [(p, False) for p in parties])
    ctx.agreements = Agreement.objects.bulk_create(agreements, batch_size=BATCH)

    rows, signatories, appendices = [], [], []
    for agreement, members in zip(ctx.agreements, memberships, strict=True):
        if not any(convener for _p, convener in members):
            members[1] = (members[1][0], True)
        ctx.agreement_parties[agreement.pk] = [p for p, c in members if c] + [
            p for p, c in members if not c
        ]
        for position, (party, convener) in enumerate(members):
            rows.append(AgreementParty(agreement=agreement, party=party, is_convener=convener))
            signatories.append(
                Signatory(
                    agreement=agreement,
                    party=party,
                    name=f"Påhittad undertecknare {position + 1}",
                    title="Kommunstyrelsens ordförande" if party.is_municipality else "Enhetschef",
                    position=position,
                )
            )
        for number in (1, 2):
            appendices.append(
                Appendix(
                    agreement=agreement,
                    number=number,
                    title=f"Påhittad bilaga {number}",
                    responsible_party=members[number % len(members)][0],
                    state=Appendix.State.PLANNED if number == 2 else Appendix.State.ESTABLISHED,
                    due_date=date(2026, 3 * number, 30) if number == 2 else None,
                )
            )
    AgreementParty.objects.bulk_create(rows, batch_size=BATCH)
    Signatory.objects.bulk_create(signatories, batch_size=BATCH)
    Appendix.objects.bulk_create(appendices, batch_size=BATCH)

    target_groups = list(TargetGroup.objects.order_by("pk")[:4])
    AgreementTargetGroup.objects.bulk_create(
        [
            AgreementTargetGroup(
                agreement=agreement,
                target_group=group,
                description="Påhittad beskrivning av målgruppen.",
                position=position,
            )
            for agreement in ctx.agreements
            for position, group in enumerate(target_groups)
        ],
        batch_size=BATCH,
    )
    ctx.log(f"{len(ctx.agreements)} överenskommelser med {len(rows)} parter")


def register() -> None:
    register_scale_seeder(ScaleSeeder(key="agreements", seed=seed_agreements, order=10))
