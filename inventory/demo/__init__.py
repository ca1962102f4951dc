"""Demo inventory: real training activities, handbooks and tools, and GFMD recommendations.

The data files are in the import format, and seeding goes through the import service, so
the demo exercises the same path as an editor's upload and stays idempotent (records are
matched on their external id; unchanged ones are left alone).
"""

from pathlib import Path

from inventory.services import inventory_import

DATA = Path(__file__).resolve().parent


def seed(*, stdout) -> None:
    for name in ("inventory_items.json", "recommendations.json"):
        with (DATA / name).open("rb") as fileobj:
            result = inventory_import(fileobj=fileobj, fmt="json")
        stdout.write(f"{name}: {result.summary()}")
