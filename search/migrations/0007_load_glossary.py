"""Load the glossary the platform ships with (``search/data/glossary.json``) as published
concepts. Concepts link to a theme or sector only if it exists already; ``manage.py
glossary import search/data/glossary.json`` links them once the taxonomy is loaded (the
demo seed does). Concepts that exist are left alone."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "glossary.json"


def load(apps, schema_editor):
    if not DATA.exists():
        return
    Concept = apps.get_model("search", "GlossaryConcept")
    Term = apps.get_model("search", "GlossaryTerm")
    Theme = apps.get_model("taxonomy", "Theme")
    Sector = apps.get_model("taxonomy", "Sector")
    themes = dict(Theme.objects.values_list("slug", "pk"))
    sectors = dict(Sector.objects.values_list("slug", "pk"))
    existing = set(Concept.objects.values_list("key", flat=True))
    terms = []
    for record in json.loads(DATA.read_text(encoding="utf-8")):
        if record["key"] in existing:
            continue
        concept = Concept.objects.create(
            key=record["key"],
            theme_id=themes.get(record.get("theme") or ""),
            sector_id=sectors.get(record.get("sector") or ""),
            description=record.get("description", ""),
            live=True,
        )
        order = 0
        for language in ("en", "fr", "es"):
            for text in record.get(language, []):
                terms.append(
                    Term(concept=concept, language=language, text=text, sort_order=order)
                )
                order += 1
    Term.objects.bulk_create(terms, batch_size=500)


def unload(apps, schema_editor):
    apps.get_model("search", "GlossaryConcept").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0006_glossary_and_stems")]

    operations = [migrations.RunPython(load, unload)]
