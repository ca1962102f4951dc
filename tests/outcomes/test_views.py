"""What alumni, organisers and editors see: signed links, the questionnaire form,
their history, the dashboard with its privacy rules and the CSV export."""

import pytest
from django.core import signing
from django.urls import reverse

from community.models import Membership
from outcomes import services
from outcomes.links import SALT, make_token
from outcomes.models import FollowUpInvitation, FollowUpResponse
from tests.community.factories import UserFactory
from tests.outcomes.factories import cohort, join

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited(scheduled, at, send):
    group, organiser, members, schedule = scheduled
    with at(2025, 4, 30):
        send()
    invitation = FollowUpInvitation.objects.get(
        respondent=members[0], questionnaire__months_after=3
    )
    return invitation, group, organiser, members


def _keys(invitation):
    questions = invitation.questionnaire.versions.get().questions
    return [q["key"] for q in questions if q["kind"] == "number"]


def test_alumna_opens_her_link_without_logging_in(client, invited, at):
    invitation, *_ = invited
    with at(2025, 5, 2):
        response = client.get(reverse("outcomes:answer", args=[make_token(invitation)]))
    assert response.status_code == 200
    assert "Action plans drafted" in response.content.decode()
    assert "Between 0 and 100" in response.content.decode()


def test_forged_link_is_refused_with_a_clear_message(client, invited, at):
    invitation, *_ = invited
    token = make_token(invitation)
    with at(2025, 5, 2):
        response = client.get(reverse("outcomes:answer", args=[token[:-3] + "abc"]))
    assert response.status_code == 400
    assert "not valid" in response.content.decode()


def test_link_for_an_invitation_that_does_not_belong_to_the_user_is_forged(client, invited, at):
    invitation, _group, _organiser, members = invited
    token = signing.dumps({"i": invitation.pk, "u": members[1].pk}, salt=SALT)
    with at(2025, 5, 2):
        response = client.get(reverse("outcomes:answer", args=[token]))
    assert response.status_code == 400


def test_link_after_the_questionnaire_closes_has_expired(client, invited, at):
    invitation, *_ = invited
    token = make_token(invitation)
    with at(2025, 7, 15):
        response = client.get(reverse("outcomes:answer", args=[token]))
    assert response.status_code == 410
    assert "closed" in response.content.decode()


def test_link_opened_by_another_logged_in_member_is_refused(client, invited, at):
    invitation, _group, _organiser, members = invited
    client.force_login(members[1])
    with at(2025, 5, 2):
        response = client.get(reverse("outcomes:answer", args=[make_token(invitation)]))
    assert response.status_code == 403
    assert "sent to another member" in response.content.decode()
    assert not FollowUpResponse.objects.exists()


def test_save_keeps_partial_answers_and_resumes_them(client, invited, at):
    invitation, *_ = invited
    first, _second = _keys(invitation)
    url = reverse("outcomes:answer", args=[make_token(invitation)])
    with at(2025, 5, 2):
        response = client.post(url, {first: "35", "applied": "Drafted a plan", "save": "1"})
        assert response.status_code == 302
        page = client.get(url).content.decode()
    assert 'value="35.0"' in page or 'value="35"' in page
    assert "Drafted a plan" in page
    assert "2 answers saved so far" in page
    assert FollowUpResponse.objects.get().submitted_at is None


