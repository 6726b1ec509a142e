"""Kolada's open API (v2): the client.

The client is the standard library's urllib with a timeout; it retries the transient errors
(HTTP 5xx, timeouts, refused connections) a bounded number of times with a doubling backoff,
and follows ``next_page`` only within ``KOLADA_BASE_URL``.
"""

import json
import logging
import time
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

GENDER_FIELDS = {"T": "total", "K": "women", "M": "men"}
FIELDS = ("total", "women", "men")
MAX_PAGES = 200
MAX_BYTES = 20 * 1024 * 1024  # one page of Kolada's answer is far smaller
MAX_YEARS = 10
CENT = Decimal("0.01")


class KoladaError(Exception):
    """Kolada could not be asked or did not answer usably; the message is for people."""


@dataclass(frozen=True)
class KoladaPoint:
    """One KPI's value for one municipality and year, per gender (None where missing)."""

    kpi: str
    municipality: str
    year: int
    total: Decimal | None = None
    women: Decimal | None = None
    men: Decimal | None = None

    def values(self) -> dict:
        return {name: getattr(self, name) for name in FIELDS}


def data_url(kpi: str, municipality_codes, years) -> str:
    base = settings.KOLADA_BASE_URL.rstrip("/")
    ids = ",".join(quote(code, safe="") for code in municipality_codes)
    year_list = ",".join(str(year) for year in years)
    return f"{base}/v2/data/kpi/{quote(kpi, safe='')}/municipality/{ids}/year/{year_list}"


def _same_origin(url: str, base: str) -> bool:
    a, b = urlsplit(url), urlsplit(base)
    return a.scheme in ("http", "https") and (a.scheme, a.netloc) == (b.scheme, b.netloc)


def _get_json(url: str):
    """GET ``url`` and decode its JSON, retrying transient failures."""
    attempts = 1 + max(0, settings.KOLADA_RETRIES)
    timeout = settings.KOLADA_TIMEOUT
    for attempt in range(attempts):
        last = attempt == attempts - 1
        try:
            request = Request(  # noqa: S310 - the scheme is checked by _same_origin
                url,
                headers={"Accept": "application/json", "User-Agent": "Samverkansportalen"},
            )
            with urlopen(request, timeout=timeout) as response:  # noqa: S310
                body = response.read(MAX_BYTES + 1)
        except HTTPError as exc:
            if exc.code >= 500 and not last:
                _backoff(attempt)
                continue
            raise KoladaError(
                _("Kolada svarade med felkod %(code)s.") % {"code": exc.code}
            ) from exc
        except (TimeoutError, URLError, ConnectionError) as exc:
            if not last:
                _backoff(attempt)
                continue
            reason = getattr(exc, "reason", exc)
            if isinstance(exc, TimeoutError) or isinstance(reason, TimeoutError):
                raise KoladaError(
                    _("Kolada svarade inte inom %(seconds)s sekunder.")
                    % {"seconds": f"{timeout:g}"}
                ) from exc
            raise KoladaError(_("Det gick inte att nå Kolada.")) from exc
        if len(body) > MAX_BYTES:
            raise KoladaError(_("Koladas svar är orimligt stort."))
        try:
            return json.loads(body)
        except ValueError as exc:
            raise KoladaError(_("Kolada svarade med något som inte är JSON.")) from exc
    raise AssertionError("unreachable")  # pragma: no cover


def _backoff(attempt: int) -> None:
    delay = settings.KOLADA_RETRY_BACKOFF * (2**attempt)
    if delay > 0:
        time.sleep(delay)


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value)).quantize(CENT)
    except (InvalidOperation, ValueError) as exc:
        raise KoladaError(_("Kolada svarade med ett värde som inte är ett tal.")) from exc


def fetch_kpi(kpi: str, municipality_codes, years) -> list[KoladaPoint]:
    """Every value of ``kpi`` for the municipalities and years, following ``next_page``."""
    base = settings.KOLADA_BASE_URL
    url = data_url(kpi, municipality_codes, years)
    points: list[KoladaPoint] = []
    seen = set()
    while url:
        if url in seen or len(seen) >= MAX_PAGES:
            raise KoladaError(_("Koladas sidor tar aldrig slut."))
        if not _same_origin(url, base):
            raise KoladaError(_("Kolada hänvisade till en annan adress än Koladas."))
        seen.add(url)
        data = _get_json(url)
        if not isinstance(data, dict) or not isinstance(data.get("values", []), list):
            raise KoladaError(_("Koladas svar har inte den väntade formen."))
        for row in data.get("values", []):
            try:
                values = {
                    GENDER_FIELDS[item["gender"]]: _decimal(item.get("value"))
                    for item in row.get("values", [])
                    if item.get("gender") in GENDER_FIELDS
                }
                points.append(
                    KoladaPoint(
                        kpi=str(row.get("kpi") or kpi),
                        municipality=str(row["municipality"]),
                        year=int(row["period"]),
                        **values,
                    )
                )
            except (KeyError, TypeError, ValueError) as exc:
                raise KoladaError(_("Koladas svar har inte den väntade formen.")) from exc
        url = data.get("next_page") or None
    return points
