"""Results frameworks: shown on the course and case-study pages, managed by editors."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from outcomes.models import ResultsFramework
from tests.casestudies.factories import CaseStudyPageFactory
from tests.outcomes.factories import CourseFactory, framework_for

pytestmark = pytest.mark.django_db


def test_framework_shows_on_the_inventory_item_page(client):
    course = CourseFactory()
    framework_for(course)
    body = client.get(course.get_absolute_url()).content.decode()
    assert "Results framework" in body
    assert "Individual outcome: Alumni apply what they learnt" in body
    assert "Action plans drafted" in body


def test_framework_shows_on_the_case_study_page(client):
    page = CaseStudyPageFactory()
    framework_for(page)
    body = client.get(page.url).content.decode()
    assert "Organisational outcome: Organisations change procedures" in body


def test_framework_page_shows_baseline_target_and_source(client):
    framework = framework_for(CourseFactory())
    body = client.get(framework.get_absolute_url()).content.decode()
    assert "<td>10</td><td>60</td><td>%</td><td>Follow-up survey</td>" in body


def test_framework_of_an_unpublished_course_is_not_public(client):
    framework = framework_for(CourseFactory(live=False))
    assert client.get(framework.get_absolute_url()).status_code == 404


def test_framework_must_have_exactly_one_subject():
    with pytest.raises(IntegrityError):
        ResultsFramework.objects.create(title="Orphan")


def test_editor_sees_frameworks_in_the_admin(client, editor):
    framework_for(CourseFactory(title="Labour Migration Academy"))
    client.force_login(editor)
    response = client.get(reverse("wagtailsnippets_outcomes_resultsframework:list"))
    assert response.status_code == 200
    assert "Labour Migration Academy" in response.content.decode()
    add = client.get(reverse("wagtailsnippets_outcomes_resultsframework:add"))
    assert add.status_code == 200
    assert "Indicator" in add.content.decode()


def test_member_is_kept_out_of_the_frameworks_admin(client, member):
    client.force_login(member)
    response = client.get(reverse("wagtailsnippets_outcomes_resultsframework:list"))
    assert response.status_code == 302
