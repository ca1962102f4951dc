"""The benchmarks' figures beside their goals, from ``reports/bench-*.json`` to
``reports/bench-summary.md``.

    .venv/bin/python tests/bench/summary.py        (``scripts/bench.sh`` runs it last)

One row per figure of issue #16's table: the figure as the issue found it ("before"),
the goal, what the latest report measured, whether it meets the goal, and the machine's
load average when that benchmark started (a figure from a busy two-core machine is not
comparable with one from an idle machine; the README's figures need load < 1.5).
A figure whose report or key is missing says "not measured" rather than disappearing.
"""

from __future__ import annotations

import json
import operator
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "reports"
IDLE_LOAD = 1.5

COMPARE = {"<=": operator.le, ">=": operator.ge, "==": operator.eq}
MISSING = object()


@dataclass(frozen=True)
class Figure:
    name: str
    report: str
    path: str  # dotted keys into the report; ``*`` takes the largest of a mapping's values
    goal: str  # "<= 50": the operator and the target, in the unit of ``unit``
    unit: str
    before: str


FIGURES = [
    Figure("search API p50", "search", "elasticsearch.api_p50_ms", "", "ms", "54 ms (load 2.3)"),
    Figure(
        "search API p95", "search", "elasticsearch.api_p95_ms", "<= 50", "ms", "88 ms (load 2.3)"
    ),
    Figure(
        "Elasticsearch `took` p95",
        "search",
        "elasticsearch.took_p95_ms",
        "<= 20",
        "ms",
        "≈ 50 ms p50",
    ),
    Figure("search page p95", "search", "elasticsearch.view_p95_ms", "<= 80", "ms", "92–556 ms"),
    Figure(
        "database fallback p95 (50,000)", "search", "database.api_p95_ms", "<= 150", "ms", "4.8 s"
    ),
    Figure(
        "500 sockets: submit → arrival p50",
        "forums-ws",
        "latency_submit_to_client_ms.p50",
        "",
        "ms",
        "89 ms",
    ),
    Figure(
        "500 sockets: submit → arrival p95",
        "forums-ws",
        "latency_submit_to_client_ms.p95",
        "<= 40",
        "ms",
        "365 ms",
    ),
    Figure(
        "500 sockets: submit → arrival p99",
        "forums-ws",
        "latency_submit_to_client_ms.p99",
        "<= 100",
        "ms",
        "439 ms",
    ),
    Figure("500 sockets: posts lost", "forums-ws", "delivery.lost", "== 0", "", "—"),
    Figure("500 sockets: posts duplicated", "forums-ws", "delivery.duplicated", "== 0", "", "—"),
    Figure(
        "posts fanned out to all 500, sustained",
        "forums-ws",
        "sustained.posts_per_second_delivered_to_all",
        ">= 40",
        "posts/s",
        "4.1 posts/s",
    ),
    Figure(
        "frames to clients, sustained",
        "forums-ws",
        "sustained.frames_per_second_to_clients",
        ">= 20000",
        "frames/s",
        "2,000 frames/s",
    ),
    Figure(
        "memory per open socket",
        "forums-ws",
        "server_rss_mb.per_connection_kb",
        "<= 60",
        "KB",
        "161 KB",
    ),
    Figure(
        "inventory import, 10,000 rows",
        "inventory",
        "import_rows_per_second",
        ">= 2000",
        "rows/s",
        "186–219 rows/s",
    ),
    Figure("inventory API, 3 filters, p95", "inventory", "api_p95_ms", "<= 30", "ms", "47–127 ms"),
    Figure("mixed load: requests/s", "load", "total.rps", "", "req/s", "14.5 req/s"),
    Figure(
        "mixed load: worst endpoint p95",
        "load",
        "endpoints.*.p95_ms",
        "<= 300",
        "ms",
        "520 ms (search)",
    ),
    Figure(
        "mixed load: worst endpoint p99", "load", "endpoints.*.p99_ms", "<= 800", "ms", "up to 3 s"
    ),
    Figure("mixed load: errors", "load", "total.failures", "== 0", "", "0"),
    Figure(
        "mixed load: WebSocket delivery p95",
        "load",
        "websocket.delivery.p95_ms",
        "<= 100",
        "ms",
        "142 ms",
    ),
    Figure(
        "capacity at p95 ≤ 300 ms",
        "load",
        "capacity.capacity_rps",
        ">= 60",
        "req/s",
        "not measured",
    ),
    Figure(
        "capacity: readers where p95 crosses 300 ms",
        "load",
        "capacity.breaks_at_readers",
        "",
        "users",
        "not measured",
    ),
    Figure(
        "case-study page p95 / bakerydemo's",
        "peer",
        "ratios.case_study_p95",
        "<= 0.5",
        "×",
        "1.64×",
    ),
    Figure("listing p95 / bakerydemo's", "peer", "ratios.listing_p95", "<= 0.5", "×", "2.16×"),
    Figure(
        "case-study page req/s / bakerydemo's (10 clients)",
        "peer",
        "ratios.case_study_rps",
        ">= 2",
        "×",
        "0.58×",
    ),
    Figure(
        "listing req/s / bakerydemo's (10 clients)",
        "peer",
        "ratios.listing_rps",
        ">= 2",
        "×",
        "0.37×",
    ),
    Figure(
        "SQL queries, case-study page", "pages", "sql_queries.case_study_page", "<= 12", "", "22–29"
    ),
    Figure("SQL queries, listing", "pages", "sql_queries.listing", "<= 10", "", "20–21"),
    Figure(
        "anonymous cached page: SQL queries",
        "pages",
        "cached_page.queries",
        "== 0",
        "",
        "impossible",
    ),
    Figure(
        "anonymous cached page: time in process",
        "pages",
        "cached_page.ms",
        "<= 5",
        "ms",
        "impossible",
    ),
    Figure("faults: posts lost", "faults", "posts.posts_lost", "== 0", "", "0"),
    Figure("faults: index updates lost", "faults", "posts.index_updates_lost", "== 0", "", "0"),
    Figure("faults: live deliveries missed", "faults", "posts.websocket_missed", "== 0", "", "24"),
    Figure("faults on the cluster: posts lost", "faults-cluster", "posts.lost", "== 0", "", "—"),
]


