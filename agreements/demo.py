"""The demo agreements, from the seed documents in ../shared/seeds.

Other apps' demo loaders find the agreements through ``demo_agreement(key)``. The texts live
in the top-level ``fixtures`` package; this module only puts them in the database, by
natural keys, so a second ``load_demo`` changes nothing and creates no duplicates.
"""

import datetime
import zoneinfo

from fixtures import demo_jarfalla, demo_nordost, demo_osteraker
from fixtures.demo_target_groups import TARGET_GROUPS
from samverkan.demo import upsert
from samverkan.models import Party, User

from .guidance import guidance_defaults_ensure
from .models import (
    Agreement,
    AgreementParty,
    AgreementTargetGroup,
    Appendix,
    Decision,
    Signatory,
    TargetGroup,
)
from .signing import (
    agreement_send_for_signature,
    agreement_start_revision,
    signature_register_paper,
)

NORDOST = "nordost"
OSTERAKER = "osteraker"
JARFALLA = "jarfalla"

DEMO_AGREEMENT_TITLES = {
    NORDOST: (
        "Överenskommelse om samverkan mellan nordostkommunerna Danderyd, Norrtälje, Täby, "
        "Vallentuna, Vaxholm, Österåker och Arbetsförmedlingen"
    ),
    OSTERAKER: (
        "Överenskommelse om samverkan mellan Österåker kommun och Arbetsförmedlingen för att "
        "påskynda individers etablering i arbetslivet och förbättra kompetensförsörjningen"
    ),
    JARFALLA: (
        "Överenskommelse om samverkan mellan Järfälla kommun och Arbetsförmedlingen för att "
        "påskynda individers etablering i arbetslivet och förbättra kompetensförsörjningen"
    ),
}

DEMO_AGREEMENT_DATA = {
    NORDOST: demo_nordost.AGREEMENT,
    OSTERAKER: demo_osteraker.AGREEMENT,
    JARFALLA: demo_jarfalla.AGREEMENT,
}


def demo_agreement(key: str) -> Agreement:
    return Agreement.objects.get(title=DEMO_AGREEMENT_TITLES[key])


def load_agreements(log) -> None:
    """The target group catalogue and the three agreements of the seeds.

    Runs after the samverkan loader (order 0), which creates the parties named here.
    """
    groups = {}
    for name, description in TARGET_GROUPS.items():
        groups[name], created, _changed = upsert(
            TargetGroup, {"name": name}, description=description
        )
        if created:
            log(f"Målgrupp skapad: {name}")
    # The template's guidance (a data migration puts it in place; a flushed database lacks it).
    guidance_defaults_ensure()
    parties = {party.name: party for party in Party.objects.all()}
    for key, data in DEMO_AGREEMENT_DATA.items():
        _load_agreement(DEMO_AGREEMENT_TITLES[key], data, parties, groups, log)


def _load_agreement(title, data, parties, groups, log) -> Agreement:
    fields = dict(data["fields"])
    if Agreement.objects.filter(title=title, versions__isnull=False).exists():
        # Once signed, the signing life cycle owns the status (in force, under revision …).
        fields.pop("status", None)
    agreement, created, changed = upsert(Agreement, {"title": title}, **fields)
    if created:
        log(f"Överenskommelse skapad: {title}")
    elif changed:
        log(f"Överenskommelse uppdaterad: {title} ({', '.join(changed)})")

    # Conveners last: at most one party may convene, so a moved role is first let go of.
    for name, is_convener, description in sorted(data["parties"], key=lambda row: row[1]):
        upsert(
            AgreementParty,
            {"agreement": agreement, "party": parties[name]},
            is_convener=is_convener,
            description=description,
        )
    for position, row in enumerate(data["target_groups"]):
        # (catalogue name, text) or (catalogue name, the agreement's own heading, text)
        name, heading, description = row if len(row) == 3 else (row[0], "", row[1])
        upsert(
            AgreementTargetGroup,
            {"agreement": agreement, "target_group": groups[name]},
            heading=heading,
            description=description,
            position=position,
        )
    for label, appendix_title, responsible, state, note, due_date, *text in data["appendices"]:
        number, suffix = (label, "") if isinstance(label, int) else (int(label[:-1]), label[-1])
        upsert(
            Appendix,
            {"agreement": agreement, "number": number, "suffix": suffix},
            title=appendix_title,
            responsible_party=parties[responsible] if responsible else None,
            state=state,
            state_note=note,
            due_date=due_date,
            text=text[0] if text else "",
        )
    for position, (name, person, person_title) in enumerate(data["signatories"]):
        upsert(
            Signatory,
            {"agreement": agreement, "party": parties[name], "name": person},
            title=person_title,
            position=position,
        )
    for decision in data["decisions"]:
        upsert(
            Decision,
            {
                "agreement": agreement,
                "party": parties[decision["party"]],
                "body": decision["body"],
            },
            decided_on=decision["decided_on"],
            reference=decision["reference"],
            text=decision["text"],
        )
    return agreement


# Seed 004 is dated 2022-12-12 and takes effect 2023-01-01; it was sent for signature and
# signed on paper that day, so version 1 is dated as sent then, not when the demo was loaded.
JARFALLA_SIGNED_ON = datetime.date(2022, 12, 12)
JARFALLA_SENT_AT = datetime.datetime(
    2022, 12, 12, 9, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Stockholm")
)


# Seed 000: in force "tillsvidare från och med den 1 november 2020". The seeds give neither
# the signatories nor the day they signed; the latest it can have been is the start date.
NORDOST_SIGNED_ON = datetime.date(2020, 11, 1)
NORDOST_SENT_AT = datetime.datetime(2020, 11, 1, 9, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Stockholm"))


def sign_demo_agreements(log) -> None:
    """The demo's signed agreements: Järfälla's version 1 and the nordost agreement."""
    sign_jarfalla(log)
    sign_nordost(log)


def sign_nordost(log) -> None:
    """The nordost agreement is in force since 2020-11-01, so it has a signed version: one
    signature on paper for each party, without names (the seeds give none). Runs after the
    goals and groups are loaded; once signed it is left alone."""
    agreement = demo_agreement(NORDOST)
    if agreement.versions.exists():
        return
    official = User.objects.get(username="osteraker")
    admin = User.objects.get(username="admin")
    version = agreement_send_for_signature(
        agreement=agreement, user=official, sent_at=NORDOST_SENT_AT
    )
    for signatory in agreement.signatories.all():
        signature_register_paper(
            version=version, signatory=signatory, user=admin, signed_on=NORDOST_SIGNED_ON
        )
    log("Nordost: version 1 registrerad som undertecknad på papper och gällande")


def sign_jarfalla(log) -> None:
    """The Järfälla agreement as it stands in real life: version 1 signed on paper by its
    three signatories (two for the municipality) and in force, with a revision open so that
    the demo's official can edit the next version. Runs after the goals and groups are loaded
    (order 90), so the frozen version holds them too. Once signed it is left alone."""
    agreement = demo_agreement(JARFALLA)
    if agreement.versions.exists():
        return
    official = User.objects.get(username="jarfalla")
    admin = User.objects.get(username="admin")
    version = agreement_send_for_signature(
        agreement=agreement, user=official, sent_at=JARFALLA_SENT_AT
    )
    for signatory in agreement.signatories.all():
        signature_register_paper(
            version=version, signatory=signatory, user=admin, signed_on=JARFALLA_SIGNED_ON
        )
    agreement_start_revision(agreement=agreement, user=official)
    log("Järfälla: version 1 undertecknad och gällande, revidering öppen")