def test_out_of_range_answer_shows_an_error_and_keeps_the_valid_ones(client, invited, at):
    invitation, *_ = invited
    first, second = _keys(invitation)
    url = reverse("outcomes:answer", args=[make_token(invitation)])
    with at(2025, 5, 2):
        response = client.post(url, {first: "250", second: "4", "submit": "1"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "less than or equal to 100" in body
    saved = FollowUpResponse.objects.get()
    assert {a.key: a.number for a in saved.answers.all()} == {second: 4.0}
    assert saved.submitted_at is None


def test_sending_with_a_missing_required_answer_names_it(client, invited, at):
    invitation, *_ = invited
    first, _second = _keys(invitation)
    url = reverse("outcomes:answer", args=[make_token(invitation)])
    with at(2025, 5, 2):
        response = client.post(url, {first: "20", "submit": "1"})
    assert response.status_code == 400
    assert "Please answer this question." in response.content.decode()
    assert FollowUpResponse.objects.get().answers.count() == 1


def test_sending_complete_answers_thanks_and_locks_them(client, invited, at):
    invitation, *_ = invited
    first, second = _keys(invitation)
    url = reverse("outcomes:answer", args=[make_token(invitation)])
    with at(2025, 5, 2):
        response = client.post(url, {first: "20", second: "1", "submit": "1"}, follow=True)
        assert "Your answers were sent" in response.content.decode()
        again = client.post(url, {first: "99", "save": "1"})
    assert again.status_code == 200
    assert FollowUpResponse.objects.get().answers.get(key=first).number == 20.0


def test_my_follow_ups_lists_history_with_answers(client, invited, at):
    invitation, *_ = invited
    first, second = _keys(invitation)
    services.follow_up_answers_save(invitation=invitation, values={first: 20, second: 1})
    services.follow_up_response_submit(invitation=invitation)
    client.force_login(invitation.respondent)
    with at(2025, 5, 3):
        body = client.get(reverse("outcomes:my_follow_ups")).content.decode()
    assert invitation.questionnaire.title in body
    assert "Sent" in body
    assert "Action plans drafted" in body


def test_my_follow_ups_needs_log_in(client):
    assert client.get(reverse("outcomes:my_follow_ups")).status_code == 302


def test_organiser_schedules_from_the_cohort_page(client, alumni_cohort):
    group, organiser, _ = alumni_cohort
    client.force_login(organiser)
    response = client.post(
        reverse("outcomes:cohort_follow_up", args=[group.slug]), {"months": "3, 6, 12"}
    )
    assert response.status_code == 302
    page = client.get(reverse("outcomes:cohort_follow_up", args=[group.slug])).content.decode()
    assert "12 months" in page


def test_adding_a_time_point_keeps_the_course_end_the_page_shows(client, alumni_cohort):
    group, organiser, _ = alumni_cohort
    group.course.end_date = None
    group.course.save()
    url = reverse("outcomes:cohort_follow_up", args=[group.slug])
    client.force_login(organiser)
    client.post(url, {"months": "3, 6", "course_end": "2025-01-31"})

    response = client.post(url, {"months": "9", "course_end": ""})

    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Say when the course ended." not in page
    assert "9 months" in page


def test_bad_intervals_get_a_field_error(client, alumni_cohort):
    group, organiser, _ = alumni_cohort
    client.force_login(organiser)
    response = client.post(
        reverse("outcomes:cohort_follow_up", args=[group.slug]), {"months": "three"}
    )
    assert response.status_code == 400
    assert "whole numbers of months" in response.content.decode()


def test_plain_member_cannot_open_the_cohort_follow_up_page(client, alumni_cohort):
    group, _organiser, members = alumni_cohort
    client.force_login(members[0])
    assert client.get(reverse("outcomes:cohort_follow_up", args=[group.slug])).status_code == 403


def test_questionnaire_edit_after_answers_says_new_version(client, invited):
    invitation, group, organiser, _ = invited
    first, _ = _keys(invitation)
    services.follow_up_answers_save(invitation=invitation, values={first: 3})
    client.force_login(organiser)
    response = client.post(
        reverse("outcomes:questionnaire_edit", args=[invitation.questionnaire.pk]),
        {"title": "Three months on", "indicators": [first], "open_questions": "What next?"},
        follow=True,
    )
    assert "saved as version 2" in response.content.decode()


def _answer_all(group, *, months=3, values=(20, 1), at=None, country=None, role=None):
    for invitation in FollowUpInvitation.objects.filter(
        questionnaire__schedule__group=group, questionnaire__months_after=months
    ):
        first, second = _keys(invitation)
        services.follow_up_answers_save(
            invitation=invitation,
            values={first: values[0], second: values[1]},
            country=country,
            role=role,
        )
        services.follow_up_response_submit(invitation=invitation)


@pytest.fixture
def big_cohort(db, at, send):
    group, organiser, members = cohort(alumni=6)
    services.follow_up_schedule_create(group=group, by=organiser, months=[3, 6])
    with at(2025, 4, 30):
        send()
    return group, organiser, members


def test_dashboard_shows_rates_and_means_when_five_or_more_answered(client, big_cohort, staff):
    group, *_ = big_cohort
    _answer_all(group)
    client.force_login(staff)
    body = client.get(reverse("outcomes:cohort_dashboard", args=[group.slug])).content.decode()
    assert "100%" in body
    assert "<td>6</td>" in body
    assert "<td>20</td>" in body


def test_dashboard_suppresses_cells_below_five(client, scheduled, at, send):
    group, organiser, members, _ = scheduled
    with at(2025, 4, 30):
        send()
    _answer_all(group)
    client.force_login(organiser)
    body = client.get(reverse("outcomes:cohort_dashboard", args=[group.slug])).content.decode()
    assert "fewer than 5" in body
    assert "<td>20</td>" not in body


def test_breakdown_cells_under_five_are_suppressed_even_when_total_is_not(
    client, big_cohort, staff
):
    group, _organiser, members = big_cohort
    from taxonomy.models import Country

    _answer_all(group, country=Country.objects.get(code="PH"))
    response = FollowUpResponse.objects.filter(respondent=members[0]).get()
    response.country = Country.objects.get(code="NP")
    response.save()
    client.force_login(staff)
    body = client.get(reverse("outcomes:cohort_dashboard", args=[group.slug])).content.decode()
    assert "Nepal" in body
    nepal_row = body.split("Nepal", 1)[1].split("</tr>", 1)[0]
    assert "fewer than 5" in nepal_row


def test_dashboard_query_count_does_not_grow_with_cohorts(
    client, staff, at, send, django_assert_max_num_queries
):
    groups = []
    for _ in range(3):
        group, organiser, _ = cohort(alumni=5)
        services.follow_up_schedule_create(group=group, by=organiser, months=[3])
        groups.append(group)
    with at(2025, 4, 30):
        send()
    for group in groups:
        _answer_all(group)
    client.force_login(staff)
    url = reverse("outcomes:course_dashboard", args=[groups[0].course.external_id])
    from outcomes.selectors.dashboard import evidence_dashboard

    with django_assert_max_num_queries(6):
        evidence_dashboard(group_ids=[g.pk for g in groups])
    assert client.get(url).status_code == 200


def test_csv_export_has_suppressed_cells_labelled(client, scheduled, at, send):
    group, organiser, _members, _ = scheduled
    with at(2025, 4, 30):
        send()
    _answer_all(group)
    client.force_login(organiser)
    response = client.get(reverse("outcomes:cohort_dashboard_csv", args=[group.slug]))
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    assert text.splitlines()[0].startswith("section,months_after,indicator")
    assert "fewer than 5" in text
    assert ",20.00" not in text


def test_individual_answers_only_for_the_organiser(client, big_cohort, staff):
    group, organiser, members = big_cohort
    _answer_all(group)
    url = reverse("outcomes:cohort_responses", args=[group.slug])
    client.force_login(organiser)
    page = client.get(url)
    assert page.status_code == 200
    assert "Alumna 0" in page.content.decode()
    client.force_login(staff)
    assert client.get(url).status_code == 403
    client.force_login(members[0])
    assert client.get(url).status_code == 403


def test_dashboard_is_closed_to_members_and_anonymous(client, big_cohort):
    group, _organiser, members = big_cohort
    url = reverse("outcomes:cohort_dashboard", args=[group.slug])
    assert client.get(url).status_code == 302
    client.force_login(members[0])
    assert client.get(url).status_code == 403
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403


def test_moderator_of_the_network_is_an_organiser(client, big_cohort):
    group, *_ = big_cohort
    moderator = UserFactory()
    join(group, moderator, Membership.Role.MODERATOR)
    client.force_login(moderator)
    assert client.get(reverse("outcomes:cohort_responses", args=[group.slug])).status_code == 200
