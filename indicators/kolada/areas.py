"""Kolada's areas beside the municipalities: the whole country (Riket, ``0000``) and the
counties (``00`` followed by the county code, the first two digits of a kommunkod)."""

from django.utils.translation import gettext_lazy as _

RIKET = "0000"

# SCB's county codes (länskoder) and the counties' names.
COUNTIES = {
    "01": _("Stockholms län"),
    "03": _("Uppsala län"),
    "04": _("Södermanlands län"),
    "05": _("Östergötlands län"),
    "06": _("Jönköpings län"),
    "07": _("Kronobergs län"),
    "08": _("Kalmar län"),
    "09": _("Gotlands län"),
    "10": _("Blekinge län"),
    "12": _("Skåne län"),
    "13": _("Hallands län"),
    "14": _("Västra Götalands län"),
    "17": _("Värmlands län"),
    "18": _("Örebro län"),
    "19": _("Västmanlands län"),
    "20": _("Dalarnas län"),
    "21": _("Gävleborgs län"),
    "22": _("Västernorrlands län"),
    "23": _("Jämtlands län"),
    "24": _("Västerbottens län"),
    "25": _("Norrbottens län"),
}


def county_area(municipality_code: str) -> str | None:
    """Kolada's id of the county a municipality lies in (0117 -> 0001)."""
    county = (municipality_code or "")[:2]
    return f"00{county}" if county in COUNTIES else None


def comparison_areas(municipality_codes) -> list[str]:
    """Riket first, then each county of the municipalities, once."""
    counties = sorted({a for a in map(county_area, municipality_codes) if a})
    return [RIKET, *counties]


def area_name(code: str) -> str:
    if code == RIKET:
        return str(_("Riket"))
    if code.startswith("00") and code[2:] in COUNTIES:
        return str(COUNTIES[code[2:]])
    return code
