"""Load every ISO 3166-1 country with its UN M49 region, sub-region and intermediate region.

The data ships in ``taxonomy/data/`` so that the migration gives the same result on every
machine, whatever version of any library is installed.
"""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


def load(apps, schema_editor):
    Region = apps.get_model("taxonomy", "Region")
    Country = apps.get_model("taxonomy", "Country")
    with (DATA / "regions.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    regions = {}
    # Parents first: regions, then sub-regions, then intermediate regions.
    for level in ("region", "subregion", "intermediate"):
        for row in rows:
            if row["level"] != level:
                continue
            regions[row["code"]], _ = Region.objects.update_or_create(
                code=row["code"],
                defaults={
                    "name": row["name"],
                    "translations": {"fr": row["name_fr"], "es": row["name_es"]},
                    "level": level,
                    "parent": regions.get(row["parent_code"]),
                },
            )
    with (DATA / "countries.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            Country.objects.update_or_create(
                code=row["iso2"],
                defaults={
                    "iso3": row["iso3"],
                    "numeric": row["numeric"],
                    "name": row["name"],
                    "translations": {"fr": row["name_fr"], "es": row["name_es"]},
                    "region": regions.get(row["region_code"]),
                    "subregion": regions.get(row["subregion_code"]),
                    "intermediate_region": regions.get(row["intermediate_region_code"]),
                },
            )


def unload(apps, schema_editor):
    apps.get_model("taxonomy", "Country").objects.all().delete()
    apps.get_model("taxonomy", "Region").objects.filter(level="intermediate").delete()
    apps.get_model("taxonomy", "Region").objects.filter(level="subregion").delete()
    apps.get_model("taxonomy", "Region").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
