from django.conf import settings
from django.http import HttpRequest


def site_chrome(request: HttpRequest) -> dict:
    """What the base layout needs on every page."""
    return {
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
        "search_query": request.GET.get("q", "")[:200] if request.method == "GET" else "",
    }
