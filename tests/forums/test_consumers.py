"""WebSocket tests: the real ASGI app (origin check + session auth) against the Redis
channel layer, plus one run against the in-memory layer."""

import asyncio
import functools
import json
import threading

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.db import connections
from django.test import Client

from community.models import Group, Membership
from config.asgi import application
from forums import services
from forums.models import RoomMessage

from .factories import (
    CategoryFactory,
    GroupFactory,
    LiveRoomFactory,
    MembershipFactory,
    PostFactory,
    TopicFactory,
)

pytestmark = [pytest.mark.django_db(transaction=True)]


def in_own_loop(test):
    """Run an async test in a fresh event loop on its own thread.

    The browser tests keep Playwright's (sync API) event loop running in the main thread
    for the whole session, so pytest-asyncio cannot start another loop there once they
    have run. The test's database work is committed (transactional tests), so another
    thread sees it.
    """

    @functools.wraps(test)
    def run(*args, **kwargs):
        outcome: dict = {}

        def target():
            try:
                asyncio.run(test(*args, **kwargs))
            except BaseException as exc:  # re-raised in the test's thread
                outcome["error"] = exc
            finally:
                connections.close_all()

        thread = threading.Thread(target=target)
        thread.start()
        thread.join()
        if "error" in outcome:
            raise outcome["error"]

    return run


realtime = pytest.mark.realtime


def _cookie(user) -> bytes:
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}".encode()


async def connect(path: str, user=None) -> tuple[WebsocketCommunicator, bool, int | None]:
    headers = [(b"host", b"testserver"), (b"origin", b"http://testserver")]
    if user is not None:
        headers.append((b"cookie", await database_sync_to_async(_cookie)(user)))
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, code = await communicator.connect(timeout=5)
    return communicator, connected, code


async def receive_until(communicator, frame_type: str) -> dict:
    """Skip presence and other frames until one of ``frame_type`` arrives."""
    while True:
        frame = await communicator.receive_json_from(timeout=5)
        if frame["type"] == frame_type:
            return frame


async def drain(communicator) -> list[dict]:
    frames = []
    while not await communicator.receive_nothing(timeout=0.3):
        output = await communicator.receive_output()
        text = output.get("text")
        frames.append(json.loads(text) if text else output)
    return frames


def topic_path(topic) -> str:
    return f"/ws/forums/topics/{topic.pk}/"


@realtime
@in_own_loop
async def test_new_post_reaches_every_client_on_the_topic(
    redis_channel_layer, member, other_member
):
    topic = await database_sync_to_async(TopicFactory)()
    clients = []
    for user in (member, other_member, member):
        communicator, connected, _ = await connect(topic_path(topic), user)
        assert connected
        clients.append(communicator)
    post = await database_sync_to_async(services.post_create)(
        topic=topic, author=member, body="Live **hello**"
    )
    for communicator in clients:
        frame = await receive_until(communicator, "post.created")
        assert frame["post"]["id"] == post.pk
        assert "<strong>hello</strong>" in frame["post"]["html"]
        await communicator.disconnect()


@realtime
@in_own_loop
async def test_edit_hide_and_reaction_are_pushed_live(
    redis_channel_layer, member, staff, other_member
):
    topic = await database_sync_to_async(TopicFactory)()
    post = await database_sync_to_async(PostFactory)(topic=topic, author=member, body="Before")
    communicator, _, _ = await connect(topic_path(topic), other_member)
    await database_sync_to_async(services.post_edit)(post=post, editor=member, body="After")
    frame = await receive_until(communicator, "post.edited")
    assert "After" in frame["post"]["html"]
    await database_sync_to_async(services.reaction_toggle)(
        post=post, user=other_member, kind="thanks"
    )
    frame = await receive_until(communicator, "reaction.changed")
    assert frame["reactions"]["thanks"] == 1
    await database_sync_to_async(services.post_hide)(post=post, actor=staff, reason="Off topic")
    frame = await receive_until(communicator, "post.hidden")
    assert frame["post"]["hidden"] is True
    assert "After" not in frame["post"]["html"]
    assert "Off topic" in frame["post"]["html"]
    await communicator.disconnect()


