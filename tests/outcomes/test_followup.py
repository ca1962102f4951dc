"""Scheduling, sending (one reminder, no nagging) and answering follow-ups."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from community.models import Notification
from outcomes import services
from outcomes.links import make_token
from outcomes.models import FollowUpInvitation, FollowUpResponse, QuestionnaireVersion
from tests.community.factories import UserFactory
from tests.outcomes.factories import cohort

pytestmark = pytest.mark.django_db


def test_schedule_creates_questionnaires_at_months_after_course_end(scheduled):
    *_, schedule = scheduled
    due = list(schedule.questionnaires.values_list("months_after", "due_on"))
    assert due == [
        (3, datetime.date(2025, 4, 30)),
        (6, datetime.date(2025, 7, 31)),
        (12, datetime.date(2026, 1, 31)),
    ]


def test_schedule_builds_questions_from_indicators_plus_open_questions(scheduled):
    *_, schedule = scheduled
    questions = schedule.questionnaires.first().versions.get().questions
    kinds = [(q["kind"], q["label"]) for q in questions]
    assert kinds[0] == ("number", "Action plans drafted")
    assert ("number", "Procedures revised") in kinds
    assert ("text", "What have you applied from the course in your work?") in kinds
    assert questions[0]["min"] == 0
    assert questions[0]["max"] == 100


def test_schedule_refused_to_a_plain_member(alumni_cohort):
    group, _organiser, members = alumni_cohort
    with pytest.raises(PermissionDenied):
        services.follow_up_schedule_create(group=group, by=members[0], months=[3])


def test_schedule_without_course_end_date_says_which_field(alumni_cohort):
    group, organiser, _ = alumni_cohort
    group.course.end_date = None
    group.course.save()
    with pytest.raises(ValidationError) as exc:
        services.follow_up_schedule_create(group=group, by=organiser, months=[3])
    assert "course_end" in exc.value.message_dict


def test_nothing_is_sent_before_the_due_date(scheduled, at, mailoutbox, send):
    with at(2025, 4, 29):
        counts = send()
    assert counts == {"invited": 0, "reminded": 0}
    assert mailoutbox == []


def test_due_questionnaire_is_emailed_and_notified_to_each_alumna(scheduled, at, mailoutbox, send):
    group, organiser, members, _ = scheduled
    with at(2025, 4, 30):
        counts = send()
    assert counts["invited"] == 3
    assert sorted(m.to[0] for m in mailoutbox) == sorted(u.email for u in members)
    assert organiser.email not in [m.to[0] for m in mailoutbox]
    assert "http://testserver/outcomes/follow-up/" in mailoutbox[0].body
    assert "3 months" in mailoutbox[0].subject
    assert Notification.objects.filter(verb="follow_up", recipient=members[0]).count() == 1


def test_running_twice_the_same_day_sends_nothing_twice(scheduled, at, mailoutbox, send):
    with at(2025, 4, 30):
        send()
    with at(2025, 4, 30, 18):
        counts = send()
    assert counts == {"invited": 0, "reminded": 0}
    assert len(mailoutbox) == 3


def test_one_reminder_after_two_weeks_and_never_a_second(scheduled, at, mailoutbox, send):
    with at(2025, 4, 30):
        send()
    with at(2025, 5, 10):
        assert send()["reminded"] == 0
    with at(2025, 5, 14):
        assert send()["reminded"] == 3
    for day in (15, 21, 28):
        with at(2025, 5, day):
            assert send()["reminded"] == 0
    with at(2025, 6, 20):
        assert send()["reminded"] == 0
    reminders = [m for m in mailoutbox if m.subject.startswith("Reminder")]
    assert len(reminders) == 3
    assert len(mailoutbox) == 6


def test_no_reminder_for_who_already_answered(scheduled, at, mailoutbox, send):
    _group, _organiser, members, schedule = scheduled
    with at(2025, 4, 30):
        send()
    invitation = FollowUpInvitation.objects.get(respondent=members[0])
    with at(2025, 5, 2):
        services.follow_up_answers_save(
            invitation=invitation, values=dict.fromkeys(_number_keys(invitation), 5)
        )
        services.follow_up_response_submit(invitation=invitation)
    with at(2025, 5, 14):
        assert send()["reminded"] == 2
    assert members[0].email not in [m.to[0] for m in mailoutbox if "Reminder" in m.subject]


def test_closed_questionnaire_sends_nothing(scheduled, at, mailoutbox, send):
    with at(2025, 7, 1):  # 3-month one closed on 29 June, 6-month not yet due
        send()
    assert mailoutbox == []


def test_send_follow_ups_command_reports_counts(scheduled, at, capsys, mailoutbox):
    with at(2025, 4, 30):
        call_command("send_follow_ups")
    assert "3 invitations, 0 reminders" in capsys.readouterr().out


def _number_keys(invitation):
    version = invitation.questionnaire.versions.order_by("-number").first()
    return [q["key"] for q in version.questions if q["kind"] == "number"]


@pytest.fixture
def invitation(scheduled, at, mailoutbox, send):
    _group, _organiser, members, _ = scheduled
    with at(2025, 4, 30):
        send()
    return FollowUpInvitation.objects.get(respondent=members[0], questionnaire__months_after=3)


def test_partial_answers_are_kept_and_can_be_completed_later(invitation):
    first, second = _number_keys(invitation)
    services.follow_up_answers_save(invitation=invitation, values={first: 40})
    response = FollowUpResponse.objects.get()
    assert response.submitted_at is None
    with pytest.raises(ValidationError) as exc:
        services.follow_up_response_submit(invitation=invitation)
    assert second in exc.value.message_dict
    services.follow_up_answers_save(invitation=invitation, values={second: 2, "applied": "A plan"})
    services.follow_up_response_submit(invitation=invitation)
    response.refresh_from_db()
    assert response.submitted_at is not None
    assert {a.key: a.value for a in response.answers.all()} == {
        first: 40.0,
        second: 2.0,
        "applied": "A plan",
    }


def test_out_of_range_answer_is_refused_by_the_service(invitation):
    first, _ = _number_keys(invitation)
    with pytest.raises(ValidationError):
        services.follow_up_answers_save(invitation=invitation, values={first: 140})
    assert not FollowUpResponse.objects.exists()


def test_editing_an_answered_questionnaire_creates_a_new_version(invitation, scheduled):
    _group, organiser, members, _ = scheduled
    first, _second = _number_keys(invitation)
    services.follow_up_answers_save(invitation=invitation, values={first: 40})
    questionnaire = invitation.questionnaire
    new_questions = [{"key": "open-1", "kind": "text", "label": "What next?"}]
    version = services.questionnaire_update(
        questionnaire=questionnaire, by=organiser, questions=new_questions
    )
    assert version.number == 2
    old = QuestionnaireVersion.objects.get(questionnaire=questionnaire, number=1)
    assert any(q["key"] == first for q in old.questions)
    response = FollowUpResponse.objects.get()
    assert response.version == old
    # a new respondent starts on version 2, while the first keeps hers
    other = FollowUpInvitation.objects.get(respondent=members[1], questionnaire=questionnaire)
    services.follow_up_answers_save(invitation=other, values={"open-1": "More"})
    assert FollowUpResponse.objects.get(respondent=members[1]).version.number == 2


def test_editing_an_unanswered_questionnaire_keeps_the_version(scheduled):
    _group, organiser, _members, schedule = scheduled
    questionnaire = schedule.questionnaires.first()
    version = services.questionnaire_update(
        questionnaire=questionnaire,
        by=organiser,
        questions=[{"key": "open-1", "kind": "text", "label": "Anything?"}],
    )
    assert version.number == 1
    assert questionnaire.versions.count() == 1


def test_token_names_one_invitation_and_cannot_be_altered(invitation):
    token = make_token(invitation)
    assert re.fullmatch(r"[\w:-]+", token)
    assert str(invitation.respondent.email) not in token


def test_new_alumna_joining_later_is_invited_while_open(scheduled, at, mailoutbox, send):
    group, *_ = scheduled
    with at(2025, 4, 30):
        send()
    late = UserFactory()
    from tests.outcomes.factories import join

    join(group, late)
    with at(2025, 5, 3):
        assert send()["invited"] == 1


def test_cohorts_are_independent(db, at, mailoutbox, send):
    a, organiser_a, _ = cohort(alumni=2)
    b, _organiser_b, _ = cohort(alumni=2)
    services.follow_up_schedule_create(group=a, by=organiser_a, months=[3])
    with at(2025, 4, 30):
        send()
    assert len(mailoutbox) == 2
    assert not FollowUpInvitation.objects.filter(questionnaire__schedule__group=b).exists()
