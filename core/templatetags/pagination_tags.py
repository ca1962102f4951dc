from django import template
from django.core.paginator import Page

register = template.Library()


@register.inclusion_tag("components/pagination.html")
def pagination(page_obj: Page, querystring: str = "") -> dict:
    """Previous/next and a windowed list of page numbers (1 2 … 7 8 9 … 500), so that a
    query with thousands of results still gets a short, keyboard-friendly navigation."""
    return {
        "page_obj": page_obj,
        "querystring": querystring,
        "page_range": page_obj.paginator.get_elided_page_range(
            page_obj.number, on_each_side=2, on_ends=1
        ),
        "ellipsis": page_obj.paginator.ELLIPSIS,
    }
