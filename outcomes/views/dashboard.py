"""The evidence dashboard for organisers and editors, and its CSV export."""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from inventory.models import InventoryItem
from outcomes.charts import bar_chart
from outcomes.selectors import access
from outcomes.selectors.dashboard import dashboard_csv_rows, evidence_dashboard
from outcomes.selectors.followup import answer_rows, individual_responses

DASHBOARD_IS_FOR_ORGANISERS = gettext_lazy(
    "The evidence dashboard is for the organisers of a cohort — the owners and moderators "
    "of its alumni network — and for editors."
)

DIMENSION_LABELS = {
    "country": gettext_lazy("Country"),
    "sector": gettext_lazy("Sector"),
    "role": gettext_lazy("Role"),
}


@login_required
@require_GET
def dashboard_index(request: HttpRequest) -> HttpResponse:
    cohorts = list(access.dashboard_cohorts(viewer=request.user).select_related("course"))
    if not cohorts and not access.is_editor(request.user):
        raise PermissionDenied(DASHBOARD_IS_FOR_ORGANISERS)
    courses = {g.course for g in cohorts if g.course}
    return render(
        request,
        "outcomes/dashboard_index.html",
        {"cohorts": cohorts, "courses": sorted(courses, key=lambda c: c.title)},
    )


def _context(dashboard, *, title: str, subject) -> dict:
    rate_chart = bar_chart(
        [
            (
                _("%(m)s months") % {"m": r["months"]},
                r["submitted"].shown,
                _("fewer than 5")
                if r["submitted"].suppressed
                else f"{r['submitted'].value:.0f}% ({r['submitted'].n}/{r['invited']})",
            )
            for r in dashboard.rates
        ],
        maximum=100,
        title=_("Response rate by time point"),
    )
    indicator_charts = []
    for item in dashboard.indicators:
        values = [c["cell"].shown for c in item["cells"]]
        target = item["indicator"].target
        maximum = max([v for v in values if v is not None] + [target or 0, 1])
        indicator_charts.append(
            {
                "item": item,
                "id": f"ind-{item['indicator'].pk}",
                "chart": bar_chart(
                    [
                        (
                            _("%(m)s months") % {"m": c["months"]},
                            c["cell"].shown,
                            _("fewer than 5")
                            if c["cell"].suppressed
                            else f"{c['cell'].value:.1f} (n={c['cell'].n})",
                        )
                        for c in item["cells"]
                    ],
                    maximum=maximum,
                    title=item["indicator"].name,
                    target=target,
                ),
            }
        )
    return {
        "dashboard": dashboard,
        "title": title,
        "subject": subject,
        "rate_chart": rate_chart,
        "indicator_charts": indicator_charts,
        "dimensions": [(DIMENSION_LABELS[d], rows) for d, rows in dashboard.breakdowns.items()],
    }


def _csv(dashboard, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    for row in dashboard_csv_rows(dashboard, suppressed_label=_("fewer than 5")):
        writer.writerow(row)
    return response


@login_required
@require_GET
def cohort_dashboard(request: HttpRequest, slug: str, fmt: str = "html") -> HttpResponse:
    group = access.organised_cohort(viewer=request.user, slug=slug)
    dashboard = evidence_dashboard(group_ids=[group.pk])
    if fmt == "csv":
        return _csv(dashboard, f"evidence-{group.slug}.csv")
    context = _context(dashboard, title=group.name, subject=group)
    context["group"] = group
    context["can_see_individuals"] = access.can_view_individual_answers(
        viewer=request.user, group=group
    )
    return render(request, "outcomes/dashboard.html", context)


@login_required
@require_GET
def course_dashboard(request: HttpRequest, external_id: str, fmt: str = "html") -> HttpResponse:
    course = get_object_or_404(InventoryItem, external_id=external_id)
    cohorts = [g for g in access.dashboard_cohorts(viewer=request.user) if g.course_id == course.pk]
    if not cohorts:
        raise PermissionDenied(DASHBOARD_IS_FOR_ORGANISERS)
    dashboard = evidence_dashboard(group_ids=[g.pk for g in cohorts])
    if fmt == "csv":
        return _csv(dashboard, f"evidence-{course.external_id}.csv")
    context = _context(dashboard, title=course.title, subject=course)
    context["cohorts"] = cohorts
    return render(request, "outcomes/dashboard.html", context)


@login_required
@require_GET
def cohort_responses(request: HttpRequest, slug: str) -> HttpResponse:
    group = access.organised_cohort(viewer=request.user, slug=slug)
    if not access.can_view_individual_answers(viewer=request.user, group=group):
        raise PermissionDenied(
            _(
                "Individual answers are for the organisers of the cohort only; editors "
                "see the evidence dashboard's totals."
            )
        )
    responses = [{"response": r, "rows": answer_rows(r)} for r in individual_responses(group=group)]
    return render(
        request, "outcomes/cohort_responses.html", {"group": group, "responses": responses}
    )
