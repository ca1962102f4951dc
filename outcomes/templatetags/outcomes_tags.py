from __future__ import annotations

from django import template

from outcomes.views.frameworks import framework_queryset

register = template.Library()


@register.inclusion_tag("includes/results_framework.html")
def results_framework(obj):
    """``{% results_framework item %}`` on an inventory item or a case-study page."""
    if obj is None:
        frameworks = []
    elif obj._meta.model_name == "inventoryitem":
        frameworks = list(framework_queryset().filter(inventory_item=obj))
    else:
        frameworks = list(framework_queryset().filter(case_study_id=obj.pk))
    return {"frameworks": frameworks}
