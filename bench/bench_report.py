"""The benchmarks' shared file and the page table with its goals (`bench/bench_pages.py`
prints it).

Each script owns some keys of ``bench/last.json`` and writes only those through
``last_json_merge``: the pages (``bench_pages.py``), ``pdf_ratio`` (``bench_pdf.py``),
``planning_seconds`` (``bench_planning.py``), ``zip_seconds``/``zip_peak_mb``
(``bench_zip_export.py``), so running one script keeps the others' figures.
"""

import json
from pathlib import Path

GOALS = {
    "p50_ratio": 3.0,
    "p99_ratio": 5.0,
    "max_kb": 500,
    "planning_seconds": 5.0,
    "pdf_ratio": 2.5,
}
LAST_JSON = Path(__file__).resolve().parent / "last.json"


def last_json_merge(figures: dict, path: Path = LAST_JSON) -> dict:
    """Read ``bench/last.json``, update it with ``figures`` and write it back."""
    try:
        report = json.loads(path.read_text())
    except FileNotFoundError:
        report = {}
    report.update(figures)
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return report


def print_report(report: dict, factors: list[str]) -> None:
    header = f"{'page':22} {'role':14}" + "".join(
        f" | x{f}: {'q':>3} {'kB':>6} {'1req':>7} {'p50':>7} {'p99':>7} {'r50':>5} {'r99':>5}"
        f" {'s50':>6} {'sr50':>5} {'sr99':>5}"
        for f in factors
    )
    print(header)
    print("-" * len(header))
    misses = []
    for page in report["pages"]:
        line = f"{page['name'][:22]:22} {page['role'][:14]:14}"
        for f in factors:
            x = page.get(f"x{f}")
            if not x:
                line += " | " + " " * 44
                continue
            fmt = lambda v: "–" if v is None else f"{v}"  # noqa: E731
            line += (
                f" | {'':>3} {x['queries']:>3} {x['bytes'] / 1024:>6.0f} {x['single_ms']:>7} "
                f"{fmt(x['p50_ms']):>7} {fmt(x['p99_ms']):>7} {fmt(x['p50_ratio']):>5} "
                f"{fmt(x['p99_ratio']):>5} {fmt(x['served_p50_ms']):>6} "
                f"{fmt(x['served_p50_ratio']):>5} {fmt(x['served_p99_ratio']):>5}"
            )
            if page["name"] != "baseline":
                if x["status"] != 200:
                    misses.append(f"{page['name']} ({page['role']}, x{f}): status {x['status']}")
                for key, goal in (
                    ("p50_ratio", "p50_ratio"),
                    ("p99_ratio", "p99_ratio"),
                    ("served_p50_ratio", "p50_ratio"),
                    ("served_p99_ratio", "p99_ratio"),
                ):
                    if x[key] and x[key] > GOALS[goal]:
                        misses.append(
                            f"{page['name']} ({page['role']}, x{f}): {key} {x[key]} > {GOALS[goal]}"
                        )
                if x["bytes"] > GOALS["max_kb"] * 1024:
                    misses.append(f"{page['name']} ({page['role']}, x{f}): {x['bytes'] // 1024} kB")
        queries = {page[f"x{f}"]["queries"] for f in factors if f"x{f}" in page}
        if len(queries) > 1:
            misses.append(
                f"{page['name']} ({page['role']}): queries differ by factor {sorted(queries)}"
            )
        print(line)
    for f in factors:
        fig = report["factors"][f]
        print(
            f"x{f}: {fig['agreements']} agreements, {fig['requests']} requests ({fig['errors']} errors),"
            f" baseline p50 {fig['baseline_p50_ms']} ms p99 {fig['baseline_p99_ms']} ms;"
            f" planning {fig['planning_reminders']} reminders in {fig['planning_seconds']} s"
        )
        if fig["planning_seconds"] > GOALS["planning_seconds"]:
            misses.append(f"planning at x{f}: {fig['planning_seconds']} s > 5 s")
    # The other scripts' figures, as they last wrote them to last.json.
    if (ratio := report.get("pdf_ratio")) is not None:
        print(f"sealed agreement PDF: {ratio} x the plain document")
        if ratio > GOALS["pdf_ratio"]:
            misses.append(f"sealed agreement PDF: {ratio} x plain > {GOALS['pdf_ratio']}")
    if (seconds := report.get("planning_seconds")) is not None:
        print(f"planning, synthetic agreements: {seconds} s")
    if peaks := report.get("zip_peak_mb"):
        print(
            "ZIP export peak memory: " + ", ".join(f"{n} PDFs {mb} MB" for n, mb in peaks.items())
        )
    print("Goals missed:" if misses else "All goals met.")
    for miss in misses:
        print(f"  - {miss}")
    report["goals_missed"] = misses
