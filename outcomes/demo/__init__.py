"""Demo content for the outcomes app: results frameworks on a few courses and case
studies, a follow-up plan for the 2024 Labour Migration Academy alumni (when the
community seeder has created that network), capacity needs with endorsements, and one
certificate. Idempotent: everything is looked up by a natural key before it is made."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.contrib.auth import get_user_model

from casestudies.models import CaseStudyPage
from community.models import Group, Membership
from inventory.models import InventoryItem
from outcomes import credentials, services
from outcomes.models import Certificate, Indicator, Need, Outcome, ResultsFramework
from taxonomy.models import Audience, Country, Sector, Theme

DATA = json.loads((Path(__file__).parent / "outcomes.json").read_text())


def _framework(spec: dict) -> ResultsFramework | None:
    if spec.get("course"):
        subject = {
            "inventory_item": InventoryItem.objects.filter(external_id=spec["course"]).first()
        }
    else:
        subject = {"case_study": CaseStudyPage.objects.filter(slug=spec["case_study"]).first()}
    if next(iter(subject.values())) is None:
        return None
    framework, created = ResultsFramework.objects.get_or_create(
        **subject, defaults={"title": spec["title"], "description": spec["description"]}
    )
    if created:
        for n, outcome_spec in enumerate(spec["outcomes"]):
            outcome = Outcome.objects.create(
                framework=framework,
                level=outcome_spec["level"],
                statement=outcome_spec["statement"],
                sort_order=n,
            )
            for m, ind in enumerate(outcome_spec["indicators"]):
                Indicator.objects.create(outcome=outcome, sort_order=m, **ind)
    return framework


def seed(*, stdout) -> None:
    User = get_user_model()
    frameworks = [f for f in (_framework(s) for s in DATA["frameworks"]) if f]
    member = User.objects.filter(email="member@practice-commons.test").first()
    editor = User.objects.filter(email="editor@practice-commons.test").first()
    admin = User.objects.filter(email="admin@practice-commons.test").first()

    scheduled = 0
    group = Group.objects.filter(slug=DATA["follow_up"]["group"]).first()
    if group is not None and admin is not None:
        Membership.objects.get_or_create(
            group=group, user=admin, defaults={"role": Membership.Role.MODERATOR}
        )
        if member is not None:
            Membership.objects.get_or_create(group=group, user=member)
        services.follow_up_schedule_create(
            group=group,
            by=admin,
            months=DATA["follow_up"]["months"],
            course_end=datetime.date.fromisoformat(DATA["follow_up"]["course_end"]),
        )
        scheduled = 1
        if member is not None and not Certificate.objects.filter(group=group).exists():
            services.certificates_issue_for_cohort(group=group, by=admin)
        case_study = CaseStudyPage.objects.live().public().order_by("pk").first()
        if (
            member is not None
            and case_study is not None
            and not Certificate.objects.filter(group=group, kind=Certificate.Kind.BADGE).exists()
        ):
            services.badge_issue(
                recipient=member,
                by=admin,
                group=group,
                achievement=Certificate.Achievement.CASE_STUDY,
                evidence_url=credentials.absolute(case_study.get_url_parts()[2]),
                description=(
                    "Contributed the case study and revised it after two peers reviewed it."
                ),
                case_study=case_study,
            )

    needs = 0
    if member is not None:
        for spec in DATA["needs"]:
            country = Country.objects.filter(code=spec["country"]).first()
            if country is None:
                continue
            need, _ = Need.objects.get_or_create(
                title=spec["title"],
                defaults={
                    "author": member,
                    "organisation": spec["organisation"],
                    "description": spec["description"],
                    "country": country,
                    "theme": Theme.objects.filter(slug=spec.get("theme")).first(),
                    "sector": Sector.objects.filter(slug=spec.get("sector")).first(),
                    "audience": Audience.objects.filter(slug=spec.get("audience")).first(),
                    "urgency": spec["urgency"],
                },
            )
            for endorser in (editor, admin):
                if endorser is not None:
                    services.need_endorse(need=need, user=endorser)
            needs += 1
    stdout.write(
        f"Outcomes ready: {len(frameworks)} results frameworks, {scheduled} follow-up plan, "
        f"{needs} needs, {Certificate.objects.count()} certificates."
    )
