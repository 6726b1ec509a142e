"""Validation of Swedish identifiers that the portal stores."""

import csv
import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def _load_municipalities() -> dict[str, str]:
    with (Path(__file__).with_name("municipalities.csv")).open(encoding="utf-8") as handle:
        return {row["kommunkod"]: row["kommun"] for row in csv.DictReader(handle)}


# Statistics Sweden's (SCB) kommunkoder of Sweden's 290 municipalities -> short name.
MUNICIPALITIES: dict[str, str] = _load_municipalities()

_NAME_SUFFIXES = (" kommun", " stad", " municipality")


def municipality_name(code: str) -> str | None:
    """The municipality's short name (``Österåker``) for an SCB kommunkod, None if unknown."""
    return MUNICIPALITIES.get((code or "").strip())


def municipality_code_for_name(name: str) -> str | None:
    """The kommunkod of the municipality an organisation's name refers to, if any:
    ``Österåkers kommun``, ``Vaxholms stad`` and ``Region Gotland`` all find theirs."""
    text = (name or "").strip().lower()
    if text.startswith("region "):
        text = text[len("region ") :]
    for suffix in _NAME_SUFFIXES:
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    by_name = {value.lower(): code for code, value in MUNICIPALITIES.items()}
    if text in by_name:
        return by_name[text]
    if text.endswith("s") and text[:-1] in by_name:
        return by_name[text[:-1]]
    return None


_ORGNR_RE = re.compile(r"^(\d{6})[-\u2013\u2011]?(\d{4})$")


def luhn_ok(digits: str) -> bool:
    """True when the last digit of ``digits`` is the Luhn check digit of the others."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalize_organisation_number(value: str) -> str:
    """Return ``NNNNNN-NNNN`` for an organisationsnummer typed with a hyphen, en dash or none.

    Raises ValidationError with a Swedish message for a wrong form or check digit.
    """
    cleaned = (value or "").strip().replace(" ", "")
    match = _ORGNR_RE.match(cleaned)
    if not match:
        raise ValidationError(
            _("Ange organisationsnumret som tio siffror, till exempel 212000-0043."),
            code="format",
        )
    digits = match.group(1) + match.group(2)
    if not luhn_ok(digits):
        raise ValidationError(
            _(
                "Organisationsnumret %(value)s är inte giltigt: kontrollsiffran stämmer inte. "
                "Kontrollera att du har skrivit rätt."
            ),
            code="checksum",
            params={"value": value},
        )
    return f"{match.group(1)}-{match.group(2)}"


def validate_organisation_number(value: str) -> None:
    normalize_organisation_number(value)


def validate_municipality_code(value: str) -> None:
    """Accept only the four-digit codes on SCB's list of the 290 municipalities."""
    if not value:
        return
    if not re.fullmatch(r"\d{4}", value):
        raise ValidationError(
            _("Kommunkoden består av fyra siffror, till exempel 0117 för Österåker."),
            code="format",
        )
    if value not in MUNICIPALITIES:
        raise ValidationError(
            _(
                "%(value)s är ingen kommunkod. Ange en av SCB:s 290 kommunkoder, "
                "till exempel 0117 för Österåker."
            ),
            code="unknown",
            params={"value": value},
        )


def validate_pdf_upload(upload) -> None:
    """Refuse uploads that are not PDF files or are larger than MAX_UPLOAD_SIZE."""
    if upload is None:
        return
    limit = settings.MAX_UPLOAD_SIZE
    if upload.size > limit:
        raise ValidationError(
            _("Filen är för stor (%(size)s MB). Största tillåtna storlek är %(limit)s MB."),
            code="too_large",
            params={"size": round(upload.size / 1048576, 1), "limit": limit // 1048576},
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(5)
    upload.seek(position)
    if head != b"%PDF-":
        raise ValidationError(
            _("Filen är inte en PDF. Ladda upp dokumentet som PDF."), code="not_pdf"
        )


EARLIEST_YEAR = 2000
LATEST_YEAR = 2100


def validate_portal_date(value) -> None:
    """Refuse a date (or date and time) outside 2000–2100.

    Every date in the portal is about agreements from 2000 on; a slip such as 0001-01-01 as
    ``valid_from`` would otherwise make the follow-up plan thousands of half-years.
    """
    if value is None:
        return
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValidationError(
            _("Ange ett datum mellan år %(first)s och %(last)s."),
            code="date_range",
            params={"first": EARLIEST_YEAR, "last": LATEST_YEAR},
        )


def id_param(value) -> int | None:
    """A row id from a query or form parameter, or None for anything that is not one.

    ``"²".isdigit()`` is true but ``int("²")`` fails, and a 20-digit number passes ``int`` but
    not PostgreSQL's integer column: both were errors 500.
    """
    text = str(value or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 10:
        return None
    number = int(text)
    return number if 0 < number < 2**31 else None
