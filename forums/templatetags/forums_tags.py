from django import template
from django.urls import NoReverseMatch

register = template.Library()


@register.filter
def link_url(obj) -> str:
    """The URL of a linked case study, inventory item or recommendation, or "" while the
    app that serves it is not installed (pages render either way)."""
    if obj is None:
        return ""
    try:
        url = getattr(obj, "url", None) or obj.get_absolute_url()
    except (NoReverseMatch, AttributeError):
        return ""
    return url or ""
