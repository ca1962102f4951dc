"""Forum writes. Import from here: ``from forums import services``."""

from .categories import category_create
from .moderation import (
    flag_create,
    flag_resolve,
    post_hide,
    post_unhide,
    topic_close,
    topic_lock,
    topic_move,
    topic_pin,
    topic_rename,
    topic_split,
)
from .posts import (
    answer_accept,
    can_edit_post,
    post_create,
    post_edit,
    quote_markdown,
    reaction_toggle,
    render_body,
    topic_create,
    topic_mark_read,
    watch_set,
)
from .rooms import room_create, room_message_create, room_message_hide

__all__ = [
    "answer_accept",
    "can_edit_post",
    "category_create",
    "flag_create",
    "flag_resolve",
    "post_create",
    "post_edit",
    "post_hide",
    "post_unhide",
    "quote_markdown",
    "reaction_toggle",
    "render_body",
    "room_create",
    "room_message_create",
    "room_message_hide",
    "topic_close",
    "topic_create",
    "topic_lock",
    "topic_mark_read",
    "topic_move",
    "topic_pin",
    "topic_rename",
    "topic_split",
    "watch_set",
]
