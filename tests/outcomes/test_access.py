"""Who reaches a cohort's organiser pages: the cohort is found through community's
visibility selector, so a secret cohort is "not found" to everyone outside it (never a
403 that would confirm it exists), a cohort one may know of but not organise is a 403
that renders the site's page and says why and what to do."""

import pytest
from django.urls import reverse

from community.models import Group
from community.services import group_leave
from outcomes import services
from outcomes.models import Certificate
from tests.community.factories import GroupFactory, UserFactory
from tests.outcomes.factories import cohort

pytestmark = pytest.mark.django_db

ORGANISER_PAGES = (
    "outcomes:cohort_follow_up",
    "outcomes:cohort_certificates_issue",
    "outcomes:badge_award",
    "outcomes:cohort_dashboard",
    "outcomes:cohort_dashboard_csv",
    "outcomes:cohort_responses",
)


@pytest.fixture
def secret_cohort(db):
    group, organiser, members = cohort(alumni=2, privacy=Group.Privacy.SECRET)
    schedule = services.follow_up_schedule_create(group=group, by=organiser, months=[3])
    return group, organiser, members, schedule.questionnaires.get()


def _urls(group, questionnaire) -> list[str]:
    return [reverse(name, args=[group.slug]) for name in ORGANISER_PAGES] + [
        reverse("outcomes:questionnaire_edit", args=[questionnaire.pk])
    ]


def test_secret_cohort_pages_are_not_found_for_outsiders(client, secret_cohort):
    group, _organiser, _members, questionnaire = secret_cohort
    client.force_login(UserFactory())

    statuses = {url: client.get(url).status_code for url in _urls(group, questionnaire)}

    assert set(statuses.values()) == {404}, statuses


def test_secret_cohort_pages_are_not_found_for_a_former_member(client, secret_cohort):
    group, _organiser, members, questionnaire = secret_cohort
    group_leave(group=group, user=members[0])
    client.force_login(members[0])

    statuses = {url: client.get(url).status_code for url in _urls(group, questionnaire)}

    assert set(statuses.values()) == {404}, statuses


def test_posting_to_a_secret_cohort_from_outside_is_not_found_and_issues_nothing(
    client, secret_cohort
):
    group, _organiser, _members, _questionnaire = secret_cohort
    client.force_login(UserFactory())

    response = client.post(reverse("outcomes:cohort_certificates_issue", args=[group.slug]), {})

    assert response.status_code == 404
    assert not Certificate.objects.exists()


def test_plain_member_of_a_secret_cohort_is_refused_with_the_reason(client, secret_cohort):
    group, _organiser, members, questionnaire = secret_cohort
    client.force_login(members[0])

    for url in _urls(group, questionnaire):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "for the organisers of the cohort" in response.content.decode(), url


def test_outsider_of_a_private_cohort_is_refused_not_told_it_is_missing(client):
    group, _organiser, _members = cohort(alumni=1, privacy=Group.Privacy.PRIVATE)
    client.force_login(UserFactory())

    assert client.get(reverse("outcomes:cohort_dashboard", args=[group.slug])).status_code == 403


def test_organiser_of_the_secret_cohort_opens_every_page(client, secret_cohort):
    group, organiser, _members, questionnaire = secret_cohort
    client.force_login(organiser)

    statuses = {url: client.get(url).status_code for url in _urls(group, questionnaire)}

    assert set(statuses.values()) == {200}, statuses


def test_missing_cohort_is_not_found(client, secret_cohort):
    client.force_login(secret_cohort[1])

    response = client.get(reverse("outcomes:cohort_dashboard", args=["no-such-cohort"]))

    assert response.status_code == 404


# --- the 403 page -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("outcomes:dashboard", "The evidence dashboard is for the organisers of a cohort"),
        ("outcomes:gap_map", "The gap map is for editors"),
    ],
)
def test_refusal_of_a_member_renders_the_site_layout_says_why_and_what_to_do(
    client, member, name, reason
):
    client.force_login(member)

    response = client.get(reverse(name))

    body = response.content.decode()
    assert response.status_code == 403
    assert '<header class="site-header">' in body
    assert '<main id="main"' in body
    assert reason in body
    assert "ask to join" in body
    assert f'href="{reverse("community:group_list")}"' in body


def test_refusal_of_a_visitor_offers_to_log_in_and_come_back(client):
    """A private group's member list is refused to visitors with a 403, not a redirect."""
    group = GroupFactory(privacy=Group.Privacy.PRIVATE)
    url = reverse("community:group_members", args=[group.slug])

    response = client.get(url)

    body = response.content.decode()
    assert response.status_code == 403
    assert '<header class="site-header">' in body
    assert "Only members can see this group" in body
    assert f'href="{reverse("account_login")}?next={url}"' in body
