"""Case studies on the home page: those editors featured, then the latest."""

from __future__ import annotations

from typing import Any

from core.home import HomeBlock, register

from .models import CaseStudyPage
from .selectors.pages import public_pages, reader_versions

LATEST = 4


def case_studies_block(*, home) -> dict[str, Any]:
    """Featured case studies (in the editors' order) and the latest others, each in the
    reader's language where it exists; only live, public pages (three queries)."""
    chosen = home.featured_page_ids()
    shown = reader_versions(public_pages(CaseStudyPage)).prefetch_related("countries")
    featured = []
    if chosen:
        keys = dict(
            CaseStudyPage.objects.filter(pk__in=chosen).values_list("pk", "translation_key")
        )
        order = {keys[pk]: n for n, pk in enumerate(chosen) if pk in keys}
        featured = sorted(
            shown.filter(translation_key__in=order), key=lambda p: order[p.translation_key]
        )
    latest = list(
        shown.exclude(translation_key__in=[p.translation_key for p in featured]).order_by(
            "-first_published_at", "-pk"
        )[:LATEST]
    )
    return {"featured": featured, "latest": latest}


register(
    HomeBlock(
        "case_studies", "casestudies/includes/home_case_studies.html", case_studies_block, order=10
    )
)
