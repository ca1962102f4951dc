from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from outcomes.selectors.frameworks import frameworks_for
from outcomes.selectors.lineage import home_region

register = template.Library()


@register.inclusion_tag("includes/results_framework.html")
def results_framework(obj):
    """``{% results_framework item %}`` on an inventory item or a case-study page."""
    return {"frameworks": frameworks_for(obj)}


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
