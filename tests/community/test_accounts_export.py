"""Export my data: the same rules as every other surface, and every app's part."""

import json

import pytest

from community.models import Group, Membership, Notification
from tests.community.factories import GroupFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("privacy", [Group.Privacy.PRIVATE, Group.Privacy.SECRET])
def test_export_leaves_out_notifications_of_groups_the_member_has_left(client, member, privacy):
    group = GroupFactory(privacy=privacy)
    MembershipFactory(group=group, user=member)
    Notification.objects.create(
        recipient=member,
        verb=Notification.Verb.NEW_CONTENT,
        title="New topic: the draft bilateral labour agreement",
        group=group,
    )
    Notification.objects.create(
        recipient=member, verb=Notification.Verb.REPLY, title="A reply you may still read"
    )
    Membership.objects.filter(group=group, user=member).delete()
    client.force_login(member)

    page = client.get("/notifications/").content.decode()
    export = client.get("/profile/data/export.json").content.decode()

    assert "draft bilateral labour agreement" not in page
    assert "draft bilateral labour agreement" not in export
    titles = [n["title"] for n in json.loads(export)["notifications"]]
    assert titles == ["A reply you may still read"]
