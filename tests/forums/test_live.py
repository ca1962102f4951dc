"""The catalogue of live events (forums/live.py): producers cannot send an undeclared
event or field, and every catalogued event has a handler on the consumers that may
receive it."""

import pytest

from forums import live
from forums.consumers import RoomConsumer, TopicConsumer


def test_an_undeclared_field_is_refused():
    with pytest.raises(ValueError, match="undeclared"):
        live.event("reaction.changed", post_id=1, reactions={}, body="leak")


def test_a_missing_field_is_refused():
    with pytest.raises(ValueError, match="missing"):
        live.event("post.created")


def test_an_unknown_event_is_refused():
    with pytest.raises(KeyError):
        live.event("post.deleted", post={})


def test_the_client_frame_never_carries_the_scope_or_the_sender():
    message = live.event(
        "typing", scope={"group_id": 3}, user_id=1, name="Amina", sender="specific.abc"
    )
    assert live.client_frame(message) == {"type": "typing", "user_id": 1, "name": "Amina"}


def test_every_catalogued_event_has_a_handler_on_the_consumers():
    topic_events = {
        "post.created",
        "post.edited",
        "post.hidden",
        "post.removed",
        "reaction.changed",
    }
    room_events = {"room.message", "room.message_hidden", "room.message_removed"}
    for spec in live.CATALOGUE.values():
        consumers = (
            [TopicConsumer]
            if spec.name in topic_events | {"topic.changed"}
            else [RoomConsumer]
            if spec.name in room_events
            else [TopicConsumer, RoomConsumer]
        )
        for consumer in consumers:
            assert callable(getattr(consumer, spec.handler, None)), (consumer, spec.name)
