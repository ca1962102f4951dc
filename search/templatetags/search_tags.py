"""``{% related_items obj %}``: the *Related* block for case study, inventory item and
recommendation pages. The pages of other apps call it; they never query search."""

from __future__ import annotations

import logging

from django import template

from ..backends import get_search_backend

logger = logging.getLogger(__name__)
register = template.Library()


@register.inclusion_tag("search/includes/related.html", takes_context=True)
def related_items(context, obj, per_section: int = 5) -> dict:
    request = context.get("request")
    viewer = getattr(request, "user", None)
    related = get_search_backend().related(obj, viewer=viewer, per_section=per_section)
    return {"related": related, "request": request}
