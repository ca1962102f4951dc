"""Full resume, the Zulip way (``verify_action``): a client records the state of a fresh
page load, goes away while the topic or room changes in every way a page shows, comes
back, resumes from its cursor, and applies the frames it receives with a reducer that
mirrors ``static/js/forum-live.js``. Its state must equal a fresh page load's, built
from the same selectors the page uses."""

import re
from copy import deepcopy

import pytest
from channels.db import database_sync_to_async
from django.test import Client

from community.models import Group
from community.services.accounts import account_delete
from forums import live, selectors, services
from forums.models import Category

from .factories import CategoryFactory, GroupFactory, LiveRoomFactory, PostFactory, TopicFactory
from .test_consumers import connect, in_own_loop, realtime, topic_path

pytestmark = [pytest.mark.django_db(transaction=True), realtime]


# ---------------------------------------------------------------------------
# The page, and a client that mirrors forum-live.js
# ---------------------------------------------------------------------------
def _page_data(user, url: str, root_id: str) -> dict[str, int]:
    """``data-last-id`` and ``data-cursor`` of the page's live root, as the browser
    reads them."""
    client = Client()
    client.force_login(user)
    html = client.get(url).content.decode()
    root = re.search(rf'<div id="{root_id}"[^>]*>', html).group(0)
    return {
        name: int(re.search(rf'data-{name}="(\d+)"', root).group(1))
        for name in ("last-id", "cursor")
    }


def topic_page_state(user, topic_id: int) -> dict:
    """What a fresh load of the topic page shows, from the page's selectors."""
    topic = selectors.topic_get(viewer=user, pk=topic_id)
    data = _page_data(user, topic.get_absolute_url(), "topic-live")
    return {
        "cursor": data["cursor"],
        "last_id": data["last-id"],
        "topic": live.topic_payload(topic),
        "items": {p.pk: live.post_payload(p) for p in selectors.topic_posts(topic=topic)},
    }


def room_page_state(user, slug: str) -> dict:
    room = selectors.room_get(viewer=user, slug=slug)
    data = _page_data(user, room.get_absolute_url(), "room-live")
    return {
        "cursor": data["cursor"],
        "last_id": data["last-id"],
        "items": {m.pk: live.message_payload(m) for m in selectors.room_history(room=room)},
    }


def shown(state: dict) -> dict:
    """What the person sees, and where the page resumes from next time (``last_id`` is
    the page's own bookkeeping: it never goes back, even when the last post is gone)."""
    return {k: v for k, v in state.items() if k != "last_id"}


def apply_frame(state: dict, frame: dict) -> None:
    """forum-live.js's handlers, on a dict instead of the DOM."""
    items, kind = state["items"], frame["type"]
    if kind == "reload":
        raise AssertionError("told to reload")
    if kind == "post.created":
        items[frame["post"]["id"]] = frame["post"]
    elif kind in ("post.edited", "post.hidden"):
        if frame["post"]["id"] in items:
            items[frame["post"]["id"]] = frame["post"]
    elif kind == "post.removed":
        items.pop(frame["post_id"], None)
    elif kind == "reaction.changed":
        if frame["post_id"] in items:
            items[frame["post_id"]]["reactions"] = frame["reactions"]
    elif kind == "topic.changed":
        for post_id in frame.get("post_ids") or ():
            items.pop(post_id, None)
        state["topic"] = frame["topic"]
        for post in items.values():
            post["is_accepted"] = post["id"] == frame["topic"]["accepted_post_id"]
    elif kind in ("room.message", "room.message_hidden"):
        message = frame["message"]
        if message["id"] in items or kind == "room.message":
            items[message["id"]] = message
    elif kind == "room.message_removed":
        items.pop(frame["message_id"], None)
    if kind in ("post.created", "room.message"):
        item = frame["post"] if kind == "post.created" else frame["message"]
        state["last_id"] = max(state["last_id"], item["id"])
    if kind == "resume.done":
        state["cursor"] = frame["cursor"]
    elif isinstance(frame.get("seq"), int):
        state["cursor"] = max(state["cursor"], frame["seq"])


async def resume(path: str, user, state: dict) -> list[dict]:
    """Reconnect, resume from the state's ids, apply every frame until the catch-up
    ends; returns the frames."""
    communicator, connected, _ = await connect(path, user)
    assert connected
    await communicator.send_json_to(
        {"type": "resume", "last_id": state["last_id"], "cursor": state["cursor"]}
    )
    frames = []
    while True:
        frame = await communicator.receive_json_from(timeout=5)
        if frame["type"] == "presence":
            continue
        frames.append(frame)
        apply_frame(state, frame)
        if frame["type"] in ("resume.done", "reload"):
            break
    await communicator.disconnect()
    return frames


def _qa_topic(asker, other):
    category = CategoryFactory(kind=Category.Kind.QA)
    topic = services.topic_create(
        category=category, author=asker, title="Who recognises skills?", body="Opening"
    )
    replies = [
        services.post_create(topic=topic, author=other, body=f"Answer {i}", rate_limit=False)
        for i in range(4)
    ]
    return topic, replies


