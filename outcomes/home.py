"""Outcomes on the home page: what the platform has achieved (public aggregate figures),
and for a member the follow-ups they have to answer and the needs they endorsed."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from casestudies.models import CaseStudyPage
from casestudies.selectors.pages import public_pages
from core.home import PERSONAL, HomeBlock, register

from .links import make_token
from .models import Certificate, FollowUpResponse, Need
from .selectors.followup import follow_ups_due
from .selectors.needs import need_list

SHOWN = 5


def evidence_block(*, home) -> dict[str, Any]:
    """Counts, never content: certificates in force, follow-up answers sent, published
    adaptations of a published case study, needs met (four queries)."""
    published = public_pages(CaseStudyPage)
    return {
        "certificates": Certificate.objects.filter(
            kind=Certificate.Kind.CERTIFICATE, revoked_at__isnull=True
        ).count(),
        "answers": FollowUpResponse.objects.filter(submitted_at__isnull=False).count(),
        "replications": published.filter(adapted_from__in=published.values("pk"))
        .values("translation_key")
        .distinct()
        .count(),
        "needs": Need.objects.aggregate(
            met=Count("pk", filter=Q(status=Need.Status.MET)),
            open=Count("pk", filter=Q(status=Need.Status.OPEN)),
        ),
    }


def my_follow_ups_block(*, viewer) -> dict[str, Any]:
    due = follow_ups_due(viewer=viewer, today=timezone.localdate())
    return {
        "due": [
            {
                "invitation": inv,
                "link": reverse("outcomes:answer", kwargs={"token": make_token(inv)}),
            }
            for inv in due[:SHOWN]
        ]
    }


def my_needs_block(*, viewer) -> dict[str, Any]:
    endorsed = need_list(viewer=viewer).filter(endorsements__user=viewer)
    return {"endorsed": list(endorsed[:SHOWN])}


register(HomeBlock("evidence", "outcomes/includes/home_evidence.html", evidence_block, order=60))
register(
    HomeBlock(
        "my_follow_ups",
        "outcomes/includes/home_my_follow_ups.html",
        my_follow_ups_block,
        kind=PERSONAL,
        order=30,
    )
)
register(
    HomeBlock(
        "my_needs",
        "outcomes/includes/home_my_needs.html",
        my_needs_block,
        kind=PERSONAL,
        order=50,
    )
)
