"""The load phase of ``bench_pages.py``: closed-loop users over HTTP and their percentiles.

Each thread requests its role's pages in turn, each one after the baseline page, on one
keep-alive connection; gunicorn's access log gives the time spent inside it (``%(D)s``).
"""

import http.client
import socket
import threading
import time
from pathlib import Path
from urllib.parse import quote, unquote


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tagged(url: str, name: str, role: str) -> str:
    """The URL with a tag the views ignore, so the access log tells the pages apart."""
    tag = quote(f"{role}:{name.replace(' ', '_')}", safe=":")
    return f"{url}{'&' if '?' in url else '?'}_bench={tag}"


def service_times(access_log: Path) -> dict[tuple[str, str], list[float]]:
    """Time spent in gunicorn per request (ms), without the wait in the listen queue."""
    times: dict[tuple[str, str], list[float]] = {}
    for line in access_log.read_text().splitlines():
        target, status, micros = line.rsplit(" ", 2)
        if "_bench=" not in target or status != "200":
            continue
        role, name = unquote(target.split("_bench=", 1)[1].split("&")[0]).split(":", 1)
        times.setdefault((name.replace("_", " "), role), []).append(int(micros) / 1000)
    return times


def load(port: int, probe_result: dict, users: int, seconds: float, limit: int) -> dict:
    by_role: dict[str, list[dict]] = {}
    for page in probe_result["pages"]:
        if page["name"] != "baseline":
            by_role.setdefault(page["role"], []).append(page)
    baseline = {p["role"]: p["url"] for p in probe_result["pages"] if p["name"] == "baseline"}
    roles = sorted(by_role)
    samples: dict[tuple[str, str], list[float]] = {}
    lock = threading.Lock()
    counter = {"requests": 0, "errors": 0}
    deadline = time.monotonic() + seconds

    def worker(index: int) -> None:
        role = roles[index % len(roles)]
        cookie = f"sessionid={probe_result['sessions'][role]}"
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        pages = by_role[role]
        step = index
        while time.monotonic() < deadline:
            page = pages[step % len(pages)]
            step += 1
            for name, url in (
                ("baseline", tagged(baseline[role], "baseline", role)),
                (page["name"], tagged(page["url"], page["name"], role)),
            ):
                with lock:
                    if counter["requests"] >= limit:
                        return
                    counter["requests"] += 1
                started = time.perf_counter()
                try:
                    connection.request("GET", url, headers={"Cookie": cookie})
                    response = connection.getresponse()
                    response.read()
                    ok = response.status == 200
                except (OSError, http.client.HTTPException):
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                    ok = False
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    if ok:
                        samples.setdefault((name, role), []).append(elapsed)
                    else:
                        counter["errors"] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"samples": samples, **counter}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]
