"""The registry of followable kinds through its surfaces: the one follow route and the
list of what a member follows, grouped by kind and limited to what they may still see."""

from __future__ import annotations

import pytest
from django.urls import reverse

from community.models import Follow, Group
from tests.community.factories import GroupFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_the_following_page_groups_what_is_followed_by_kind(client, member, other_member):
    group = GroupFactory(name="Returnee network")
    client.force_login(member)
    client.post(reverse("community:follow", args=["member", other_member.pk]))
    client.post(reverse("community:follow", args=["group", group.pk]))
    body = client.get("/profile/following/").content.decode()
    members = body.index('id="following-member">Members</h2>')
    groups = body.index('id="following-group">Groups</h2>')
    assert members < body.index(">Amina Peer</a>") < groups < body.index(">Returnee network</a>")


def test_a_secret_group_left_disappears_from_the_following_page(client, member):
    group = GroupFactory(name="Quiet circle", privacy=Group.Privacy.SECRET)
    membership = MembershipFactory(group=group, user=member)
    client.force_login(member)
    client.post(reverse("community:follow", args=["group", group.pk]))
    assert "Quiet circle" in client.get("/profile/following/").content.decode()
    membership.delete()
    assert "Quiet circle" not in client.get("/profile/following/").content.decode()


def test_a_secret_group_cannot_be_followed_by_an_outsider(client, member):
    group = GroupFactory(privacy=Group.Privacy.SECRET)
    client.force_login(member)
    assert client.post(reverse("community:follow", args=["group", group.pk])).status_code == 404
    assert not Follow.objects.exists()


def test_an_unknown_kind_is_not_found(client, member):
    client.force_login(member)
    assert client.post("/follow/recipe/1/").status_code == 404


def test_a_member_cannot_follow_themselves(client, member):
    client.force_login(member)
    client.post(reverse("community:follow", args=["member", member.pk]))
    assert not Follow.objects.exists()


def test_unfollowing_from_the_following_page_comes_back_to_it(client, member, other_member):
    client.force_login(member)
    client.post(reverse("community:follow", args=["member", other_member.pk]))
    response = client.post(
        reverse("community:follow", args=["member", other_member.pk]),
        {"action": "unfollow", "next": "/profile/following/"},
    )
    assert response["Location"] == "/profile/following/"
    assert not Follow.objects.exists()