def _change_everything(topic, replies, *, asker, other, moderator) -> None:
    """While the client is away: a new post, an edit, a hide and an unhide, reactions,
    two accepted answers in turn, a rename, a pin, a close, a split and a move."""
    first, second, third, fourth = replies
    services.post_create(topic=topic, author=other, body="Posted while you were away")
    services.post_edit(post=first, editor=other, body="Answer 0, corrected")
    services.post_hide(post=second, actor=moderator, reason="Off topic")
    services.post_hide(post=third, actor=moderator, reason="Mistake")
    services.post_unhide(post=third, actor=moderator)
    services.reaction_toggle(post=first, user=asker, kind="helpful")
    services.reaction_toggle(post=third, user=asker, kind="thanks")
    services.answer_accept(post=third, actor=asker)
    services.answer_accept(post=first, actor=asker)
    services.topic_rename(topic=topic, actor=moderator, title="Who recognises skills abroad?")
    services.topic_pin(topic=topic, actor=moderator)
    services.topic_close(topic=topic, actor=moderator)
    services.topic_split(topic=topic, actor=moderator, posts=[fourth], title="A side question")
    elsewhere = CategoryFactory(group=GroupFactory(privacy=Group.Privacy.PUBLIC), name="Skills")
    services.topic_move(topic=topic, actor=moderator, category=elsewhere)


# ---------------------------------------------------------------------------
# Topics
# ---------------------------------------------------------------------------
@in_own_loop
async def test_a_resumed_topic_equals_a_fresh_page_load(
    redis_channel_layer, member, other_member, staff
):
    topic, replies = await database_sync_to_async(_qa_topic)(member, other_member)
    state = await database_sync_to_async(topic_page_state)(member, topic.pk)
    await resume(topic_path(topic), member, state)  # a first visit: nothing to catch up
    await database_sync_to_async(_change_everything)(
        topic, replies, asker=member, other=other_member, moderator=staff
    )
    stale = deepcopy(state)

    frames = await resume(topic_path(topic), member, state)

    fresh = await database_sync_to_async(topic_page_state)(member, topic.pk)
    assert shown(state) == shown(fresh)
    assert shown(state) != shown(stale)
    assert frames[-1]["type"] == "resume.done"
    assert all(frame.get("replay") for frame in frames[:-1])


@in_own_loop
async def test_a_resumed_topic_drops_the_posts_of_a_deleted_account(
    redis_channel_layer, member, other_member
):
    topic = await database_sync_to_async(TopicFactory)()
    await database_sync_to_async(PostFactory)(topic=topic)
    leaving = await database_sync_to_async(services.post_create)(
        topic=topic, author=other_member, body="I will delete this", rate_limit=False
    )
    state = await database_sync_to_async(topic_page_state)(member, topic.pk)
    assert leaving.pk in state["items"]
    await database_sync_to_async(account_delete)(user=other_member, delete_content=True)

    await resume(topic_path(topic), member, state)

    assert shown(state) == shown(await database_sync_to_async(topic_page_state)(member, topic.pk))
    assert leaving.pk not in state["items"]


@in_own_loop
async def test_a_cursor_older_than_the_change_log_is_told_to_reload(
    redis_channel_layer, member, other_member, settings
):
    settings.FORUMS_LIVE_CHANGES_KEPT = 2
    settings.FORUMS_LIVE_CHANGES_PRUNE_EVERY = 1
    topic = await database_sync_to_async(TopicFactory)()
    post = await database_sync_to_async(PostFactory)(topic=topic, author=other_member)
    state = await database_sync_to_async(topic_page_state)(member, topic.pk)
    for i in range(4):
        await database_sync_to_async(services.post_edit)(
            post=post, editor=other_member, body=f"Edit {i}"
        )

    communicator, _, _ = await connect(topic_path(topic), member)
    await communicator.send_json_to(
        {"type": "resume", "last_id": state["last_id"], "cursor": state["cursor"]}
    )
    frame = await communicator.receive_json_from(timeout=5)
    while frame["type"] == "presence":
        frame = await communicator.receive_json_from(timeout=5)
    await communicator.disconnect()

    assert frame["type"] == "reload"
    assert "reload" in frame["message"]


@in_own_loop
async def test_a_cursor_within_the_change_log_still_catches_up(
    redis_channel_layer, member, other_member, settings
):
    settings.FORUMS_LIVE_CHANGES_KEPT = 2
    settings.FORUMS_LIVE_CHANGES_PRUNE_EVERY = 1
    topic = await database_sync_to_async(TopicFactory)()
    post = await database_sync_to_async(PostFactory)(topic=topic, author=other_member)
    for i in range(3):
        await database_sync_to_async(services.post_edit)(
            post=post, editor=other_member, body=f"Edit {i}"
        )
    state = await database_sync_to_async(topic_page_state)(member, topic.pk)
    await database_sync_to_async(services.post_edit)(
        post=post, editor=other_member, body="The last edit"
    )

    await resume(topic_path(topic), member, state)

    assert shown(state) == shown(await database_sync_to_async(topic_page_state)(member, topic.pk))


# ---------------------------------------------------------------------------
# Rooms
# ---------------------------------------------------------------------------
@in_own_loop
async def test_a_resumed_room_equals_a_fresh_page_load(
    redis_channel_layer, member, other_member, staff
):
    room = await database_sync_to_async(LiveRoomFactory)()
    sent = [
        await database_sync_to_async(services.room_message_create)(
            room=room, author=author, body=f"m{i}"
        )
        for i, author in enumerate((member, other_member, other_member, member))
    ]
    path = f"/ws/rooms/{room.slug}/"
    state = await database_sync_to_async(room_page_state)(member, room.slug)
    await resume(path, member, state)

    def while_away():
        services.room_message_create(room=room, author=member, body="Back in five")
        services.room_message_hide(message=sent[0], actor=staff, reason="Off topic")
        services.room_message_create(room=room, author=staff, body="Welcome back")
        account_delete(user=other_member, delete_content=True)

    await database_sync_to_async(while_away)()
    stale = deepcopy(state)

    await resume(path, member, state)

    fresh = await database_sync_to_async(room_page_state)(member, room.slug)
    assert shown(state) == shown(fresh)
    assert shown(state) != shown(stale)
