"""Demo inventory: real training activities, handbooks and tools, and GFMD recommendations.

The data files are in the import format, and seeding goes through the import service, so
the demo exercises the same path as an editor's upload and stays idempotent (records are
matched on their external id; unchanged ones are left alone).
"""

import json
from pathlib import Path

from wagtail.models import Locale

from inventory.models import InventoryItem
from inventory.services import inventory_import

DATA = Path(__file__).resolve().parent


def _seed_translations() -> int:
    """French and Spanish versions of a few items (``translations.json``), made as
    simple_translation's "Translate" makes them: a copy in the locale, then published.
    Matched by (external id, locale), updated only when the text changed."""
    rows = json.loads((DATA / "translations.json").read_text(encoding="utf-8"))
    originals = {
        i.external_id: i for i in InventoryItem.objects.originals().filter(external_id__in=rows)
    }
    count = 0
    for external_id, languages in rows.items():
        original = originals.get(external_id)
        if original is None:
            continue
        for code, fields in languages.items():
            locale, _created = Locale.objects.get_or_create(language_code=code)
            copy = InventoryItem.objects.filter(
                translation_key=original.translation_key, locale=locale
            ).first()
            if copy is None:
                copy = original.copy_for_translation(locale)
                copy.live = False
            changed = any(getattr(copy, key) != value for key, value in fields.items())
            for key, value in fields.items():
                setattr(copy, key, value)
            if changed or not copy.live:
                copy.save()
                copy.save_revision().publish()
            count += 1
    return count


def seed(*, stdout) -> None:
    for name in ("inventory_items.json", "recommendations.json"):
        with (DATA / name).open("rb") as fileobj:
            result = inventory_import(fileobj=fileobj, fmt="json")
        stdout.write(f"{name}: {result.summary()}")
    stdout.write(f"Inventory translations ready: {_seed_translations()}.")
