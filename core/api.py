from rest_framework.pagination import PageNumberPagination


class CappedPageNumberPagination(PageNumberPagination):
    """Clients choose a page size with ``page_size`` but never more than 100."""

    page_size_query_param = "page_size"
    max_page_size = 100


def only_public_api(endpoints: list) -> list:
    """drf-spectacular preprocessing hook: document only ``/api/v1/``, not Wagtail's
    internal admin API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
