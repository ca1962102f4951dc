"""The evidence dashboard: response rates and indicator values over time, by country,
sector and role, for one cohort or every cohort of a course.

It runs a fixed number of SQL queries whatever the number of cohorts, respondents or
answers: every figure comes from grouped aggregates (counts and sums), and the
breakdowns are folded together in Python from one grouped query each.

**Small cells are suppressed.** Any figure that rests on fewer than
``MIN_CELL`` respondents is replaced by ``None`` with ``suppressed=True``, so that no
one's answers can be read out of an aggregate.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce

from outcomes.models import (
    FollowUpAnswer,
    FollowUpInvitation,
    FollowUpResponse,
    Indicator,
    Questionnaire,
)
from taxonomy.models import Country, Sector

MIN_CELL = 5
DIMENSIONS = ("country", "sector", "role")


@dataclass
class Cell:
    n: int
    value: float | None = None

    @property
    def suppressed(self) -> bool:
        return self.n < MIN_CELL

    @property
    def shown(self) -> float | None:
        return None if self.suppressed else self.value


@dataclass
class Dashboard:
    time_points: list[int]
    rates: list[dict[str, Any]]
    indicators: list[dict[str, Any]]
    breakdowns: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    cohorts: int = 0


def _count(model, **filters) -> Subquery:
    return Coalesce(
        Subquery(
            model.objects.filter(questionnaire=OuterRef("pk"), **filters)
            .values("questionnaire")
            .annotate(c=Count("pk"))
            .values("c")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def evidence_dashboard(*, group_ids: list[int]) -> Dashboard:
    questionnaires = list(
        Questionnaire.objects.filter(schedule__group_id__in=group_ids)
        .annotate(
            invited=_count(FollowUpInvitation),
            submitted=_count(FollowUpResponse, submitted_at__isnull=False),
        )
        .values("months_after", "invited", "submitted", "schedule__group_id")
    )
    time_points = sorted({q["months_after"] for q in questionnaires})
    invited: dict[int, int] = defaultdict(int)
    submitted: dict[int, int] = defaultdict(int)
    for q in questionnaires:
        invited[q["months_after"]] += q["invited"]
        submitted[q["months_after"]] += q["submitted"]
    rates = []
    for m in time_points:
        cell = Cell(n=submitted[m], value=(submitted[m] / invited[m] * 100) if invited[m] else 0)
        rates.append({"months": m, "invited": invited[m], "submitted": cell})

    submitted_responses = FollowUpResponse.objects.filter(
        questionnaire__schedule__group_id__in=group_ids, submitted_at__isnull=False
    )
    answer_rows = list(
        FollowUpAnswer.objects.filter(
            response__in=submitted_responses, number__isnull=False, indicator__isnull=False
        )
        .values(
            "indicator_id",
            "response__questionnaire__months_after",
            "response__country_id",
            "response__sector_id",
            "response__role",
        )
        .annotate(n=Count("pk"), total=Sum("number"))
        .order_by()
    )
    response_rows = list(
        submitted_responses.values("questionnaire__months_after", "country_id", "sector_id", "role")
        .annotate(n=Count("pk"))
        .order_by()
    )
    indicator_ids = {row["indicator_id"] for row in answer_rows}
    indicators = {
        i.pk: i for i in Indicator.objects.filter(pk__in=indicator_ids).select_related("outcome")
    }
    country_ids = {row["country_id"] for row in response_rows if row["country_id"]}
    sector_ids = {row["sector_id"] for row in response_rows if row["sector_id"]}
    labels = {
        "country": {c.pk: c.label for c in Country.objects.filter(pk__in=country_ids)},
        "sector": {s.pk: s.label for s in Sector.objects.filter(pk__in=sector_ids)},
    }

    def dim_value(row: dict, dim: str, prefix: str = "") -> str:
        if dim == "role":
            return (row[f"{prefix}role"] or "").strip() or "—"
        key = row[f"{prefix}{dim}_id"]
        return labels[dim].get(key, "—") if key else "—"

    # Indicator values over time, overall and per dimension.
    over_time: dict[tuple[int, int], list[float]] = defaultdict(lambda: [0, 0.0])
    by_dim: dict[tuple[str, int, str, int], list[float]] = defaultdict(lambda: [0, 0.0])
    for row in answer_rows:
        m = row["response__questionnaire__months_after"]
        acc = over_time[(row["indicator_id"], m)]
        acc[0] += row["n"]
        acc[1] += row["total"]
        for dim in DIMENSIONS:
            acc = by_dim[(dim, row["indicator_id"], dim_value(row, dim, "response__"), m)]
            acc[0] += row["n"]
            acc[1] += row["total"]

    indicator_list = []
    for indicator in sorted(
        indicators.values(), key=lambda i: (i.outcome.sort_order or 0, i.sort_order or 0, i.pk)
    ):
        cells = []
        for m in time_points:
            n, total = over_time.get((indicator.pk, m), (0, 0.0))
            cells.append({"months": m, "cell": Cell(n=n, value=total / n if n else None)})
        indicator_list.append({"indicator": indicator, "cells": cells})

    responses_by_dim: dict[tuple[str, str, int], int] = defaultdict(int)
    for row in response_rows:
        for dim in DIMENSIONS:
            responses_by_dim[(dim, dim_value(row, dim), row["questionnaire__months_after"])] += row[
                "n"
            ]

    breakdowns: dict[str, list[dict[str, Any]]] = {}
    for dim in DIMENSIONS:
        values = sorted({key[1] for key in responses_by_dim if key[0] == dim})
        rows = []
        for value in values:
            rows.append(
                {
                    "value": value,
                    "respondents": [
                        Cell(n=responses_by_dim.get((dim, value, m), 0)) for m in time_points
                    ],
                    "indicators": [
                        {
                            "indicator": item["indicator"],
                            "cells": [
                                _mean_cell(by_dim.get((dim, item["indicator"].pk, value, m)))
                                for m in time_points
                            ],
                        }
                        for item in indicator_list
                    ],
                }
            )
        breakdowns[dim] = rows
    return Dashboard(
        time_points=time_points,
        rates=rates,
        indicators=indicator_list,
        breakdowns=breakdowns,
        cohorts=len({q["schedule__group_id"] for q in questionnaires}),
    )


def _mean_cell(acc) -> Cell:
    if not acc:
        return Cell(n=0)
    n, total = acc
    return Cell(n=n, value=total / n if n else None)


def dashboard_csv_rows(dashboard: Dashboard, *, suppressed_label: str) -> list[list[str]]:
    """The dashboard as flat rows; suppressed cells say so instead of a number."""

    def fmt(cell: Cell) -> str:
        if cell.suppressed:
            return suppressed_label
        return "" if cell.value is None else f"{cell.value:.2f}"

    rows = [["section", "months_after", "indicator", "dimension", "group", "respondents", "value"]]
    for rate in dashboard.rates:
        cell = rate["submitted"]
        rows.append(
            [
                "response_rate",
                str(rate["months"]),
                "",
                "",
                "",
                suppressed_label if cell.suppressed else str(cell.n),
                fmt(cell),
            ]
        )
    for item in dashboard.indicators:
        for c in item["cells"]:
            cell = c["cell"]
            rows.append(
                [
                    "indicator",
                    str(c["months"]),
                    item["indicator"].name,
                    "",
                    "",
                    suppressed_label if cell.suppressed else str(cell.n),
                    fmt(cell),
                ]
            )
    for dim, dim_rows in dashboard.breakdowns.items():
        for row in dim_rows:
            for item in row["indicators"]:
                for m, cell in zip(dashboard.time_points, item["cells"], strict=True):
                    rows.append(
                        [
                            "breakdown",
                            str(m),
                            item["indicator"].name,
                            dim,
                            row["value"],
                            suppressed_label if cell.suppressed else str(cell.n),
                            fmt(cell),
                        ]
                    )
    return rows
