"""The benchmark tooling (``tests/bench/`` is not collected): every report carries the load
average it started under, and the summary puts each figure beside its goal, saying
"not measured" instead of dropping a figure that no report holds."""

import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.fixture
def bench_modules(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    import harness
    import summary

    yield harness, summary
    sys.modules.pop("harness", None)
    sys.modules.pop("summary", None)


def test_write_report_records_the_load_average_at_start(bench_modules, tmp_path, monkeypatch):
    harness, _ = bench_modules
    monkeypatch.setattr(harness, "REPORTS", tmp_path)
    monkeypatch.setattr(harness, "LOAD_AT_START", {"1m": 3.25, "5m": 2.0, "15m": 1.0})

    path = harness.write_report("example", {"rps": 12})

    report = json.loads(path.read_text())
    assert report["load_average_at_start"] == {"1m": 3.25, "5m": 2.0, "15m": 1.0}
    assert set(report["load_average_at_end"]) == {"1m", "5m", "15m"}


def test_run_benchmark_stamps_the_load_into_a_report_the_script_wrote_itself(
    bench_modules, tmp_path, monkeypatch
):
    harness, _ = bench_modules
    monkeypatch.setattr(harness, "REPORTS", tmp_path)
    script = tmp_path / "bench_own.py"
    script.write_text(
        "import json, pathlib\n"
        f"pathlib.Path({str(tmp_path / 'bench-own.json')!r}).write_text(json.dumps({{'rps': 5}}))\n"
    )

    assert harness.run_benchmark(script) == 0

    report = json.loads((tmp_path / "bench-own.json").read_text())
    assert report["rps"] == 5
    assert set(report["load_average_at_start"]) == {"1m", "5m", "15m"}


def test_summary_puts_the_worst_endpoint_beside_its_goal_with_the_load(bench_modules, tmp_path):
    _, summary = bench_modules
    (tmp_path / "bench-load.json").write_text(
        json.dumps(
            {
                "measured_at": "2026-12-05T14:00:00Z",
                "load_average_at_start": {"1m": 0.8, "5m": 0.9, "15m": 1.0},
                "total": {"rps": 20.5, "failures": 0},
                "endpoints": {"listing": {"p95_ms": 120.0}, "search": {"p95_ms": 340.0}},
                "capacity": {"capacity_rps": 64.2, "breaks_at_readers": 48},
            }
        )
    )

    assert summary.main([str(tmp_path)]) == 0

    rows = {
        line.split(" | ")[0].lstrip("| "): line
        for line in (tmp_path / "bench-summary.md").read_text().splitlines()
        if line.startswith("| ")
    }
    assert "| 340.0 ms | **no** | 0.80 |" in rows["mixed load: worst endpoint p95"]
    assert "| 64.2 req/s | yes | 0.80 |" in rows["capacity at p95 ≤ 300 ms"]
    assert "not measured (no bench-search.json)" in rows["search API p95"]
    assert "| not measured | — |" in rows["mixed load: WebSocket delivery p95"]
