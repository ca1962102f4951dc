"""Search reaches the domain apps only through its declared seams (``search.visibility``
for who may see what, ``community.events`` for privacy changes): the import-linter
contract ``search-seam`` in ``pyproject.toml`` fails otherwise.

``lint-imports`` runs in its own process: in-process, its contract classes trip over
attributes other test plugins add to classes."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_search_imports_domain_apps_only_through_its_seams():
    command = [
        str(Path(sys.executable).parent / "lint-imports"),
        "--contract",
        "search-seam",
        "--no-cache",
    ]

    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603

    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout
