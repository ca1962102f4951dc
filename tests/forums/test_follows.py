"""Following forum topics and categories, and what followers of a person, a group, a
category or a topic hear when the forum has news."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from community.models import Group
from tests.community.factories import notifications_page
from tests.forums.factories import (
    CategoryFactory,
    GroupFactory,
    MembershipFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def _start_topic(author, category, title: str = "Orientation in the village") -> None:
    client = Client()
    client.force_login(author)
    response = client.post(
        reverse("forums:topic_create", args=[category.slug]), {"title": title, "body": "How?"}
    )
    assert response.status_code == 302


def test_watched_topics_are_listed_on_the_following_page(client, member):
    topic = TopicFactory(title="Pre-departure orientation in Nepal")
    client.force_login(member)
    client.post(reverse("forums:topic_watch", args=[topic.pk]), {"watch": "1"})
    body = client.get("/profile/following/").content.decode()
    assert "Forum topics" in body
    assert "Pre-departure orientation in Nepal" in body


def test_following_a_category_from_its_page_lists_and_unfollows_it(client, member):
    category = CategoryFactory(name="Remittances")
    client.force_login(member)
    page = client.get(reverse("forums:category_detail", args=[category.slug])).content.decode()
    action = reverse("community:follow", args=["category", category.pk])
    assert f'action="{action}"' in page
    response = client.post(action, {"action": "follow", "next": category.get_absolute_url()})
    assert response.status_code == 302
    assert response["Location"] == category.get_absolute_url()
    listed = client.get("/profile/following/").content.decode()
    assert "Forum categories" in listed
    assert "Remittances" in listed
    client.post(action, {"action": "unfollow"})
    listed = client.get("/profile/following/").content.decode()
    assert f'href="{category.get_absolute_url()}"' not in listed


def test_a_category_of_a_private_group_cannot_be_followed_by_an_outsider(client, member):
    category = CategoryFactory(group=GroupFactory(privacy=Group.Privacy.PRIVATE))
    client.force_login(member)
    response = client.post(reverse("community:follow", args=["category", category.pk]))
    assert response.status_code == 404


def test_followers_of_a_category_hear_of_a_new_topic(client, member, other_member):
    category = CategoryFactory()
    client.force_login(member)
    client.post(reverse("community:follow", args=["category", category.pk]))
    _start_topic(other_member, category, "Savings groups for returnees")
    assert "Savings groups for returnees" in notifications_page(member)
    assert "Savings groups for returnees" not in notifications_page(other_member)


def test_followers_of_a_person_hear_when_they_start_a_topic(client, member, other_member):
    client.force_login(member)
    client.post(f"/members/{other_member.handle}/follow/", {"action": "follow"})
    _start_topic(other_member, CategoryFactory(), "Welcome desks at airports")
    assert "Welcome desks at airports" in notifications_page(member)


def test_followers_of_a_group_hear_of_a_new_topic_in_its_forum(client, member, other_member):
    group = GroupFactory()
    MembershipFactory(group=group, user=other_member)
    client.force_login(member)
    client.post(f"/groups/{group.slug}/follow/", {"action": "follow"})
    _start_topic(other_member, CategoryFactory(group=group), "Our next cohort meeting")
    assert "Our next cohort meeting" in notifications_page(member)


def test_a_private_groups_topic_never_reaches_an_outsider_who_follows_its_author(
    client, member, other_member
):
    group = GroupFactory(privacy=Group.Privacy.PRIVATE)
    MembershipFactory(group=group, user=other_member)
    client.force_login(member)
    client.post(f"/members/{other_member.handle}/follow/", {"action": "follow"})
    client.post(f"/groups/{group.slug}/follow/", {"action": "follow"})
    _start_topic(other_member, CategoryFactory(group=group), "Confidential cohort matters")
    assert "Confidential cohort matters" not in notifications_page(member)


def test_a_person_followed_through_several_ways_hears_once(client, member, other_member):
    category = CategoryFactory()
    client.force_login(member)
    client.post(f"/members/{other_member.handle}/follow/", {"action": "follow"})
    client.post(reverse("community:follow", args=["category", category.pk]))
    _start_topic(other_member, category, "Heard only once")
    assert notifications_page(member).count("“Heard only once”</a>") == 1


def test_followers_of_a_topic_hear_of_a_reply_not_the_replier(client, member, other_member):
    topic = TopicFactory(title="Language classes before departure")
    client.force_login(member)
    client.post(reverse("forums:topic_watch", args=[topic.pk]), {"watch": "1"})
    replier = Client()
    replier.force_login(other_member)
    replier.post(reverse("forums:post_create", args=[topic.pk]), {"body": "We run them."})
    assert "replied to “Language classes before departure”" in notifications_page(member)
    assert "replied to" not in notifications_page(other_member)


def test_a_former_member_following_a_topic_hears_nothing_after_leaving(
    client, member, other_member
):
    group = GroupFactory(privacy=Group.Privacy.PRIVATE)
    membership = MembershipFactory(group=group, user=member)
    MembershipFactory(group=group, user=other_member)
    topic = TopicFactory(category=CategoryFactory(group=group), title="Members only")
    client.force_login(member)
    client.post(reverse("forums:topic_watch", args=[topic.pk]), {"watch": "1"})
    membership.delete()
    replier = Client()
    replier.force_login(other_member)
    replier.post(reverse("forums:post_create", args=[topic.pk]), {"body": "Still here."})
    assert "Members only" not in notifications_page(member)
    assert "Members only" not in client.get("/profile/following/").content.decode()


def _reply(author, topic, body: str) -> None:
    replier = Client()
    replier.force_login(author)
    response = replier.post(reverse("forums:post_create", args=[topic.pk]), {"body": body})
    assert response.status_code == 302


def test_followers_of_a_person_hear_when_they_reply_in_a_topic(client, member, other_member):
    topic = TopicFactory(title="Recognition of skills abroad")
    client.force_login(member)
    client.post(reverse("community:follow", args=["member", other_member.pk]))
    _reply(other_member, topic, "Our ministry signed an agreement.")
    assert "Amina Peer replied to “Recognition of skills abroad”" in notifications_page(member)


def test_followers_of_a_group_hear_of_a_reply_in_its_forum(client, member, other_member):
    group = GroupFactory()
    MembershipFactory(group=group, user=other_member)
    topic = TopicFactory(category=CategoryFactory(group=group), title="Cohort reunion dates")
    client.force_login(member)
    client.post(reverse("community:follow", args=["group", group.pk]))
    _reply(other_member, topic, "March suits us.")
    assert "Amina Peer replied to “Cohort reunion dates”" in notifications_page(member)


def test_a_reply_in_a_private_group_never_reaches_an_outsider_following_the_replier(
    client, member, other_member
):
    group = GroupFactory(privacy=Group.Privacy.PRIVATE)
    MembershipFactory(group=group, user=other_member)
    topic = TopicFactory(category=CategoryFactory(group=group), title="Private cohort matters")
    client.force_login(member)
    client.post(reverse("community:follow", args=["member", other_member.pk]))
    _reply(other_member, topic, "Only for us.")
    assert "Private cohort matters" not in notifications_page(member)