@realtime
@in_own_loop
async def test_presence_lists_readers_and_typing_reaches_others(
    redis_channel_layer, member, other_member
):
    topic = await database_sync_to_async(TopicFactory)()
    first, _, _ = await connect(topic_path(topic), member)
    await receive_until(first, "presence")
    second, _, _ = await connect(topic_path(topic), other_member)
    frame = await receive_until(first, "presence")
    assert {r["name"] for r in frame["readers"]} == {"Mateo Member", "Amina Peer"}
    await second.send_json_to({"type": "typing"})
    frame = await receive_until(first, "typing")
    assert frame["name"] == "Amina Peer"
    assert not any(f["type"] == "typing" for f in await drain(second))
    await second.disconnect()
    frame = await receive_until(first, "presence")
    assert [r["name"] for r in frame["readers"]] == ["Mateo Member"]
    await first.disconnect()


@realtime
@in_own_loop
async def test_reconnect_resume_sends_missed_posts_once_in_order(
    redis_channel_layer, member, other_member
):
    topic = await database_sync_to_async(TopicFactory)()
    first = await database_sync_to_async(PostFactory)(topic=topic)
    missed = [
        await database_sync_to_async(services.post_create)(
            topic=topic, author=other_member, body=f"While you were away {i}", rate_limit=False
        )
        for i in range(3)
    ]
    communicator, _, _ = await connect(topic_path(topic), member)
    await communicator.send_json_to({"type": "resume", "last_id": first.pk})
    live_post = await database_sync_to_async(services.post_create)(
        topic=topic, author=other_member, body="Just now"
    )
    received = []
    while len(received) < 4:
        frame = await communicator.receive_json_from(timeout=5)
        if frame["type"] == "post.created":
            received.append(frame["post"]["id"])
    # a second resume from the same point sends nothing already delivered
    await communicator.send_json_to({"type": "resume", "last_id": first.pk})
    done = await receive_until(communicator, "resume.done")
    later = [f for f in await drain(communicator) if f["type"] == "post.created"]
    # nothing lost, nothing twice; the live post may overtake the catch-up (the page
    # script places posts by id)
    assert sorted(received) == [p.pk for p in missed] + [live_post.pk]
    assert len(received) == len(set(received))
    assert done["last_id"] == live_post.pk
    assert later == []
    await communicator.disconnect()


@realtime
@in_own_loop
async def test_anonymous_socket_is_refused(redis_channel_layer):
    topic = await database_sync_to_async(TopicFactory)()
    _, connected, code = await connect(topic_path(topic))
    assert not connected
    assert code == 4401


@realtime
@in_own_loop
async def test_private_group_topic_is_refused_to_non_members_like_a_missing_one(
    redis_channel_layer, member
):
    topic = await database_sync_to_async(TopicFactory)(
        category__group=await database_sync_to_async(GroupFactory)(privacy=Group.Privacy.PRIVATE)
    )
    _, connected, code = await connect(topic_path(topic), member)
    assert not connected
    assert code == 4404
    _, connected, missing = await connect("/ws/forums/topics/999999/", member)
    assert missing == code


@realtime
@in_own_loop
async def test_member_removed_from_group_is_cut_off(redis_channel_layer, member, other_member):
    group = await database_sync_to_async(GroupFactory)(privacy=Group.Privacy.PRIVATE)
    membership = await database_sync_to_async(MembershipFactory)(group=group, user=member)
    await database_sync_to_async(MembershipFactory)(group=group, user=other_member)
    topic = await database_sync_to_async(TopicFactory)(category__group=group, author=other_member)
    communicator, connected, _ = await connect(topic_path(topic), member)
    assert connected
    await database_sync_to_async(membership.delete)()
    frame = await receive_until(communicator, "revoked")
    assert "no longer" in frame["message"]
    output = await communicator.receive_output(timeout=5)
    assert output == {"type": "websocket.close", "code": 4403}
    await database_sync_to_async(services.post_create)(
        topic=topic, author=other_member, body="Members only"
    )
    leaked = await drain(communicator)
    assert leaked == []


