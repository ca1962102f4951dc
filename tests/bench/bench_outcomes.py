"""Evidence dashboard over 10,000 follow-up responses across 50 cohorts.

Builds the data with bulk inserts on a fresh database, then times
``evidence_dashboard`` for one course (all 50 cohorts) and for single cohorts, counting
SQL queries; prints the figures and writes reports/bench-outcomes.json.

    .venv/bin/python tests/bench/bench_outcomes.py
"""

from __future__ import annotations

import datetime
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.harness import setup_django, summary_ms, write_report  # noqa: E402

COHORTS = 50
ALUMNI_PER_COHORT = 67  # 50 × 67 × 3 time points ≈ 10,050 invitations
TIME_POINTS = (3, 6, 12)
RESPONSES = 10_000
RUNS = 30


def build():
    from django.utils import timezone

    from community.models import Group, Membership, User
    from inventory.models import InventoryItem
    from outcomes.models import (
        FollowUpAnswer,
        FollowUpInvitation,
        FollowUpResponse,
        FollowUpSchedule,
        Indicator,
        Outcome,
        Questionnaire,
        QuestionnaireVersion,
        ResultsFramework,
    )
    from taxonomy.models import Country, Sector

    rng = random.Random(9)
    now = timezone.now()
    course = InventoryItem.objects.create(
        external_id="bench-course", title="Bench course", kind="course", live=True
    )
    framework = ResultsFramework.objects.create(title="Bench", inventory_item=course)
    indicators = []
    for level, names in (
        ("individual", ["Plan implemented", "People trained"]),
        ("organisational", ["Procedures revised"]),
    ):
        outcome = Outcome.objects.create(framework=framework, level=level, statement=level)
        for name in names:
            indicators.append(
                Indicator.objects.create(outcome=outcome, name=name, min_value=0, max_value=100)
            )
    questions = [
        {
            "key": f"ind-{i.pk}",
            "kind": "number",
            "label": i.name,
            "indicator": i.pk,
            "min": 0,
            "max": 100,
            "required": True,
        }
        for i in indicators
    ] + [{"key": "applied", "kind": "text", "label": "Applied?", "required": False}]
    countries = list(Country.objects.order_by("code")[:20])
    sectors = [Sector.objects.create(name=f"Sector {n}", slug=f"sector-{n}") for n in range(6)]
    roles = ["Officer", "Director", "Trainer", "Analyst", "Inspector"]

    users = User.objects.bulk_create(
        [
            User(email=f"alum{n}@bench.test", handle=f"alum{n}")
            for n in range(COHORTS * ALUMNI_PER_COHORT)
        ]
    )
    groups = Group.objects.bulk_create(
        [
            Group(
                name=f"Cohort {n}",
                slug=f"cohort-{n}",
                kind="alumni_network",
                course=course,
                cohort_year=2020 + n % 5,
            )
            for n in range(COHORTS)
        ]
    )
    Membership.objects.bulk_create(
        [
            Membership(group=g, user=users[gi * ALUMNI_PER_COHORT + k])
            for gi, g in enumerate(groups)
            for k in range(ALUMNI_PER_COHORT)
        ]
    )
    invitations, responses_spec = [], []
    for gi, g in enumerate(groups):
        schedule = FollowUpSchedule.objects.create(
            group=g, framework=framework, course_end=datetime.date(2024, 1, 31)
        )
        for m in TIME_POINTS:
            q = Questionnaire.objects.create(
                schedule=schedule,
                months_after=m,
                title=f"{g.name} {m}",
                due_on=datetime.date(2024, 1, 31) + datetime.timedelta(days=30 * m),
            )
            v = QuestionnaireVersion.objects.create(questionnaire=q, number=1, questions=questions)
            for k in range(ALUMNI_PER_COHORT):
                user = users[gi * ALUMNI_PER_COHORT + k]
                invitations.append(
                    FollowUpInvitation(
                        questionnaire=q, respondent=user, sent_at=now, last_message_at=now
                    )
                )
                responses_spec.append((q, v, user))
    FollowUpInvitation.objects.bulk_create(invitations, batch_size=5000)
    rng.shuffle(responses_spec)
    responses = FollowUpResponse.objects.bulk_create(
        [
            FollowUpResponse(
                questionnaire=q,
                version=v,
                respondent=u,
                country=rng.choice(countries),
                sector=rng.choice(sectors),
                role=rng.choice(roles),
                submitted_at=now,
            )
            for q, v, u in responses_spec[:RESPONSES]
        ],
        batch_size=5000,
    )
    answers = []
    for r in responses:
        for i in indicators:
            answers.append(
                FollowUpAnswer(
                    response=r, key=f"ind-{i.pk}", indicator=i, number=rng.randint(0, 100)
                )
            )
    FollowUpAnswer.objects.bulk_create(answers, batch_size=10_000)
    return groups, len(responses), len(answers)


def main() -> None:
    setup_django(database="commons_bench_outcomes")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from outcomes.selectors.dashboard import evidence_dashboard

    started = time.perf_counter()
    groups, n_responses, n_answers = build()
    build_s = time.perf_counter() - started
    all_ids = [g.pk for g in groups]

    def measure(ids):
        samples, queries = [], set()
        for _ in range(RUNS):
            with CaptureQueriesContext(connection) as ctx:
                t = time.perf_counter()
                evidence_dashboard(group_ids=ids)
                samples.append(time.perf_counter() - t)
            queries.add(len(ctx.captured_queries))
        return samples, sorted(queries)

    course_samples, course_queries = measure(all_ids)
    cohort_samples, cohort_queries = measure([all_ids[0]])
    write_report(
        "outcomes",
        {
            "cohorts": len(groups),
            "responses": n_responses,
            "answers": n_answers,
            "build_seconds": round(build_s, 1),
            "course_dashboard": {**summary_ms(course_samples), "sql_queries": course_queries},
            "cohort_dashboard": {**summary_ms(cohort_samples), "sql_queries": cohort_queries},
        },
    )


if __name__ == "__main__":
    main()
