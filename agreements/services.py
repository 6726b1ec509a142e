"""Writes to agreements that hold rules: creation with its parties."""

from django.db import transaction

from .models import Agreement, AgreementParty


@transaction.atomic
def agreement_create(*, user, data: dict, other_parties) -> Agreement:
    """Create a draft agreement; the creator's organisation becomes party and convener."""
    agreement = Agreement.objects.create(status=Agreement.Status.DRAFT, **data)
    parties = list(other_parties)
    if user.party_id:
        AgreementParty.objects.create(agreement=agreement, party=user.party, is_convener=True)
        parties = [p for p in parties if p.pk != user.party_id]
        convener_set = True
    else:
        convener_set = False
    for party in parties:
        AgreementParty.objects.create(
            agreement=agreement, party=party, is_convener=not convener_set and party.is_municipality
        )
        convener_set = convener_set or party.is_municipality
    return agreement
