"""What the forums hold about a member: their part of the data export, and what happens
to their topics, posts, reactions and live messages when they delete their account
(see :mod:`community.exports`).

A member's own words are always theirs to take away; the title of someone else's topic
is that topic's content, so it is named only while the member may still see the topic
(the forums' one visibility selector, as on the pages).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from community.exports import account_deleting, register_exporter
from community.models import User
from community.privacy import iso

from . import live, selectors
from .models import (
    Attachment,
    LiveRoom,
    Post,
    PostRevision,
    Reaction,
    RoomMessage,
    Topic,
    TopicReadState,
)
from .services import render_body
from .services.moderation import _refresh_counters


def _visible_topic_ids(user: User, topic_ids: set[int]) -> set[int]:
    return set(
        selectors.visible_topics(viewer=user).filter(pk__in=topic_ids).values_list("pk", flat=True)
    )


@register_exporter(
    "forum_topics",
    title=_("Discussions you started"),
    fields={"title": _("Title"), "category": _("Forum"), "created": _("Started")},
    order=10,
)
def export_topics(user: User) -> list[dict[str, Any]]:
    return [
        {
            "id": t.pk,
            "title": t.title,
            "category": t.category.name,
            "url": t.get_absolute_url(),
            "created": iso(t.created_at),
        }
        for t in Topic.objects.filter(author=user).select_related("category").order_by("pk")
    ]


@register_exporter(
    "forum_posts",
    title=_("Your forum posts"),
    fields={
        "topic": _("Discussion"),
        "body": _("Text"),
        "created": _("Written"),
        "edited": _("Edited"),
        "hidden": _("Hidden by a moderator"),
    },
    order=11,
)
def export_posts(user: User) -> list[dict[str, Any]]:
    posts = list(Post.objects.filter(author=user).select_related("topic").order_by("pk"))
    visible = _visible_topic_ids(user, {p.topic_id for p in posts})
    return [
        {
            "id": p.pk,
            "topic": p.topic.title if p.topic_id in visible else None,
            "url": p.get_absolute_url() if p.topic_id in visible else None,
            "body": p.body,
            "language": p.language,
            "created": iso(p.created_at),
            "edited": iso(p.edited_at),
            "hidden": p.hidden,
        }
        for p in posts
    ]


@register_exporter(
    "forum_reactions",
    title=_("Your reactions"),
    fields={"kind": _("Reaction"), "topic": _("Discussion"), "created": _("When")},
    order=12,
)
def export_reactions(user: User) -> list[dict[str, Any]]:
    reactions = list(
        Reaction.objects.filter(user=user).select_related("post__topic").order_by("pk")
    )
    visible = _visible_topic_ids(user, {r.post.topic_id for r in reactions})
    return [
        {
            "kind": r.kind,
            "post": r.post_id,
            "topic": r.post.topic.title if r.post.topic_id in visible else None,
            "created": iso(r.created_at),
        }
        for r in reactions
    ]


@register_exporter(
    "live_messages",
    title=_("Your live discussion messages"),
    fields={"room": _("Room"), "body": _("Message"), "created": _("Sent")},
    order=13,
)
def export_room_messages(user: User) -> list[dict[str, Any]]:
    messages = list(
        RoomMessage.objects.filter(author=user).select_related("room__group").order_by("pk")
    )
    return [
        {
            "room": m.room.name if selectors.can_view_room(viewer=user, room=m.room) else None,
            "body": m.body,
            "created": iso(m.created_at),
        }
        for m in messages
    ]


def _clear_opening_post(post: Post) -> None:
    """What is left of an opening post whose author deleted it: a note, no author, no
    history, no attachments, no reactions."""
    with translation.override(settings.LANGUAGE_CODE):
        note = gettext("The person who started this discussion left and deleted what they wrote.")
    post.body = note
    post.body_html = render_body(note)[0]
    post.author = None
    post.language = ""
    post.edited_at = None
    post.edit_count = 0
    post.is_accepted = False
    post.save()
    PostRevision.objects.filter(post=post).delete()
    Reaction.objects.filter(post=post).delete()
    _delete_attachments(Attachment.objects.filter(post=post))


def _delete_attachments(attachments) -> None:
    files = [(a.file.storage, a.file.name) for a in attachments if a.file]
    attachments.delete()

    def remove_files() -> None:
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(remove_files)


def delete_member_content(*, user: User) -> set[int]:
    """Delete what a member wrote in the forums; returns the ids of the topics touched.

    A topic the member started goes with its posts — unless other people replied. Then
    their replies stay readable under the same title (the question they answered), but
    the opening post is replaced by a note and nothing links the topic to the member any
    more: deleting the whole topic would erase other people's words, and keeping the
    opening text would not be a deletion. The member's replies elsewhere are deleted, and
    the counters of those topics are brought up to date.
    """
    started = list(Topic.objects.filter(author=user).values_list("pk", flat=True))
    with_others = set(
        Post.objects.filter(topic_id__in=started)
        .filter(~Q(author=user) | Q(author__isnull=True))
        .values_list("topic_id", flat=True)
    )
    touched = set(started) | set(
        Post.objects.filter(author=user).values_list("topic_id", flat=True)
    )
    changed_posts = list(
        Post.objects.filter(Q(author=user) | Q(reactions__user=user)).values_list("topic_id", "pk")
    )
    changed_messages = list(RoomMessage.objects.filter(author=user).values_list("room_id", "pk"))
    _delete_attachments(Attachment.objects.filter(Q(post__author=user) | Q(uploaded_by=user)))
    for topic_id in with_others:
        opening = Post.objects.filter(topic_id=topic_id).order_by("pk").first()
        if opening is not None and opening.author_id == user.pk:
            _clear_opening_post(opening)
    Topic.objects.filter(pk__in=with_others).update(author=None)
    Topic.objects.filter(pk__in=set(started) - with_others).delete()
    Post.objects.filter(author=user).delete()
    for topic in Topic.objects.filter(pk__in=touched):
        _refresh_counters(topic)
    Reaction.objects.filter(user=user).delete()
    RoomMessage.objects.filter(author=user).delete()
    _log_live_changes(changed_posts, kind="post", field="topic_id")
    _log_live_changes(changed_messages, kind="message", field="room_id")
    return touched


def _log_live_changes(pairs, *, kind: str, field: str) -> None:
    """Record the deletions in each surviving topic's (room's) change log, so that an
    open page that resumes drops the deleted posts (messages) as a fresh load would."""
    by_target: dict[int, set[int]] = {}
    for target_id, object_id in pairs:
        by_target.setdefault(target_id, set()).add(object_id)
    model = Topic if field == "topic_id" else LiveRoom
    for target_id in model.objects.filter(pk__in=by_target).values_list("pk", flat=True):
        live.change_record(
            touches=[(kind, pk) for pk in sorted(by_target[target_id])], **{field: target_id}
        )


def _on_account_deleting(sender, user: User, delete_content: bool, **kwargs) -> None:
    TopicReadState.objects.filter(user=user).delete()
    if not delete_content:
        return  # authorship reads "Former member" from the anonymised account
    touched = sorted(delete_member_content(user=user))
    if touched:
        from search.updates import index_after_commit

        index_after_commit(Topic.objects.filter(pk__in=touched))


account_deleting.connect(_on_account_deleting, dispatch_uid="forums-privacy-delete")
