from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from outcomes.selectors.lineage import home_region
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


@register.inclusion_tag("outcomes/includes/my_region_link.html", takes_context=True)
def replicated_in_my_region(context, target: str = "search"):
    """``{% replicated_in_my_region %}``: one click to the practices replicated in the
    region of the signed-in member's country (nothing for visitors or members who have
    not given a country). ``target`` is ``search`` (the search page's "Replicated in"
    facet) or ``replications`` (the lineage list's region filter)."""
    request = context.get("request")
    region = home_region(viewer=getattr(request, "user", None))
    if region is None:
        return {"region": None}
    if target == "replications":
        url = reverse("outcomes:replications") + "?" + urlencode({"region": region.code})
    else:
        url = (
            reverse("search:search")
            + "?"
            + urlencode({"type": "casestudy", "replicated_in": region.code})
        )
    selected = region.code in (request.GET.getlist("replicated_in") + request.GET.getlist("region"))
    return {"region": region, "url": url, "selected": selected}
