"""An organiser gives a group its forum and live room from the group's own page."""

import pytest

from community.models import Group, Membership
from forums.models import Category, LiveRoom
from tests.community.factories import UserFactory
from tests.forums.factories import GroupFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    return GroupFactory(name="Return peers", slug="return-peers")


@pytest.fixture
def owner(group):
    return MembershipFactory(group=group, role=Membership.Role.OWNER).user


def test_new_group_offers_its_owner_a_forum_from_the_group_page(client, group, owner):
    client.force_login(owner)
    body = client.get("/groups/return-peers/").content.decode()
    assert "This group has no forum yet." in body
    assert 'href="/forums/groups/return-peers/categories/new/"' in body
    assert 'href="/forums/groups/return-peers/rooms/new/"' in body


def test_plain_member_sees_no_link_to_open_a_forum_or_room(client, group):
    member = MembershipFactory(group=group).user
    client.force_login(member)
    body = client.get("/groups/return-peers/").content.decode()
    assert "/categories/new/" not in body
    assert "/rooms/new/" not in body


def test_owner_gives_the_group_a_forum_and_posts_the_first_topic_from_it(client, group, owner):
    client.force_login(owner)
    response = client.post(
        "/forums/groups/return-peers/categories/new/",
        {"name": "Alumni discussions", "kind": "discussion", "description": "Anything."},
    )
    category = Category.objects.get(group=group)
    assert response.status_code == 302
    assert response["Location"] == category.get_absolute_url()
    body = client.get("/groups/return-peers/").content.decode()
    assert "This group has no forum yet." not in body
    assert "All discussions in Alumni discussions" in body
    assert f'href="/forums/c/{category.slug}/new/"' in body
    assert "Post the first topic" in body


def test_forum_form_answers_field_errors(client, group, owner):
    client.force_login(owner)
    response = client.post(
        "/forums/groups/return-peers/categories/new/", {"name": "  ", "kind": "chat"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "This field is required." in body
    assert "Choose one of the kinds offered." in body
    assert not Category.objects.exists()


def test_two_groups_may_each_call_their_forum_general(client, owner, group):
    other = GroupFactory(slug="return-peers-general")
    MembershipFactory(group=other, user=owner, role=Membership.Role.OWNER)
    client.force_login(owner)
    for slug in ("return-peers", "return-peers-general", "return-peers"):
        response = client.post(
            f"/forums/groups/{slug}/categories/new/", {"name": "General", "kind": "qa"}
        )
        assert response.status_code == 302
    assert len(set(Category.objects.values_list("slug", flat=True))) == 3


def test_plain_member_may_not_open_a_forum(client, group):
    member = MembershipFactory(group=group).user
    client.force_login(member)
    response = client.post(
        "/forums/groups/return-peers/categories/new/", {"name": "Mine", "kind": "discussion"}
    )
    assert response.status_code == 403
    assert client.get("/forums/groups/return-peers/rooms/new/").status_code == 403
    assert not Category.objects.exists()


def test_secret_group_forum_form_is_not_found_for_outsiders(client):
    GroupFactory(slug="hidden", privacy=Group.Privacy.SECRET)
    client.force_login(UserFactory())
    assert client.get("/forums/groups/hidden/categories/new/").status_code == 404


def test_anonymous_is_sent_to_log_in(client, group):
    response = client.get("/forums/groups/return-peers/rooms/new/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_owner_opens_a_live_room_that_the_group_page_lists(client, group, owner):
    client.force_login(owner)
    response = client.post(
        "/forums/groups/return-peers/rooms/new/",
        {"name": "Monthly alumni call", "event_name": "March call", "description": ""},
    )
    room = LiveRoom.objects.get(group=group)
    assert response.status_code == 302
    assert response["Location"] == room.get_absolute_url()
    assert room.created_by == owner
    body = client.get("/groups/return-peers/").content.decode()
    assert "This group has no live room yet." not in body
    assert f'href="{room.get_absolute_url()}"' in body


def test_room_form_requires_a_name(client, group, owner):
    client.force_login(owner)
    response = client.post("/forums/groups/return-peers/rooms/new/", {"name": ""})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not LiveRoom.objects.exists()


def test_two_rooms_with_one_name_get_their_own_addresses(client, group, owner):
    client.force_login(owner)
    for _ in range(2):
        response = client.post("/forums/groups/return-peers/rooms/new/", {"name": "Weekly call"})
        assert response.status_code == 302
    assert LiveRoom.objects.filter(group=group).count() == 2
