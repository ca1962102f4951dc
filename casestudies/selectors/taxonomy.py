"""The taxonomy as the section's pages show it: every country, region, sector, theme and
organisation, read once and cached under the ``taxonomy`` version, which any change to
a taxonomy row replaces (connected in ``casestudies.apps``).

A listing or a case study then asks the database only *which* terms a page carries
(through-table ids, several relations in one query) and takes the terms themselves,
labels and translations included, from here. Labels are translated when read
(``TranslatedNameMixin.label``), so the cached rows serve every language. Rows keep
the model's order (``Meta.ordering``: by name, in the database's collation), which
is the order the pages list them in.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import F, Model, QuerySet, Value

from core.versioned import family
from taxonomy.models import Country, Region

TAXONOMY = family("taxonomy")


def _load(model: type[Model]) -> dict[int, Any]:
    qs = model.objects.all()
    if model is Country:
        qs = qs.select_related("region", "subregion")
    elif model is Region:
        qs = qs.select_related("parent")
    return {row.pk: row for row in qs}


def taxonomy_rows(model: type[Model], wanted: Iterable[int] = ()) -> dict[int, Any]:
    """Every row of ``model`` by id, in the model's order. When an id in ``wanted`` is
    not there (a row added by a transaction whose version bump this process has not
    seen yet), the rows are read again rather than the term dropped."""
    rows = TAXONOMY.get_or_set(model._meta.label_lower, lambda: _load(model))
    if any(pk not in rows for pk in wanted):
        rows = _load(model)
    return rows


def in_order(model: type[Model], ids: Iterable[int]) -> list[Any]:
    """The rows with these ids, in the model's order."""
    wanted = set(ids)
    rows = taxonomy_rows(model, wanted)
    return [row for pk, row in rows.items() if pk in wanted]


def page_terms(
    through_fields: dict[str, tuple[QuerySet, str]], page_ids: Iterable[int]
) -> dict[str, dict[int, list[int]]]:
    """``{relation: {page_id: [term ids]}}`` for many-to-many relations of pages, in one
    query: ``through_fields`` maps a relation's name to (its through model's queryset,
    the term's id column)."""
    page_ids = list(page_ids)
    found: dict[str, dict[int, list[int]]] = {name: {} for name in through_fields}
    if not page_ids:
        return found
    parts = [
        qs.filter(casestudypage_id__in=page_ids)
        .annotate(relation=Value(name), term=F(column))
        .values_list("relation", "casestudypage_id", "term")
        .order_by()
        for name, (qs, column) in through_fields.items()
    ]
    first, *rest = parts
    for relation, page_id, term in first.union(*rest, all=True) if rest else first:
        found[relation].setdefault(page_id, []).append(term)
    return found


def connect() -> None:
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save

    for model in apps.get_app_config("taxonomy").get_models():
        uid = f"taxonomy-cache-{model._meta.label_lower}"
        post_save.connect(TAXONOMY.bump, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(TAXONOMY.bump, sender=model, dispatch_uid=f"{uid}-delete")