@realtime
@in_own_loop
async def test_group_made_private_cuts_off_non_members(redis_channel_layer, member):
    group = await database_sync_to_async(GroupFactory)(privacy=Group.Privacy.PUBLIC)
    topic = await database_sync_to_async(TopicFactory)(category__group=group)
    communicator, connected, _ = await connect(topic_path(topic), member)
    assert connected
    group.privacy = Group.Privacy.SECRET
    await database_sync_to_async(group.save)()
    await receive_until(communicator, "revoked")


@realtime
@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ("not json", "invalid_json"),
        ("[1, 2]", "invalid_frame"),
        ('{"type": "explode"}', "unknown_type"),
        ('{"type": "resume", "last_id": "x"}', "invalid_frame"),
        ('{"type": "typing", "user_id": 999999}', "identity_mismatch"),
    ],
)
@in_own_loop
async def test_bad_frames_get_an_error_frame_and_the_socket_stays(
    redis_channel_layer, member, frame, code
):
    topic = await database_sync_to_async(TopicFactory)()
    communicator, _, _ = await connect(topic_path(topic), member)
    await communicator.send_to(text_data=frame)
    error = await receive_until(communicator, "error")
    assert error["code"] == code
    assert error["message"]
    await communicator.send_json_to({"type": "ping"})
    assert (await receive_until(communicator, "pong"))["type"] == "pong"
    await communicator.disconnect()


@realtime
@in_own_loop
async def test_oversized_frame_is_refused(redis_channel_layer, member, settings):
    settings.FORUMS_WS_FRAME_MAX_BYTES = 100
    room = await database_sync_to_async(LiveRoomFactory)()
    communicator, _, _ = await connect(f"/ws/rooms/{room.slug}/", member)
    await communicator.send_json_to({"type": "message", "body": "x" * 200})
    error = await receive_until(communicator, "error")
    assert error["code"] == "too_large"
    assert await database_sync_to_async(RoomMessage.objects.count)() == 0
    await communicator.disconnect()


@realtime
@in_own_loop
async def test_room_message_is_stored_then_broadcast_to_the_room(
    redis_channel_layer, member, other_member
):
    room = await database_sync_to_async(LiveRoomFactory)()
    sender, _, _ = await connect(f"/ws/rooms/{room.slug}/", member)
    listener, _, _ = await connect(f"/ws/rooms/{room.slug}/", other_member)
    await sender.send_json_to(
        {"type": "message", "body": "<script>x</script>Hello *room*", "client_id": "c1"}
    )
    ack = await receive_until(sender, "message.ack")
    frame = await receive_until(listener, "room.message")
    stored = await database_sync_to_async(RoomMessage.objects.get)()
    assert ack["id"] == frame["message"]["id"] == stored.pk
    assert ack["client_id"] == "c1"
    assert "<em>room</em>" in frame["message"]["html"]
    assert "<script" not in frame["message"]["html"]
    await sender.disconnect()
    await listener.disconnect()


@realtime
@in_own_loop
async def test_room_message_claiming_another_author_is_refused(
    redis_channel_layer, member, other_member
):
    room = await database_sync_to_async(LiveRoomFactory)()
    communicator, _, _ = await connect(f"/ws/rooms/{room.slug}/", member)
    await communicator.send_json_to({"type": "message", "body": "hi", "author_id": other_member.pk})
    error = await receive_until(communicator, "error")
    assert error["code"] == "identity_mismatch"
    assert await database_sync_to_async(RoomMessage.objects.count)() == 0
    await communicator.disconnect()


