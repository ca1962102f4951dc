import asyncio

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer

from community import selectors, services
from community.models import Group, Membership, Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_group(db):
    return Group.objects.create(
        name="LMA alumni", slug="lma", kind="alumni_network", privacy=Group.Privacy.PRIVATE
    )


def test_notification_is_stored_for_the_recipient(member, other_member):
    notification = services.notification_create(
        recipient=member,
        actor=other_member,
        verb=Notification.Verb.REPLY,
        title="Amina replied to your topic",
        url="/forums/t/1/",
    )
    assert notification is not None
    assert list(member.notifications.values_list("title", flat=True)) == [
        "Amina replied to your topic"
    ]


def test_members_are_not_notified_of_their_own_actions(member):
    assert (
        services.notification_create(
            recipient=member, actor=member, verb=Notification.Verb.REPLY, title="x"
        )
        is None
    )
    assert not Notification.objects.exists()


def test_non_members_are_not_notified_of_private_group_content(member, private_group):
    created = services.notification_create(
        recipient=member,
        verb=Notification.Verb.NEW_CONTENT,
        title="secret plans",
        group=private_group,
    )
    assert created is None
    Membership.objects.create(group=private_group, user=member)
    selectors.forget_memberships(member)
    assert (
        services.notification_create(
            recipient=member,
            verb=Notification.Verb.NEW_CONTENT,
            title="plans",
            group=private_group,
        )
        is not None
    )


def test_followers_are_notified_once_each(member, other_member, private_group):
    private_group.privacy = Group.Privacy.PUBLIC
    private_group.save()
    services.follow_create(user=member, target=private_group)
    services.follow_create(user=member, target=private_group)
    services.follow_create(user=other_member, target=private_group)
    followers = selectors.followers_of(target=private_group)
    assert (
        services.notifications_create_many(
            recipients=[*followers, member],
            verb=Notification.Verb.NEW_CONTENT,
            title="New topic",
            group=private_group,
            actor=other_member,
        )
        == 1
    )


@pytest.mark.realtime
@pytest.mark.django_db(transaction=True)
async def test_new_notification_pushes_unread_count_over_redis(member, redis_channel_layer):
    # The pub/sub layer keeps its channels per event loop, as a worker does: listen and
    # receive in the one loop, and create the notification from a worker thread.
    layer = get_channel_layer()
    channel = await layer.new_channel()
    await layer.group_add(services.notification_channel_group(member.pk), channel)
    await sync_to_async(services.notification_create)(
        recipient=member, verb=Notification.Verb.MENTION, title="hi"
    )
    message = await asyncio.wait_for(layer.receive(channel), timeout=5)
    assert message == {"type": "notification.count", "unread": 1}
