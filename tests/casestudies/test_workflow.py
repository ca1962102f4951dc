"""Editorial workflow: contributors submit, moderators approve or reject, publishing can
be scheduled, and nothing unpublished or locked reaches the public."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, streamfield

from casestudies.models import CaseStudyPage
from tests.casestudies.factories import CaseStudyPageFactory

pytestmark = pytest.mark.django_db


def _submit_as(client, user, index, *, title="Seasonal worker scheme", slug="seasonal"):
    client.force_login(user)
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "Employers recruit seasonal workers under a managed scheme.",
            "cost_range": "unknown",
            "results": streamfield([]),
            "resources": streamfield([]),
            "media": streamfield([]),
            "action-submit": "Submit for moderation",
        }
    )
    return client.post(f"/admin/pages/add/casestudies/casestudypage/{index.pk}/", data)


def _task_state(page):
    return WorkflowState.objects.get(
        base_content_type__model="page", object_id=str(page.pk), status="in_progress"
    ).current_task_state


def test_contributor_submits_a_case_study_that_is_not_yet_public(client, contributor, index):
    response = _submit_as(client, contributor, index)
    assert response.status_code == 302
    page = CaseStudyPage.objects.get(slug="seasonal")
    assert not page.live
    assert page.workflow_in_progress
    client.logout()
    assert client.get("/case-studies/seasonal/").status_code == 404
    assert "Seasonal worker scheme" not in client.get("/case-studies/").content.decode()


def test_contributor_cannot_publish_directly(client, contributor, index):
    client.force_login(contributor)
    data = nested_form_data(
        {
            "title": "Straight to live",
            "slug": "straight",
            "summary": "Attempt to publish.",
            "cost_range": "unknown",
            "results": streamfield([]),
            "resources": streamfield([]),
            "media": streamfield([]),
            "action-publish": "action-publish",
        }
    )
    client.post(f"/admin/pages/add/casestudies/casestudypage/{index.pk}/", data)
    page = CaseStudyPage.objects.filter(slug="straight").first()
    assert page is None or not page.live


def test_moderator_approval_makes_the_case_study_live(client, contributor, moderator, index):
    _submit_as(client, contributor, index)
    page = CaseStudyPage.objects.get(slug="seasonal")
    client.force_login(moderator)
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{_task_state(page).pk}/",
        {"comment": "Clear and well sourced."},
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    client.logout()
    response = client.get("/case-studies/seasonal/")
    assert response.status_code == 200
    assert "Seasonal worker scheme" in response.content.decode()


def test_moderator_rejection_with_comment_keeps_the_page_off_line(
    client, contributor, moderator, index
):
    _submit_as(client, contributor, index)
    page = CaseStudyPage.objects.get(slug="seasonal")
    task_state = _task_state(page)
    client.force_login(moderator)
    client.post(
        f"/admin/pages/workflow/action/{page.pk}/reject/{task_state.pk}/",
        {"comment": "Please add the source of the results."},
    )
    page.refresh_from_db()
    task_state.refresh_from_db()
    assert not page.live
    assert task_state.status == "rejected"
    assert task_state.comment == "Please add the source of the results."
    assert page.revisions.count() == 1
    client.logout()
    assert client.get("/case-studies/seasonal/").status_code == 404


def test_revisions_are_kept_and_the_public_sees_only_the_published_one(client, index, moderator):
    page = CaseStudyPageFactory(title="Original title", slug="kept")
    page.title = "Draft title awaiting review"
    page.save_revision(user=moderator)
    assert page.revisions.count() == 2
    html = client.get("/case-studies/kept/").content.decode()
    assert "Original title" in html
    assert "Draft title awaiting review" not in html


def test_scheduled_publishing_waits_for_its_time(client, index, time_machine):
    page = CaseStudyPageFactory(title="Scheduled case", slug="scheduled", publish=False)
    page.go_live_at = timezone.now() + timedelta(days=2)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live
    assert client.get("/case-studies/scheduled/").status_code == 404
    assert "Scheduled case" not in client.get("/case-studies/").content.decode()

    time_machine.move_to(timezone.now() + timedelta(days=3))
    call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert page.live
    assert client.get("/case-studies/scheduled/").status_code == 200


def test_unpublished_pages_are_not_public(client, index):
    page = CaseStudyPageFactory(title="Withdrawn case", slug="withdrawn")
    page.unpublish()
    assert client.get("/case-studies/withdrawn/").status_code == 404
    assert "Withdrawn case" not in client.get("/case-studies/").content.decode()
    assert b"withdrawn" not in client.get("/sitemap.xml").content
    assert b"Withdrawn case" not in client.get("/case-studies/feed/rss/").content


def test_locked_pages_are_not_public(client, index, moderator):
    page = CaseStudyPageFactory(title="Locked case", slug="locked-case")
    page.locked = True
    page.locked_by = moderator
    page.locked_at = timezone.now()
    page.save()
    assert client.get("/case-studies/locked-case/").status_code == 404
    assert "Locked case" not in client.get("/case-studies/").content.decode()
    assert b"locked-case" not in client.get("/sitemap.xml").content
    assert b"Locked case" not in client.get("/case-studies/feed/atom/").content
