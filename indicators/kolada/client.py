"""Kolada's open API: the client.

Kolada's current API is v3 (``/v3/data/kpi/{kpi}/municipality/{ids}/year/{years}``, paged by
``next_url``); v2 (paged by ``next_page``) is still read, so ``KOLADA_API_VERSION`` chooses.
The client is the standard library's urllib with a timeout; it retries the transient errors
(HTTP 5xx, timeouts, refused connections) a bounded number of times with a doubling backoff,
and follows the next page only within ``KOLADA_BASE_URL``. As Kolada asks, it puts at most
``KOLADA_BATCH_SIZE`` municipalities in one call and makes at most
``KOLADA_REQUESTS_PER_SECOND`` requests a second (0 turns the pace off).
"""

import json
import logging
import threading
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


@dataclass(frozen=True)
class KoladaKpiMeta:
    """What Kolada says about a KPI: its Swedish title and whether it is divided by gender."""

    kpi: str
    title: str
    by_gender: bool


def _api() -> str:
    return f"{settings.KOLADA_BASE_URL.rstrip('/')}/{settings.KOLADA_API_VERSION}"


def data_url(kpi: str, municipality_codes, years) -> str:
    ids = ",".join(quote(code, safe="") for code in municipality_codes)
    year_list = ",".join(str(year) for year in years)
    return f"{_api()}/data/kpi/{quote(kpi, safe='')}/municipality/{ids}/year/{year_list}"


def kpi_url(kpis) -> str:
    return f"{_api()}/kpi/{','.join(quote(kpi, safe='') for kpi in kpis)}"


class _Pace:
    """At most ``KOLADA_REQUESTS_PER_SECOND`` requests a second from this process."""

    def __init__(self):
        self._lock = threading.Lock()
        self._next = 0.0

    def wait(self) -> None:
        rate = settings.KOLADA_REQUESTS_PER_SECOND
        if not rate or rate <= 0:
            return
        with self._lock:
            now = time.monotonic()
            delay = self._next - now
            self._next = max(now, self._next) + 1 / rate
        if delay > 0:
            time.sleep(delay)


_pace = _Pace()


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
            _pace.wait()
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


def _pages(url: str):
    """Each page of Kolada's answer from ``url``: v3's ``next_url``, or v2's ``next_page``."""
    base = settings.KOLADA_BASE_URL
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
        yield data
        url = data.get("next_url") or data.get("next_page") or None


def _batches(codes, size: int):
    codes = list(codes)
    size = max(1, size)
    for start in range(0, len(codes), size):
        yield codes[start : start + size]


def fetch_kpi(kpi: str, municipality_codes, years) -> list[KoladaPoint]:
    """Every value of ``kpi`` for the municipalities (or areas: Riket 0000, a county 00LL)
    and years, in batches of ``KOLADA_BATCH_SIZE`` municipalities, following every page."""
    points: list[KoladaPoint] = []
    for batch in _batches(municipality_codes, settings.KOLADA_BATCH_SIZE):
        for data in _pages(data_url(kpi, batch, years)):
            for row in data.get("values", []):
                points.append(_point(row, kpi))
    return points


def _point(row, kpi: str) -> KoladaPoint:
    try:
        values = {
            GENDER_FIELDS[item["gender"]]: _decimal(item.get("value"))
            for item in row.get("values", [])
            if item.get("gender") in GENDER_FIELDS
        }
        return KoladaPoint(
            kpi=str(row.get("kpi") or kpi),
            municipality=str(row["municipality"]),
            year=int(row["period"]),
            **values,
        )
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise KoladaError(_("Koladas svar har inte den väntade formen.")) from exc


def fetch_kpi_meta(kpis) -> dict[str, KoladaKpiMeta]:
    """Kolada's title and gender division of each KPI in ``kpis`` (unknown ones are absent)."""
    kpis = sorted({kpi.strip() for kpi in kpis if kpi and kpi.strip()})
    found: dict[str, KoladaKpiMeta] = {}
    for batch in _batches(kpis, settings.KOLADA_BATCH_SIZE):
        for data in _pages(kpi_url(batch)):
            for row in data.get("values", []):
                try:
                    kpi = str(row["id"])
                    title = str(row.get("title") or "").strip()
                except (KeyError, TypeError) as exc:
                    raise KoladaError(_("Koladas svar har inte den väntade formen.")) from exc
                # v2 says 0 or 1, v3 true or false.
                found[kpi] = KoladaKpiMeta(
                    kpi=kpi, title=title[:300], by_gender=bool(row.get("is_divided_by_gender"))
                )
    return found
