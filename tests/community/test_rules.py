"""Roles and rights (``community.rules``), asserted where people meet them: the member
list's actions, the forum's and the comments' moderation pages, the services behind
the member list."""

import re

import pytest
from django.contrib.auth.models import Group as AuthGroup
from django.contrib.auth.models import Permission

from community.models import Group, Membership
from tests.community.factories import GroupFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    group = GroupFactory(name="Fair recruitment", slug="fair", privacy=Group.Privacy.PRIVATE)
    people = {
        role: UserFactory(profile__display_name=f"{role.title()} Person")
        for role in ("owner", "moderator", "member", "other")
    }
    for role in ("owner", "moderator", "member"):
        MembershipFactory(group=group, user=people[role], role=role)
    MembershipFactory(group=group, user=people["other"], role="member")
    return group, people


def _offered(client, viewer, target) -> list[str]:
    """The actions the member list offers ``viewer`` on ``target``'s row."""
    client.force_login(viewer)
    response = client.get("/groups/fair/members/")
    assert response.status_code == 200
    row = re.search(
        rf'action="/groups/fair/members/{target.handle}/".*?</form>',
        response.content.decode(),
        re.S,
    )
    return re.findall(r'<option value="(\w+)"', row.group(0)) if row else []


@pytest.mark.parametrize(
    ("viewer", "target", "expected"),
    [
        ("owner", "member", ["moderator", "transfer", "remove"]),
        ("owner", "moderator", ["member", "transfer", "remove"]),
        ("moderator", "member", ["remove"]),
        ("moderator", "owner", []),
        ("moderator", "moderator", []),
        ("member", "other", []),
        ("owner", "owner", []),
    ],
)
def test_member_list_offers_what_the_rules_allow(client, team, viewer, target, expected):
    _group, people = team
    assert _offered(client, people[viewer], people[target]) == expected


def test_staff_manage_as_owners_do(client, team):
    _group, people = team
    staff = UserFactory(is_staff=True)
    assert _offered(client, staff, people["member"]) == ["moderator", "transfer", "remove"]


def test_what_the_list_withholds_the_service_refuses(client, team):
    group, people = team
    client.force_login(people["moderator"])
    client.post(f"/groups/fair/members/{people['owner'].handle}/", {"action": "remove"})
    assert Membership.objects.filter(group=group, user=people["owner"]).exists()
    client.post(f"/groups/fair/members/{people['member'].handle}/", {"action": "remove"})
    assert not Membership.objects.filter(group=group, user=people["member"]).exists()


def _with_permission_only():
    """A member granted comment moderation directly: no group, not staff."""
    user = UserFactory(profile__display_name="Perm Holder")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="django_comments", codename="can_moderate")
    )
    return user


def test_site_moderator_is_one_permission_for_forums_and_comments(client):
    client.force_login(_with_permission_only())
    assert client.get("/forums/moderation/flags/").status_code == 200
    assert client.get("/comments/moderation/").status_code == 200


def test_a_group_named_moderators_without_the_permission_moderates_nothing(client, moderator):
    AuthGroup.objects.get(name="Moderators").permissions.clear()
    client.force_login(moderator)
    assert client.get("/forums/moderation/flags/").status_code == 403
    assert client.get("/comments/moderation/").status_code == 403
