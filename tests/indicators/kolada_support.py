"""A local Kolada: an HTTP server on 127.0.0.1 that serves the recorded answers in
``kolada_responses/``, plus a few KPIs that misbehave on purpose. Never a mocked client."""

import json
import re
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import factory
from factory.django import DjangoModelFactory

from indicators.models import Goal, Indicator

RESPONSES = Path(__file__).parent / "kolada_responses"
RECORDED_BASE = "https://api.kolada.se"
KPI_ERROR = "N99500"  # always answers 500
KPI_FLAKY = "N99503"  # answers 503 the first time, then its recorded answer
KPI_SLOW = "N99408"  # answers after SLOW_SECONDS, longer than the test's KOLADA_TIMEOUT
SLOW_SECONDS = 1.0
PATH = re.compile(r"^/(v2|v3)/data/kpi/([^/]+)/municipality/([^/]+)/year/([^/]+)$")
KPI_PATH = re.compile(r"^/(v2|v3)/kpi/([^/]+)$")
EMPTY = {
    "v2": b'{"count": 0, "values": [], "next_page": null}',
    "v3": b'{"count": 0, "values": [], "next_url": null}',
}


def _answers(version: str) -> Path:
    """v2's recorded answers lie in kolada_responses/, v3's in kolada_responses/v3/."""
    return RESPONSES / "v3" if version == "v3" else RESPONSES


class KoladaHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output quiet
        pass

    def do_GET(self):  # noqa: N802 - http.server's name
        self.server.requests.append(self.path)
        url = urlsplit(self.path)
        meta = KPI_PATH.match(url.path)
        if meta:
            return self._kpi_meta(*meta.groups())
        match = PATH.match(url.path)
        if not match:
            return self._send(404, b'{"error": "not found"}')
        version, kpi, ids, _years = match.groups()
        if kpi == KPI_ERROR:
            return self._send(500, b"Internal Server Error")
        if (
            kpi == KPI_FLAKY
            and sum(f"/data/kpi/{KPI_FLAKY}/" in p for p in self.server.requests) == 1
        ):
            return self._send(503, b"Service Unavailable")
        if kpi == KPI_SLOW:
            time.sleep(SLOW_SECONDS)
            return self._send(200, EMPTY[version])
        page = parse_qs(url.query).get("page", ["1"])[0]
        name = f"{kpi}_{ids.replace(',', '-')}" + ("" if page == "1" else f"_p{page}")
        path = _answers(version) / f"{name}.json"
        if not path.exists():
            return self._send(200, EMPTY[version])
        body = path.read_text().replace(RECORDED_BASE, self.server.base_url)
        return self._send(200, body.encode())

    def _kpi_meta(self, version, ids):
        """Kolada's description of each KPI asked for that has a recorded one."""
        rows = [
            json.loads(path.read_text())
            for kpi in ids.split(",")
            if (path := _answers(version) / "kpi" / f"{kpi}.json").exists()
        ]
        nxt = "next_url" if version == "v3" else "next_page"
        return self._send(200, json.dumps({"count": len(rows), "values": rows, nxt: None}).encode())

    def _send(self, status, body):
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the timeout test)


@contextmanager
def serve_kolada():
    server = ThreadingHTTPServer(("127.0.0.1", 0), KoladaHandler)
    server.daemon_threads = True
    server.block_on_close = False
    server.requests = []
    server.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def configure(settings, server, version="v2"):
    """Point the client at the local Kolada; v2's recorded answers unless told ``v3``."""
    settings.KOLADA_BASE_URL = server.base_url
    settings.KOLADA_API_VERSION = version
    settings.KOLADA_REQUESTS_PER_SECOND = 0  # the pace has a test of its own
    settings.KOLADA_TIMEOUT = 0.3
    settings.KOLADA_RETRIES = 1
    settings.KOLADA_RETRY_BACKOFF = 0


class GoalFactory(DjangoModelFactory):
    class Meta:
        model = Goal

    title = factory.Sequence(lambda n: f"Mål {n}")


class KoladaIndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    goal = factory.SubFactory(GoalFactory)
    name = factory.Sequence(lambda n: f"Kolada-indikator {n}")
    unit = Indicator.Unit.COUNT
    direction = Indicator.Direction.DECREASE
    source = Indicator.Source.KOLADA
    kolada_kpi = "N00914"
    frequency = Indicator.Frequency.YEARLY
    by_gender = True


def make_snapshot(municipality, measured_on=None, **figures):
    """A kartläggning with seed 003's Österåker figures unless told otherwise."""
    import datetime

    from indicators.models import ProgrammeFigure, StatisticsSnapshot

    snapshot = StatisticsSnapshot.objects.create(
        municipality=municipality,
        measured_on=measured_on or datetime.date(2020, 8, 31),
        population=45600,
        population_note="ca 45 600",
    )
    defaults = {
        "establishment": {"total": 81, "women": 40, "men": 41, "short_educated": 52},
        "job_guarantee": {"total": 175, "women": 79, "men": 96, "short_educated": 66},
        "youth_guarantee": {"total": 44, "women": 16, "men": 28, "short_educated": 8},
        "open_unemployed": {"total": 861, "women": 388, "men": 473, "short_educated": 120},
        "income_support": {"total": 112, "women": 53, "men": 59},
    }
    defaults.update(figures)
    for programme, values in defaults.items():
        ProgrammeFigure.objects.create(snapshot=snapshot, programme=programme, **values)
    return snapshot


def make_demand(municipality):
    import datetime

    from indicators.models import LabourDemandRow, LabourDemandSnapshot

    demand = LabourDemandSnapshot.objects.create(
        municipality=municipality, measured_on=datetime.date(2020, 10, 18)
    )
    LabourDemandRow.objects.create(snapshot=demand, area="social", jobs=17, ads=10)
    LabourDemandRow.objects.create(snapshot=demand, area="sales", jobs=12, ads=8)
    return demand


def make_conflict(agreement):
    from indicators.kolada import h2_period
    from indicators.models import KoladaConflict, Measurement

    indicator = KoladaIndicatorFactory(goal=GoalFactory(agreement=agreement))
    measurement = Measurement.objects.create(
        indicator=indicator, period=h2_period(agreement, 2023), total=850, origin="manual"
    )
    return KoladaConflict.objects.create(
        measurement=measurement, kolada_total=861, kolada_women=388, kolada_men=473
    )
