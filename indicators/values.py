"""Reading and checking measurement values as people type them (decimal comma, spaces)."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Indicator

PARTS = ("women", "men", "unknown")
NUMBER_FIELDS = ("total", *PARTS)
HUNDRED = Decimal(100)
# Measurement columns are DECIMAL(12, 2): ten digits before the decimal point at most.
LARGEST = Decimal("9999999999.99")


def parse_number(raw) -> Decimal | None:
    """'1 234,5' or '1234.5' or a number -> Decimal; blank -> None; else ValueError."""
    if raw is None:
        return None
    if isinstance(raw, Decimal):
        return raw
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, int | float):
        value = Decimal(str(raw))
        if not value.is_finite():
            raise ValueError(raw)
        return value
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if text.endswith("%"):
        text = text[:-1]
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not value.is_finite():
        raise ValueError(text)
    return value


def format_number(value) -> str:
    """A value as Swedes write it: whole numbers without decimals, else a decimal comma."""
    if value is None:
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f").replace(".", ",")


def clean_values(indicator: Indicator, raw: dict) -> dict:
    """Parse and check total/women/men/unknown for an indicator.

    Returns the parsed values; raises ValidationError with one Swedish message per field.
    """
    errors: dict[str, list[str]] = {}
    values: dict[str, Decimal | None] = {}
    for field in NUMBER_FIELDS:
        try:
            values[field] = parse_number(raw.get(field))
        except ValueError:
            errors.setdefault(field, []).append(_("Skriv en siffra, till exempel 12 eller 4,5."))
            values[field] = None
    if not indicator.by_gender:
        for field in PARTS:
            if values[field] is not None:
                errors.setdefault(field, []).append(
                    _("Indikatorn redovisas inte uppdelat på kön: lämna fältet tomt.")
                )
    is_percent = indicator.unit == Indicator.Unit.PERCENT
    for field in NUMBER_FIELDS:
        value = values[field]
        if value is None or field in errors:
            continue
        if value < 0:
            errors.setdefault(field, []).append(_("Värdet kan inte vara negativt."))
        elif value > LARGEST:
            errors.setdefault(field, []).append(
                _("Talet är för stort: högst 9 999 999 999 får plats.")
            )
        elif is_percent and value > HUNDRED:
            errors.setdefault(field, []).append(_("En andel ligger mellan 0 och 100 procent."))
        elif not is_percent and value != value.to_integral_value():
            errors.setdefault(field, []).append(_("Ett antal är ett heltal."))
        elif value.as_tuple().exponent < -2:
            errors.setdefault(field, []).append(_("Högst två decimaler."))
    # Counts split by gender add up; a share for women and one for men do not.
    if not is_percent and not errors:
        total = values["total"]
        parts = [values[f] for f in PARTS if values[f] is not None]
        parts_sum = sum(parts, Decimal(0))
        if parts and total is None:
            errors["total"] = [_("Fyll i totalen när du fyller i kvinnor och män.")]
        elif parts and parts_sum > total:
            errors["total"] = [
                _("Kvinnor, män och okänt kön (%(sum)s) är fler än totalen (%(total)s).")
                % {"sum": format_number(parts_sum), "total": format_number(total)}
            ]
        elif values["women"] is not None and values["men"] is not None and parts_sum != total:
            errors["total"] = [
                _(
                    "Kvinnor, män och okänt kön ska tillsammans bli totalen: "
                    "%(sum)s är inte %(total)s."
                )
                % {"sum": format_number(parts_sum), "total": format_number(total)}
            ]
    if errors:
        raise ValidationError(errors)
    return values


def xlsx_number(value):
    """A stored value as an Excel cell: a number, or an empty cell."""
    return float(value) if value is not None else None