@realtime
@in_own_loop
async def test_room_flood_gets_rate_limited_error(redis_channel_layer, member, settings):
    settings.FORUMS_WS_MESSAGE_RATE = (3, 10)
    room = await database_sync_to_async(LiveRoomFactory)()
    communicator, _, _ = await connect(f"/ws/rooms/{room.slug}/", member)
    for i in range(5):
        await communicator.send_json_to({"type": "message", "body": f"flood {i}"})
    errors = [f for f in await drain(communicator) if f["type"] == "error"]
    assert [e["code"] for e in errors] == ["rate_limited", "rate_limited"]
    assert await database_sync_to_async(RoomMessage.objects.count)() == 3
    await communicator.send_json_to({"type": "ping"})
    assert (await receive_until(communicator, "pong"))["type"] == "pong"
    await communicator.disconnect()


@realtime
@in_own_loop
async def test_room_resume_catches_up_and_history_on_first_connect(redis_channel_layer, member):
    room = await database_sync_to_async(LiveRoomFactory)()
    messages = [
        await database_sync_to_async(services.room_message_create)(
            room=room, author=member, body=f"m{i}"
        )
        for i in range(4)
    ]
    communicator, _, _ = await connect(f"/ws/rooms/{room.slug}/", member)
    await communicator.send_json_to({"type": "resume", "last_id": messages[1].pk})
    frames = [f for f in await drain(communicator) if f["type"] == "room.message"]
    assert [f["message"]["id"] for f in frames] == [m.pk for m in messages[2:]]
    await communicator.disconnect()


@realtime
@in_own_loop
async def test_secret_group_room_is_refused_to_non_members(redis_channel_layer, member):
    group = await database_sync_to_async(GroupFactory)(privacy=Group.Privacy.SECRET)
    room = await database_sync_to_async(LiveRoomFactory)(group=group)
    _, connected, code = await connect(f"/ws/rooms/{room.slug}/", member)
    assert not connected
    assert code == 4404
    await database_sync_to_async(Membership.objects.create)(group=group, user=member)
    communicator, connected, _ = await connect(f"/ws/rooms/{room.slug}/", member)
    assert connected
    await communicator.disconnect()


@in_own_loop
async def test_fan_out_works_on_the_in_memory_layer_too(memory_channel_layer, member, other_member):
    topic = await database_sync_to_async(TopicFactory)()
    first, _, _ = await connect(topic_path(topic), member)
    second, _, _ = await connect(topic_path(topic), other_member)
    post = await database_sync_to_async(services.post_create)(
        topic=topic, author=member, body="In memory"
    )
    for communicator in (first, second):
        frame = await receive_until(communicator, "post.created")
        assert frame["post"]["id"] == post.pk
        await communicator.disconnect()


@realtime
@in_own_loop
async def test_post_is_committed_before_its_broadcast(redis_channel_layer, member):
    """The receiving side reads the row the moment the event arrives: it is there."""
    from forums.models import Post

    topic = await database_sync_to_async(TopicFactory)()
    communicator, _, _ = await connect(topic_path(topic), member)
    await database_sync_to_async(services.post_create)(topic=topic, author=member, body="Committed")
    frame = await receive_until(communicator, "post.created")
    assert await database_sync_to_async(Post.objects.filter(pk=frame["post"]["id"]).exists)()
    await communicator.disconnect()


def test_events_are_json_serialisable(member):
    from forums import live

    post = PostFactory()
    assert json.dumps(live.post_event("post.created", post.pk))


# ---------------------------------------------------------------------------
# A topic's socket follows its topic: moves, privacy changes, membership changes
# (issue 14, finding 1), on the in-memory layer and on Redis.
# ---------------------------------------------------------------------------
@pytest.fixture(params=["memory", "redis"])
def any_layer(request):
    return request.getfixturevalue(f"{request.param}_channel_layer")


