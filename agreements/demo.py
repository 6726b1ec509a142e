"""The demo agreements, from the seed documents in ../shared/seeds.

Other apps' demo loaders find the agreements through ``demo_agreement(key)``.
"""

from .models import Agreement

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


def demo_agreement(key: str) -> Agreement:
    return Agreement.objects.get(title=DEMO_AGREEMENT_TITLES[key])
