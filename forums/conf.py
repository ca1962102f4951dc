"""Limits of the forums, overridable from settings (``FORUMS_<NAME>``)."""

from django.conf import settings

_DEFAULTS = {
    "TITLE_MAX_CHARS": 200,
    "POST_MAX_CHARS": 20_000,
    "ROOM_MESSAGE_MAX_CHARS": 2_000,
    "REASON_MAX_CHARS": 500,
    "ATTACHMENT_MAX_BYTES": 5 * 1024 * 1024,
    "ATTACHMENTS_PER_POST": 5,
    # WebSocket frames: anything larger is refused before it is parsed.
    "WS_FRAME_MAX_BYTES": 8 * 1024,
    # Per member: room messages, and every other frame (typing, presence, resume).
    "WS_MESSAGE_RATE": (10, 10),
    "WS_FRAME_RATE": (40, 10),
    # Per member, over HTTP: new posts and topics.
    "POST_RATE": (12, 60),
    "PRESENCE_TTL": 90,
    # Presence frames list at most this many names (with the total count); at this many
    # readers or more, announcements are throttled to one per interval (seconds).
    "PRESENCE_NAMES": 30,
    "PRESENCE_CROWD": 50,
    "PRESENCE_INTERVAL": 2,
    # The change log a resuming client catches up from: the last this many changes of
    # each topic or room are kept (pruned every so many changes); an older cursor is
    # told to reload the page.
    "LIVE_CHANGES_KEPT": 1000,
    "LIVE_CHANGES_PRUNE_EVERY": 50,
}


def limit(name: str):
    return getattr(settings, f"FORUMS_{name}", _DEFAULTS[name])
