"""Following a case study from its page, and what its followers (and its author's
followers) hear: comments, new revisions, a first publication."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from community.models import Notification
from tests.casestudies.factories import CaseStudyPageFactory
from tests.community.factories import notifications_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(index):
    return CaseStudyPageFactory(title="Pre-departure orientation", slug="pdos")


def _follow(client, page) -> None:
    response = client.post(
        reverse("community:follow", args=["case-study", page.pk]),
        {"action": "follow", "next": page.url},
    )
    assert response.status_code == 302
    assert response["Location"] == page.url


def test_case_study_page_has_a_follow_button_for_members_only(client, member, page):
    action = reverse("community:follow", args=["case-study", page.pk])
    assert action not in client.get(page.url).content.decode()
    client.force_login(member)
    html = client.get(page.url).content.decode()
    assert f'action="{action}"' in html
    assert "csrfmiddlewaretoken" in html


def test_following_a_case_study_lists_it_and_unfollowing_removes_it(client, member, page):
    client.force_login(member)
    _follow(client, page)
    assert 'aria-pressed="true"' in client.get(page.url).content.decode()
    listed = client.get("/profile/following/").content.decode()
    assert "Case studies" in listed
    assert f'href="{page.url}"' in listed
    client.post(reverse("community:follow", args=["case-study", page.pk]), {"action": "unfollow"})
    assert f'href="{page.url}"' not in client.get("/profile/following/").content.decode()


def test_an_unpublished_case_study_cannot_be_followed_and_leaves_the_list(client, member, page):
    client.force_login(member)
    _follow(client, page)
    page.unpublish()
    assert 'href="/case-studies/pdos/"' not in client.get("/profile/following/").content.decode()
    response = client.post(reverse("community:follow", args=["case-study", page.pk]))
    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, page):
    response = client.post(reverse("community:follow", args=["case-study", page.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_followers_hear_of_a_comment_and_the_commenter_does_not(client, member, other_member, page):
    client.force_login(member)
    _follow(client, page)
    commenter = Client()
    commenter.force_login(other_member)
    commenter.post(f"/comments/post/{page.pk}/", {"comment": "We tried this."})
    assert "Amina Peer commented on “Pre-departure orientation”" in notifications_page(member)
    follower_comments = Client()
    follower_comments.force_login(member)
    follower_comments.post(f"/comments/post/{page.pk}/", {"comment": "Me too."})
    assert "Mateo Member commented" not in notifications_page(member)


def test_followers_hear_when_a_new_revision_is_published(client, member, editor, page):
    client.force_login(member)
    _follow(client, page)
    page.summary = "Now with results from 2024."
    page.save_revision(user=editor).publish()
    assert "“Pre-departure orientation” was updated" in notifications_page(member)


def test_followers_of_a_person_hear_when_they_publish_a_case_study(client, member, editor, index):
    client.force_login(member)
    client.post(f"/members/{editor.handle}/follow/", {"action": "follow"})
    draft = CaseStudyPageFactory(title="Welcome desks", slug="welcome-desks", publish=False)
    draft.save_revision(user=editor).publish()
    assert "Elena Editor published a case study: “Welcome desks”" in notifications_page(member)
    assert "Welcome desks" not in notifications_page(editor)


def test_a_restricted_case_study_is_news_for_nobody(client, member, editor, page):
    client.force_login(member)
    _follow(client, page)
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    page.save_revision(user=editor).publish()
    assert "was updated" not in notifications_page(member)


def test_followers_of_a_case_study_hear_when_it_is_adapted(client, member, editor, page):
    client.force_login(member)
    _follow(client, page)
    adaptation = CaseStudyPageFactory(
        title="Orientation for seasonal workers", slug="seasonal", publish=False
    )
    adaptation.adapted_from = page
    adaptation.save_revision(user=editor).publish()
    assert (
        "“Pre-departure orientation” was adapted: “Orientation for seasonal workers”"
        in notifications_page(member)
    )


def test_a_follower_of_both_the_author_and_the_original_hears_of_an_adaptation_once(
    client, member, editor, page
):
    client.force_login(member)
    _follow(client, page)
    client.post(reverse("community:follow", args=["member", editor.pk]))
    adaptation = CaseStudyPageFactory(title="Desks for returnees", slug="desks", publish=False)
    adaptation.adapted_from = page
    adaptation.save_revision(user=editor).publish()
    assert "Elena Editor published a case study: “Desks for returnees”" in (
        notifications_page(member)
    )
    assert "was adapted" not in notifications_page(member)
    assert Notification.objects.filter(recipient=member, target_id=adaptation.pk).count() == 1


def test_a_case_study_names_its_author_whose_profile_offers_to_follow_them(
    client, member, editor, index
):
    page = CaseStudyPageFactory(title="Welcome desks", slug="welcome-desks", owner=editor)
    client.force_login(member)
    body = client.get(page.url).content.decode()
    assert f'Written by <a href="/members/{editor.handle}/" rel="author">Elena Editor</a>' in body
    profile = client.get(f"/members/{editor.handle}/").content.decode()
    assert 'name="action" value="follow"' in profile
