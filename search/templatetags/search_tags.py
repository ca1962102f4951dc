"""``{% related_items obj %}``: the *Related* block for case study, inventory item and
recommendation pages. The pages of other apps call it; they never query search."""

from __future__ import annotations

import logging

from django import template

from ..backends import get_search_backend
from ..caching import cached_related
from ..registry import searchable_for

logger = logging.getLogger(__name__)
register = template.Library()


@register.inclusion_tag("search/includes/related.html", takes_context=True)
def related_items(context, obj, per_section: int = 5) -> dict:
    request = context.get("request")
    viewer = getattr(request, "user", None)
    backend = get_search_backend()
    searchable = searchable_for(obj)
    if searchable is None or obj.pk is None or getattr(request, "is_preview", False):
        # A preview shows the draft's own editorial links: never a cached answer.
        related = backend.related(obj, viewer=viewer, per_section=per_section)
    else:
        related = cached_related(
            type_name=searchable.type,
            pk=obj.pk,
            viewer=viewer,
            per_section=per_section,
            compute=lambda: backend.related(obj, viewer=viewer, per_section=per_section),
        )
    return {"related": related, "request": request}
