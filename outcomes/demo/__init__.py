"""Demo content for the outcomes app: results frameworks on a few courses and case
studies, a follow-up plan for the 2024 Labour Migration Academy alumni (when the
community seeder has created that network), capacity needs with endorsements, and one
certificate. Idempotent: everything is looked up by a natural key before it is made."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from casestudies.models import CaseStudyPage
from community.models import Group, Membership
from inventory.models import InventoryItem
from outcomes import credentials, services
from outcomes.models import (
    Certificate,
    FollowUpInvitation,
    FollowUpResponse,
    Indicator,
    Need,
    Outcome,
    Questionnaire,
    ResultsFramework,
)
from outcomes.services.followup import current_version
from taxonomy.models import Audience, Country, Sector, Theme

DATA = json.loads((Path(__file__).parent / "outcomes.json").read_text())


def _framework(spec: dict) -> ResultsFramework | None:
    if spec.get("course"):
        subject = {
            "inventory_item": InventoryItem.objects.originals()
            .filter(external_id=spec["course"])
            .first()
        }
    else:
        subject = {
            "case_study": CaseStudyPage.objects.filter(
                slug=spec["case_study"], locale__language_code=settings.LANGUAGE_CODE
            ).first()
        }
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


# How far along an alumna is at each time point: the share of her action plan done,
# colleagues trained, procedures revised. Offsets vary the answers from person to person.
PROGRESS = {3: (20, 1, 0), 6: (40, 3, 1), 12: (60, 6, 1)}


def _demo_answer(question: dict, months: int, n: int):
    if question["kind"] == "text":
        return DATA["follow_up"]["open_answers"][n % len(DATA["follow_up"]["open_answers"])]
    level = question.get("level")
    plan, trained, revised = PROGRESS.get(months, PROGRESS[12])
    if question.get("unit") == "%":
        value = plan + (n * 7) % 25
    elif level == "organisational":
        value = revised + n % 2
    else:
        value = trained + n % 4
    low, high = question.get("min"), question.get("max")
    if low is not None:
        value = max(low, value)
    if high is not None:
        value = min(high, value)
    return value


def _seed_answers(group: Group) -> int:
    """Answers from the cohort's alumni to every time point, so that the evidence
    dashboard has five or more respondents in each cell and shows its charts. Written
    through the follow-up services, like an alumna's answers; the invitation rows stand
    for messages sent when each questionnaire was due (no mail is sent now)."""
    alumni = list(
        get_user_model()
        .objects.filter(
            memberships__group=group, memberships__role=Membership.Role.MEMBER, is_active=True
        )
        .order_by("pk")
    )
    made = 0
    for questionnaire in Questionnaire.objects.filter(schedule__group=group):
        sent = timezone.make_aware(
            datetime.datetime.combine(questionnaire.due_on, datetime.time(9))
        )
        questions = current_version(questionnaire).questions
        for n, alumna in enumerate(alumni):
            invitation, _ = FollowUpInvitation.objects.get_or_create(
                questionnaire=questionnaire,
                respondent=alumna,
                defaults={"sent_at": sent, "last_message_at": sent},
            )
            if FollowUpResponse.objects.filter(
                questionnaire=questionnaire, respondent=alumna, submitted_at__isnull=False
            ).exists():
                continue
            values = {q["key"]: _demo_answer(q, questionnaire.months_after, n) for q in questions}
            services.follow_up_answers_save(invitation=invitation, values=values)
            services.follow_up_response_submit(invitation=invitation)
            made += 1
    return made


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
        _seed_answers(group)
        if member is not None and not Certificate.objects.filter(group=group).exists():
            services.certificates_issue_for_cohort(group=group, by=admin)
        case_study = (
            CaseStudyPage.objects.live()
            .public()
            .filter(locale__language_code=settings.LANGUAGE_CODE)
            .order_by("pk")
            .first()
        )
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
            author = member
            if spec.get("author"):
                author = get_user_model().objects.filter(handle=spec["author"]).first()
                if author is None:
                    continue
            need, _ = Need.objects.get_or_create(
                title=spec["title"],
                defaults={
                    "author": author,
                    "organisation": spec["organisation"],
                    "description": spec["description"],
                    "country": country,
                    "theme": Theme.objects.filter(slug=spec.get("theme")).first(),
                    "sector": Sector.objects.filter(slug=spec.get("sector")).first(),
                    "audience": Audience.objects.filter(slug=spec.get("audience")).first(),
                    "urgency": spec["urgency"],
                },
            )
            for endorser in (editor, admin, member):
                if endorser is not None and endorser != need.author:
                    services.need_endorse(need=need, user=endorser)
            needs += 1
    stdout.write(
        f"Outcomes ready: {len(frameworks)} results frameworks, {scheduled} follow-up plan, "
        f"{needs} needs, {Certificate.objects.count()} certificates."
    )