def _public_category():
    return CategoryFactory(group=GroupFactory(privacy=Group.Privacy.PUBLIC))


async def _move(topic, category, actor):
    await database_sync_to_async(services.topic_move)(topic=topic, actor=actor, category=category)


async def _set_privacy(group, privacy, actor):
    from community.services.groups import group_update

    await database_sync_to_async(group_update)(group=group, actor=actor, privacy=privacy)


async def assert_revoked_and_silent(communicator, topic, author) -> None:
    """The socket is told, closed with 4403, and hears nothing of later posts."""
    await receive_until(communicator, "revoked")
    assert await communicator.receive_output(timeout=5) == {
        "type": "websocket.close",
        "code": 4403,
    }
    await database_sync_to_async(services.post_create)(
        topic=topic, author=author, body="Members only from now on", rate_limit=False
    )
    assert [f for f in await drain(communicator) if f.get("type") != "websocket.close"] == []


@realtime
@in_own_loop
async def test_moved_topic_socket_is_cut_off_when_the_new_group_turns_private(
    any_layer, member, staff
):
    topic = await database_sync_to_async(TopicFactory)(
        category=await database_sync_to_async(_public_category)()
    )
    target = await database_sync_to_async(_public_category)()
    communicator, connected, _ = await connect(topic_path(topic), member)
    assert connected
    await _move(topic, target, staff)
    assert (await receive_until(communicator, "topic.changed"))["change"] == "category"
    await _set_privacy(target.group, Group.Privacy.PRIVATE, staff)
    await assert_revoked_and_silent(communicator, topic, staff)


@realtime
@in_own_loop
async def test_socket_follows_a_topic_moved_twice(any_layer, member, staff):
    topic = await database_sync_to_async(TopicFactory)(
        category=await database_sync_to_async(_public_category)()
    )
    middle = await database_sync_to_async(_public_category)()
    last = await database_sync_to_async(_public_category)()
    communicator, _, _ = await connect(topic_path(topic), member)
    await _move(topic, middle, staff)
    await _move(topic, last, staff)
    await _set_privacy(middle.group, Group.Privacy.SECRET, staff)
    post = await database_sync_to_async(services.post_create)(
        topic=topic, author=staff, body="Still public here"
    )
    assert (await receive_until(communicator, "post.created"))["post"]["id"] == post.pk
    await _set_privacy(last.group, Group.Privacy.SECRET, staff)
    await assert_revoked_and_silent(communicator, topic, staff)


@realtime
@in_own_loop
async def test_topic_moved_into_a_group_made_private_before_is_cut_off(any_layer, member, staff):
    topic = await database_sync_to_async(TopicFactory)(
        category=await database_sync_to_async(_public_category)()
    )
    target = await database_sync_to_async(_public_category)()
    communicator, _, _ = await connect(topic_path(topic), member)
    await _set_privacy(target.group, Group.Privacy.PRIVATE, staff)
    await _move(topic, target, staff)
    await assert_revoked_and_silent(communicator, topic, staff)


@realtime
@in_own_loop
async def test_topic_moved_straight_into_a_secret_group_is_cut_off(any_layer, member, staff):
    topic = await database_sync_to_async(TopicFactory)(
        category=await database_sync_to_async(_public_category)()
    )
    target = await database_sync_to_async(CategoryFactory)(
        group=await database_sync_to_async(GroupFactory)(privacy=Group.Privacy.SECRET)
    )
    communicator, _, _ = await connect(topic_path(topic), member)
    await _move(topic, target, staff)
    await assert_revoked_and_silent(communicator, topic, staff)


