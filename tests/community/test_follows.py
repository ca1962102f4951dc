"""The registry of followable kinds through its surfaces: the one follow route (follow,
unfollow, mute, unmute) and the list of what a member follows, grouped by kind and
limited to what they may still see."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from community.models import Follow, Group, Profile
from tests.community.factories import GroupFactory, MembershipFactory, notifications_page

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


def _start_topic(author, title: str) -> None:
    from tests.forums.factories import CategoryFactory

    client = Client()
    client.force_login(author)
    response = client.post(
        reverse("forums:topic_create", args=[CategoryFactory().slug]),
        {"title": title, "body": "What worked for you?"},
    )
    assert response.status_code == 302


def _daily_digest_for(user) -> str:
    Profile.objects.filter(user=user).update(digest_frequency=Profile.DigestFrequency.DAILY)
    mail.outbox.clear()
    call_command("send_digests", "--frequency", "daily")
    return "".join(m.body for m in mail.outbox if m.to == [user.email])


def test_a_muted_follow_stays_listed_marked_muted_with_an_unmute_button(
    client, member, other_member
):
    client.force_login(member)
    follow_url = reverse("community:follow", args=["member", other_member.pk])
    client.post(follow_url)
    response = client.post(follow_url, {"action": "mute", "next": "/profile/following/"})
    assert response["Location"] == "/profile/following/"
    body = client.get("/profile/following/").content.decode()
    assert '>Amina Peer</a> <em class="follow-muted">(muted)</em>' in body
    assert 'name="action" value="unmute"' in body


def test_a_muted_person_brings_no_notification_and_no_digest_line(client, member, other_member):
    client.force_login(member)
    follow_url = reverse("community:follow", args=["member", other_member.pk])
    client.post(follow_url)
    client.post(follow_url, {"action": "mute"})
    _start_topic(other_member, "Diaspora bonds in practice")
    assert "Diaspora bonds in practice" not in notifications_page(member)
    assert "Diaspora bonds in practice" not in _daily_digest_for(member)


def test_unmuting_from_the_profile_button_brings_the_news_back(client, member, other_member):
    client.force_login(member)
    client.post(reverse("community:follow", args=["member", other_member.pk]))
    client.post(reverse("community:follow", args=["member", other_member.pk]), {"action": "mute"})
    profile_page = client.get(f"/members/{other_member.handle}/").content.decode()
    assert '<span class="follow-muted">Muted</span>' in profile_page
    assert 'name="action" value="unmute"' in profile_page
    client.post(reverse("community:follow", args=["member", other_member.pk]), {"action": "unmute"})
    assert (
        'name="action" value="mute"'
        in client.get(f"/members/{other_member.handle}/").content.decode()
    )
    _start_topic(other_member, "Remittance corridors compared")
    assert "Remittance corridors compared" in notifications_page(member)


def test_a_group_page_offers_to_mute_the_group_once_followed(client, member):
    group = GroupFactory(name="Returnee network")
    client.force_login(member)
    assert 'value="mute"' not in client.get(f"/groups/{group.slug}/").content.decode()
    client.post(reverse("community:follow", args=["group", group.pk]))
    page = client.get(f"/groups/{group.slug}/").content.decode()
    assert f'action="{reverse("community:follow", args=["group", group.pk])}"' in page
    assert 'name="action" value="mute"' in page
