"""Add the UN M49 "World" area (code 001) to the Region table.

Inventory items open to every country (online courses, global handbooks) target it; the
country and region filters treat it as containing every country. It has no parent and no
country points at it, so nothing in the taxonomy's own hierarchy changes.
"""

from django.db import migrations

WORLD = {"name": "World", "translations": {"fr": "Monde", "es": "Mundo"}, "level": "region"}


def add_world(apps, schema_editor):
    Region = apps.get_model("taxonomy", "Region")
    Region.objects.get_or_create(code="001", defaults=WORLD)


def remove_world(apps, schema_editor):
    Region = apps.get_model("taxonomy", "Region")
    InventoryItem = apps.get_model("inventory", "InventoryItem")
    if not InventoryItem.target_regions.through.objects.filter(region__code="001").exists():
        Region.objects.filter(code="001").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("inventory", "0001_initial"),
        ("taxonomy", "0002_load_countries_and_regions"),
    ]
    operations = [migrations.RunPython(add_world, remove_world)]
