"""*Related* on a case study, inventory item or recommendation page.

Editors' own links come first (they know best); the rest is found by the active
backend — Elasticsearch's more_like_this boosted by shared taxonomy, or shared taxonomy
alone on the database — and each item says briefly why it is related.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext as _

from .registry import searchable_for
from .results import Related, RelatedItem
from .visibility import document_visible, visible_group_ids


def chosen_links(obj: models.Model, *, viewer, per_section: int) -> dict[str, list[RelatedItem]]:
    """The editor-chosen links the viewer may see, by type (published and visible only:
    a link to a draft or to a private group's content is not shown)."""
    searchable = searchable_for(obj)
    visible = visible_group_ids(viewer)
    chosen: dict[str, list[RelatedItem]] = {}
    by_type: dict[str, list[models.Model]] = {}
    for linked in searchable.editor_links(obj):
        linked_searchable = searchable_for(linked)
        if linked_searchable is not None:
            by_type.setdefault(linked_searchable.type, []).append(linked)
    for type_name, objects in by_type.items():
        linked_searchable = searchable_for(objects[0])
        indexable = linked_searchable.get_queryset().filter(pk__in=[o.pk for o in objects])
        for linked in indexable:
            doc = linked_searchable.document(linked)
            if not document_visible(
                group_id=doc.group_id, group_public=doc.group_public, visible=visible
            ):
                continue
            items = chosen.setdefault(type_name, [])
            if len(items) < per_section:
                items.append(
                    RelatedItem(
                        type=type_name,
                        id=doc.id,
                        title=doc.title,
                        url=doc.url,
                        type_label=str(linked_searchable.label),
                        reasons=[str(_("Chosen by the editors"))],
                        chosen=True,
                        translation_key=doc.key,
                    )
                )
    return chosen


def related_for(handle, obj: models.Model, *, viewer, per_section: int = 5) -> Related:
    searchable = searchable_for(obj)
    if searchable is None:
        return Related(sections=[], backend=handle.configured_name)
    # The declaration's queryset prefetches what a document needs (countries with their
    # regions, themes…), so building it costs the same few queries however rich obj is.
    prefetched = searchable.get_queryset().filter(pk=obj.pk).first() or obj
    document = searchable.document(prefetched)
    chosen = chosen_links(obj, viewer=viewer, per_section=per_section)
    related, fell_back = handle._ask(
        "related",
        document,
        chosen,
        viewer,
        types=searchable.related_types,
        per_section=per_section,
    )
    related.incomplete = related.incomplete or fell_back
    return related
