"""The import contracts of ``[tool.importlinter]`` in pyproject.toml, run as part of the
suite: ``core`` and ``taxonomy`` reach the domain apps only through declared seams, so a
shortcut import fails a test rather than waiting for a reviewer.

import-linter runs in its own process, as ``lint-imports`` does on a command line: inside
the test process other libraries have already patched classes it inspects.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = ROOT / "pyproject.toml"
CORE_SEAM = 'ignore_imports = ["core.health -> search.health"]'


def _lint(config: Path, *contracts: str) -> subprocess.CompletedProcess:
    command = [Path(sys.executable).parent / "lint-imports", "--config", config, "--no-cache"]
    for contract in contracts:
        command += ["--contract", contract]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603


def test_lower_layers_have_import_contracts():
    contracts = tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]["contracts"]
    assert {"core", "taxonomy", "casestudies-models"} <= {contract["id"] for contract in contracts}


def test_every_import_contract_is_kept():
    result = _lint(PYPROJECT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_core_contract_breaks_without_its_declared_seam(tmp_path):
    """The checker really sees core's imports: take away the one declared seam (the
    health report asking ``search.health``) and the contract is broken."""
    text = PYPROJECT.read_text()
    assert CORE_SEAM in text
    without_seam = tmp_path / "pyproject.toml"
    without_seam.write_text(text.replace(CORE_SEAM, ""))
    result = _lint(without_seam, "core")
    assert result.returncode == 1
    assert "core.health -> search.health" in result.stdout
