"""Demo taxonomy: the field's themes, sectors, audiences and real organisations.

Themes, sectors and audiences carry their French and Spanish names (``translations``),
so facets and filters read in the visitor's language; organisations keep their own
official names."""

import json
from pathlib import Path

from taxonomy.models import Audience, Country, Organisation, Sector, Theme

DATA = Path(__file__).resolve().parent.parent / "data" / "taxonomy.json"


def seed(*, stdout) -> None:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    for model, key in ((Theme, "themes"), (Sector, "sectors"), (Audience, "audiences")):
        for row in data[key]:
            model.objects.update_or_create(
                slug=row["slug"],
                defaults={
                    "name": row["name"],
                    "translations": row.get("translations") or {},
                    "description": row.get("description", ""),
                },
            )
    countries = {c.code: c for c in Country.objects.all()}
    for row in data["organisations"]:
        Organisation.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name"],
                "acronym": row.get("acronym") or "",
                "url": row.get("url") or "",
                "country": countries.get(row.get("country") or ""),
            },
        )
    stdout.write(
        f"Taxonomy ready: {Theme.objects.count()} themes, {Sector.objects.count()} sectors, "
        f"{Audience.objects.count()} audiences, {Organisation.objects.count()} organisations."
    )