@realtime
@in_own_loop
async def test_member_removed_from_the_group_a_topic_moved_into_is_cut_off(
    any_layer, member, staff
):
    from community.services.groups import membership_remove

    topic = await database_sync_to_async(TopicFactory)(
        category=await database_sync_to_async(_public_category)()
    )
    group = await database_sync_to_async(GroupFactory)(privacy=Group.Privacy.PRIVATE)
    await database_sync_to_async(MembershipFactory)(group=group, user=member)
    target = await database_sync_to_async(CategoryFactory)(group=group)
    communicator, _, _ = await connect(topic_path(topic), member)
    await _move(topic, target, staff)
    assert (await receive_until(communicator, "topic.changed"))["change"] == "category"
    await database_sync_to_async(membership_remove)(group=group, actor=staff, user=member)
    await assert_revoked_and_silent(communicator, topic, staff)


def _privatise_silently(group) -> None:
    """A change that announces nothing (a bulk update, a data migration, a lost event):
    the socket must still not leak."""
    Group.objects.filter(pk=group.pk).update(privacy=Group.Privacy.PRIVATE)


@realtime
@in_own_loop
async def test_resume_after_an_unannounced_revocation_sends_no_history(any_layer, member, staff):
    topic = await database_sync_to_async(TopicFactory)(
        category=await database_sync_to_async(_public_category)()
    )
    communicator, _, _ = await connect(topic_path(topic), member)
    await receive_until(communicator, "presence")
    await database_sync_to_async(_privatise_silently)(topic.category.group)
    await communicator.send_json_to({"type": "resume", "last_id": 0})
    await assert_revoked_and_silent(communicator, topic, staff)


@realtime
@in_own_loop
async def test_post_after_an_unannounced_revocation_is_not_delivered(any_layer, member, staff):
    topic = await database_sync_to_async(TopicFactory)(
        category=await database_sync_to_async(_public_category)()
    )
    communicator, _, _ = await connect(topic_path(topic), member)
    await receive_until(communicator, "presence")
    await database_sync_to_async(_privatise_silently)(topic.category.group)
    await database_sync_to_async(services.post_create)(
        topic=topic, author=staff, body="For members only"
    )
    frames = []
    while not await communicator.receive_nothing(timeout=1):
        output = await communicator.receive_output()
        frames.append(json.loads(output["text"]) if output.get("text") else output)
    assert not any(f.get("type") == "post.created" for f in frames)
    assert {"type": "websocket.close", "code": 4403} in frames


async def _kill_subscriptions(redis_url: str) -> int:
    """Cut every pub/sub connection Redis holds, as a restart or a failover does: the
    sockets to the clients stay open."""
    import redis.asyncio as aioredis

    client = aioredis.Redis.from_url(redis_url)
    try:
        return await client.client_kill_filter(_type="pubsub", skipme=True)
    finally:
        await client.aclose()


@realtime
@in_own_loop
async def test_a_lost_subscription_makes_open_pages_catch_up(
    redis_channel_layer, redis_url, member, other_member
):
    """Events published while the worker was not subscribed never reach it; the socket
    stays open, so the layer tells it, the page resumes, and the post sent in the gap
    arrives once. The bell re-reads its count too."""
    topic = await database_sync_to_async(TopicFactory)()
    first = await database_sync_to_async(PostFactory)(topic=topic)
    page, _, _ = await connect(topic_path(topic), member)
    bell, _, _ = await connect("/ws/notifications/", member)
    await receive_until(bell, "notification.count")
    await page.send_json_to({"type": "resume", "last_id": first.pk})
    await receive_until(page, "resume.done")

    assert await _kill_subscriptions(redis_url) >= 1
    in_gap = await database_sync_to_async(services.post_create)(
        topic=topic, author=other_member, body="Sent while the worker was cut off"
    )
    await receive_until(page, "resync")
    await receive_until(bell, "notification.count")
    await page.send_json_to({"type": "resume", "last_id": first.pk})
    frames = []
    while not frames or frames[-1]["type"] != "resume.done":
        frames.append(await page.receive_json_from(timeout=5))
    frames += await drain(page)
    delivered = [f["post"]["id"] for f in frames if f["type"] == "post.created"]
    assert delivered == [in_gap.pk]
    await page.disconnect()
    await bell.disconnect()
