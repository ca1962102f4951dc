"""Page benchmark: SQL queries of the case-study page and the listing, and the anonymous
page served from the cache, on the demo content.

Measures, through Django's test client on a fresh PostgreSQL database seeded with
``seed_demo``:
- the SQL queries of a case-study page (the one with the most comments) and of the
  listing with a filter, for a signed-in member (no page cache: a member's page is
  never cached) — after one warm-up request, as a steady server would see them;
- an anonymous page served from the page cache: its SQL queries and its time in the
  process (p50/p95 of 200 requests), for the home page, the listing and a case study.

    .venv/bin/python tests/bench/bench_pages.py

Writes reports/bench-pages.json.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.harness import percentile, setup_django, write_report  # noqa: E402

setup_django(database="commons_bench_pages")

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

REPEAT = 200
LISTING = "/case-studies/?theme=remittances"


def queries(client: Client, url: str) -> tuple[int, int]:
    """The status and the SQL queries of a request made after a warm-up request."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response.status_code, len(captured.captured_queries)


def cached(url: str) -> dict:
    client = Client()
    client.get(url)  # fills the cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    samples = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
    return {
        "status": response.status_code,
        "queries": len(captured.captured_queries),
        "from_cache": response.headers.get("X-Page-Cache", ""),
        "p50_ms": round(statistics.median(samples), 2),
        "p95_ms": round(percentile(samples, 95), 2),
    }


def main() -> None:
    from casestudies.models import CaseStudyPage

    call_command("seed_demo", verbosity=0)
    from django_comments_xtd.models import XtdComment

    pages = CaseStudyPage.objects.live().filter(locale__language_code="en")
    most = (
        XtdComment.objects.filter(
            object_pk__in=[str(pk) for pk in pages.values_list("pk", flat=True)]
        )
        .values("object_pk")
        .annotate(n=Count("pk"))
        .order_by("-n", "object_pk")
        .first()
    )
    page = pages.get(pk=int(most["object_pk"])) if most else pages.order_by("pk").first()
    member = get_user_model().objects.get(email="member@practice-commons.test")
    client = Client()
    client.force_login(member)
    figures: dict = {"case_study": page.url, "listing": LISTING}

    with override_settings(PAGE_CACHE_ENABLED=True):
        cache.clear()
        page_status, page_queries = queries(client, page.url)
        listing_status, listing_queries = queries(client, LISTING)
        assert page_status == listing_status == 200, (page_status, listing_status)
        figures["sql_queries"] = {"case_study_page": page_queries, "listing": listing_queries}

        pages = {"home": "/", "listing": LISTING, "case_study": page.url}
        figures["cached_pages"] = {name: cached(url) for name, url in pages.items()}
    # The headline: the worst of the three.
    rows = figures["cached_pages"].values()
    figures["cached_page"] = {
        "queries": max(row["queries"] for row in rows),
        "ms": max(row["p95_ms"] for row in rows),
    }
    write_report("pages", figures)


if __name__ == "__main__":
    main()