def lookup(data: object, path: str) -> object:
    """The value at a dotted ``path`` (``MISSING`` when a key is absent); ``*`` stands for
    every value of a mapping and the largest is kept (the worst endpoint)."""
    head, _, rest = path.partition(".")
    if head == "*" and isinstance(data, dict):
        values = (lookup(item, rest) if rest else item for item in data.values())
        numbers = [v for v in values if isinstance(v, int | float)]
        return max(numbers) if numbers else MISSING
    if not isinstance(data, dict) or head not in data:
        return MISSING
    return lookup(data[head], rest) if rest else data[head]


def load_reports(directory: Path) -> dict[str, dict]:
    reports = {}
    for path in sorted(directory.glob("bench-*.json")):
        try:
            reports[path.stem.removeprefix("bench-")] = json.loads(path.read_text())
        except (OSError, json.JSONDecodeError):
            continue
    return reports


def _load_at_start(report: dict) -> str:
    load = report.get("load_average_at_start")
    if isinstance(load, dict):
        load = load.get("1m")
    elif isinstance(load, list | tuple):
        load = load[0] if load else None
    if not isinstance(load, int | float):
        return "not recorded"
    mark = "" if load < IDLE_LOAD else " (busy)"
    return f"{load:.2f}{mark}"


def _met(figure: Figure, value: object) -> str:
    if not figure.goal:
        return ""
    op, _, target = figure.goal.partition(" ")
    if not isinstance(value, int | float):
        return "—"
    return "yes" if COMPARE[op](value, float(target)) else "**no**"


def _format(value: object, unit: str) -> str:
    if value is None:
        return "none"
    if isinstance(value, float):
        value = f"{value:,.1f}" if abs(value) < 1000 else f"{value:,.0f}"
    elif isinstance(value, int):
        value = f"{value:,}"
    return f"{value} {unit}".strip()


def render(reports: dict[str, dict]) -> str:
    lines = [
        "# Benchmarks: figures beside their goals",
        "",
        "Generated by `tests/bench/summary.py` from `reports/bench-*.json` (issue #16's table;",
        f"*before* is the issue's figure). Figures count only from a machine at load < {IDLE_LOAD}",
        'at start: "(busy)" marks the rest.',
        "",
        "| figure | before | goal | measured | met | load at start (1 min) | measured at |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for figure in FIGURES:
        report = reports.get(figure.report)
        goal = figure.goal.replace("<=", "≤").replace(">=", "≥").replace("==", "=")
        goal = f"{goal} {figure.unit}".strip() if goal else ""
        if report is None:
            measured, met, load, when = f"not measured (no bench-{figure.report}.json)", "—", "", ""
        else:
            value = lookup(report, figure.path)
            measured = "not measured" if value is MISSING else _format(value, figure.unit)
            met, load = _met(figure, value), _load_at_start(report)
            when = str(report.get("measured_at", ""))
        lines.append(
            f"| {figure.name} | {figure.before} | {goal} | {measured} | {met} | {load} | {when} |"
        )
    servers = reports.get("load", {}).get("servers") or []
    if servers:
        lines += [
            "",
            "## Servers under `bench_load.py` (run back to back, interleaved)",
            "",
            "| server | workers | round | load at start | mix req/s | mix p95 ms "
            "| mix p99 ms | errors | WebSocket p95 ms | capacity req/s | at readers "
            "| breaks at | DB connections |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        keys = [
            "server",
            "workers",
            "round",
            "load_1m_at_start",
            "mix_rps",
            "mix_p95_ms",
            "mix_p99_ms",
            "mix_errors",
            "ws_delivery_p95_ms",
            "capacity_rps",
            "capacity_readers",
            "breaks_at_readers",
            "db_connections_peak",
        ]
        for row in servers:
            cells = ["" if row.get(k) is None else str(row.get(k)) for k in keys]
            lines.append("| " + " | ".join(cells) + " |")
    others = sorted(set(reports) - {f.report for f in FIGURES})
    if others:
        lines += ["", "Other reports: " + ", ".join(f"`bench-{name}.json`" for name in others)]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    directory = Path(argv[0]) if argv else REPORTS
    out = directory / "bench-summary.md"
    out.write_text(render(load_reports(directory)))
    print(f"written to {out}")  # noqa: T201 - a script that reports where it wrote
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
