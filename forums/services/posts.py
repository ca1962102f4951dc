"""Writing in the forums: topics, posts, edits, reactions, accepted answers, read state
and watching. Every function is atomic; broadcasts and notifications that leave the
process run on commit."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from community import services as community_services
from community.models import Notification, User
from core import ratelimit
from core.i18n import active_language, supported_language
from core.markdown import clean_text, render_markdown

from .. import live, selectors
from ..attachments import check_upload
from ..conf import limit
from ..models import Attachment, Category, Post, PostRevision, Reaction, Topic, TopicReadState
from .audit import _audit

logger = logging.getLogger(__name__)

MENTION_RE = re.compile(r"(?<![\w@/.])@([A-Za-z0-9][A-Za-z0-9_-]{0,39})")


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------
def render_body(body: str) -> tuple[str, list[User]]:
    """Markdown to sanitised HTML, with ``@handle`` of existing members linked to their
    profile. Returns the HTML and the members mentioned."""
    text = clean_text(body)
    handles = {m.lower() for m in MENTION_RE.findall(text)}
    users = selectors.mentioned_users(handles)
    known = {u.handle.lower(): u for u in users}

    def link(match: re.Match) -> str:
        user = known.get(match.group(1).lower())
        if user is None:
            return match.group(0)
        return f"[@{user.handle}](/members/{user.handle}/)"

    return str(render_markdown(MENTION_RE.sub(link, text))), users


def _clean_body(body: str, *, field: str = "body", max_chars: int | None = None) -> str:
    text = clean_text(body or "").strip()
    max_chars = max_chars or limit("POST_MAX_CHARS")
    if not text:
        raise ValidationError({field: _("Write something first.")}, code="required")
    if len(text) > max_chars:
        raise ValidationError(
            {
                field: _("This is %(length)d characters long; the limit is %(max)d.")
                % {"length": len(text), "max": max_chars}
            },
            code="max_length",
        )
    return text


def clean_title(title: str) -> str:
    text = " ".join(clean_text(title or "").split())
    if not text:
        raise ValidationError({"title": _("Give the topic a title.")}, code="required")
    if len(text) > limit("TITLE_MAX_CHARS"):
        raise ValidationError(
            {
                "title": _("Titles may be up to %(max)d characters.")
                % {"max": limit("TITLE_MAX_CHARS")}
            },
            code="max_length",
        )
    return text


def clean_language(language: str | None) -> str:
    """The language a post is written in: the one the author chose, or the active
    interface language when they did not say. An unknown code is a field error."""
    if not language:
        return active_language()
    cleaned = supported_language(language)
    if cleaned is None:
        raise ValidationError(
            {"language": _("Choose one of the languages offered.")}, code="invalid_choice"
        )
    return cleaned


def _require_visible(*, user: User, topic: Topic) -> None:
    if not selectors.can_view_topic(viewer=user, topic=topic):
        # The same answer as for a topic that does not exist.
        raise Topic.DoesNotExist


def _check_uploads(files: Sequence[UploadedFile]) -> list:
    if len(files) > limit("ATTACHMENTS_PER_POST"):
        raise ValidationError(
            {
                "attachments": _("Attach up to %(max)d files to one post.")
                % {"max": limit("ATTACHMENTS_PER_POST")}
            }
        )
    checked, errors = [], []
    for upload in files:
        try:
            checked.append((upload, check_upload(upload)))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError({"attachments": errors})
    return checked


def _collect(errors: dict[str, list[str]], clean: Callable[[Any], Any], value: Any) -> Any:
    """Run one field's cleaner; on failure keep its errors (so a form shows every
    problem at once) and return None."""
    try:
        return clean(value)
    except ValidationError as exc:
        errors.update(exc.message_dict)
        return None


def _store_attachments(*, post: Post, author: User, checked: list) -> None:
    for upload, info in checked:
        upload.seek(0)
        attachment = Attachment(
            post=post,
            original_name=info.original_name,
            kind=info.kind,
            content_type=info.content_type,
            size=info.size,
            uploaded_by=author,
        )
        attachment.file.save(info.storage_name(), ContentFile(upload.read()), save=False)
        attachment.save()


def _notify_mentions(*, post: Post, users: Sequence[User], actor: User) -> set[int]:
    group = post.topic.category.group
    notified = set()
    for user in users:
        if community_services.notification_create(
            recipient=user,
            actor=actor,
            verb=Notification.Verb.MENTION,
            title=_("%(name)s mentioned you in “%(topic)s”")
            % {"name": actor.display_name, "topic": post.topic.title},
            url=post.get_absolute_url(),
            target=post,
            group=group,
        ):
            notified.add(user.pk)
    return notified


def _rate_check(author: User) -> None:
    count, window = limit("POST_RATE")
    if not ratelimit.allow(f"forums:post:{author.pk}", limit=count, window=window):
        raise ValidationError(
            {"body": _("You are posting very quickly. Please wait a minute and try again.")},
            code="rate_limited",
        )


# ---------------------------------------------------------------------------
# Topics and posts
# ---------------------------------------------------------------------------
@transaction.atomic
def topic_create(
    *,
    category: Category,
    author: User,
    title: str,
    body: str,
    language: str | None = None,
    attachments: Sequence[UploadedFile] = (),
    case_study=None,
    inventory_item=None,
    recommendation=None,
    rate_limit: bool = True,
) -> Topic:
    """Start a topic with its first post. The author watches it from then on; the
    category's watchers hear about it. The topic's language is its first post's (the
    active language unless the author chose another)."""
    if not author.is_authenticated or not author.is_active:
        raise PermissionDenied
    from community import selectors as community_selectors

    if not community_selectors.can_view_group_content(viewer=author, group=category.group):
        raise Category.DoesNotExist
    errors: dict[str, list[str]] = {}
    cleaned_title = _collect(errors, clean_title, title)
    cleaned_body = _collect(errors, _clean_body, body)
    cleaned_language = _collect(errors, clean_language, language)
    checked = _collect(errors, _check_uploads, attachments)
    if errors:
        raise ValidationError(errors)
    if rate_limit:
        _rate_check(author)
    now = timezone.now()
    topic = Topic.objects.create(
        language=cleaned_language,
        category=category,
        author=author,
        title=cleaned_title,
        created_at=now,
        last_activity_at=now,
        case_study=case_study,
        inventory_item=inventory_item,
        recommendation=recommendation,
    )
    html, mentioned = render_body(cleaned_body)
    post = Post.objects.create(
        topic=topic,
        author=author,
        body=cleaned_body,
        body_html=html,
        language=cleaned_language,
        created_at=now,
    )
    _store_attachments(post=post, author=author, checked=checked)
    topic.last_post = post
    topic.save(update_fields=["last_post"])
    TopicReadState.objects.update_or_create(
        user=author, topic=topic, defaults={"last_read_post_id": post.pk}
    )
    community_services.follow_create(user=author, target=topic)
    notified = _notify_mentions(post=post, users=mentioned, actor=author)
    community_services.followers_notify(
        followed=[category, author, *([category.group] if category.group else [])],
        exclude=notified,
        verb=Notification.Verb.NEW_CONTENT,
        title=_("New topic in %(category)s: “%(topic)s”")
        % {"category": category.name, "topic": topic.title},
        url=topic.get_absolute_url(),
        actor=author,
        target=topic,
        group=category.group,
    )
    logger.info("topic %s created in %s by %s", topic.pk, category.slug, author.pk)
    return topic


@transaction.atomic
def post_create(
    *,
    topic: Topic,
    author: User,
    body: str,
    language: str | None = None,
    attachments: Sequence[UploadedFile] = (),
    rate_limit: bool = True,
) -> Post:
    """Reply to a topic. The row is committed before the topic's sockets hear of it;
    the members mentioned, the topic's watchers (its author as a reply to them), the
    author's followers and the group's followers are notified."""
    if not author.is_authenticated or not author.is_active:
        raise PermissionDenied
    topic = (
        Topic.objects.select_for_update(of=("self",))
        .select_related("category__group")
        .get(pk=topic.pk)
    )
    _require_visible(user=author, topic=topic)
    if not topic.accepts_replies and not selectors.can_moderate_category(author, topic.category):
        raise ValidationError(
            {
                "body": _("This topic is locked: no new replies.")
                if topic.locked
                else _("This topic is closed: no new replies.")
            },
            code="locked",
        )
    errors: dict[str, list[str]] = {}
    cleaned_body = _collect(errors, _clean_body, body)
    cleaned_language = _collect(errors, clean_language, language)
    checked = _collect(errors, _check_uploads, attachments)
    if errors:
        raise ValidationError(errors)
    if rate_limit:
        _rate_check(author)
    html, mentioned = render_body(cleaned_body)
    now = timezone.now()
    post = Post.objects.create(
        topic=topic,
        author=author,
        body=cleaned_body,
        body_html=html,
        language=cleaned_language,
        created_at=now,
    )
    _store_attachments(post=post, author=author, checked=checked)
    Topic.objects.filter(pk=topic.pk).update(
        reply_count=F("reply_count") + 1, last_activity_at=now, last_post=post
    )
    TopicReadState.objects.update_or_create(
        user=author, topic=topic, defaults={"last_read_post_id": post.pk}
    )
    notified = _notify_mentions(post=post, users=mentioned, actor=author)
    community_services.followers_notify(
        followed=[topic, author, *([topic.category.group] if topic.category.group else [])],
        exclude=notified,
        addressed=[topic.author_id] if topic.author_id else [],
        verb=Notification.Verb.REPLY,
        title=_("%(name)s replied to “%(topic)s”")
        % {"name": author.display_name, "topic": topic.title},
        url=post.get_absolute_url(),
        actor=author,
        target=post,
        group=topic.category.group,
    )
    post_id = post.pk
    live.change_on_commit(
        topic_id=topic.pk,
        touches=[("post", post_id)],
        build=lambda: live.post_event("post.created", post_id),
    )
    return post


def _post_changed(post: Post, name: str) -> None:
    """Log a change of one post and send ``name`` (``post.edited``/``post.hidden``) once
    committed."""
    post_id = post.pk
    live.change_on_commit(
        topic_id=post.topic_id,
        touches=[("post", post_id)],
        build=lambda: live.post_event(name, post_id),
    )


def can_edit_post(*, user: User, post: Post) -> bool:
    if not user.is_authenticated:
        return False
    if selectors.can_moderate_category(user, post.topic.category):
        return True
    return post.author_id == user.pk and not post.hidden and not post.topic.locked


@transaction.atomic
def post_edit(
    *, post: Post, editor: User, body: str, reason: str = "", language: str | None = None
) -> Post:
    """Change a post's text, keeping the previous text as a revision that moderators
    can read. Members mentioned for the first time are notified. ``language`` corrects
    the language the post was filed under (``None`` keeps it); a topic's first post
    carries the topic's language with it."""
    post = (
        Post.objects.select_for_update(of=("self",))
        .select_related("topic__category__group")
        .get(pk=post.pk)
    )
    _require_visible(user=editor, topic=post.topic)
    if not can_edit_post(user=editor, post=post):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    cleaned_body = _collect(errors, _clean_body, body)
    new_language = before_language = post.language
    if language is not None:
        new_language = _collect(errors, clean_language, language)
    if errors:
        raise ValidationError(errors)
    if new_language != post.language:
        post.language = new_language
        post.save(update_fields=["language"])
        first_id = (
            Post.objects.filter(topic_id=post.topic_id).order_by("pk").values_list("pk", flat=True)
        ).first()
        if first_id == post.pk:
            Topic.objects.filter(pk=post.topic_id).update(language=new_language)
    if cleaned_body == post.body:
        if post.language != before_language:
            _post_changed(post, "post.edited")
        return post
    _, before = render_body(post.body)
    html, mentioned = render_body(cleaned_body)
    PostRevision.objects.create(
        post=post, body=post.body, editor=editor, reason=clean_text(reason)[:300]
    )
    post.body, post.body_html = cleaned_body, html
    post.edited_at = timezone.now()
    post.edit_count += 1
    post.save(update_fields=["body", "body_html", "edited_at", "edit_count"])
    if editor.pk != post.author_id:
        _audit(actor=editor, action="edit_post", post=post, reason=reason)
    earlier = {u.pk for u in before}
    _notify_mentions(post=post, users=[u for u in mentioned if u.pk not in earlier], actor=editor)
    _post_changed(post, "post.edited")
    return post


@transaction.atomic
def reaction_toggle(*, post: Post, user: User, kind: str) -> bool:
    """Add the reaction, or take it back if it was there. Returns whether it is on."""
    if kind not in Reaction.Kind.values:
        raise ValidationError({"kind": _("Unknown reaction.")}, code="invalid")
    post = Post.objects.select_related("topic__category__group", "author").get(pk=post.pk)
    _require_visible(user=user, topic=post.topic)
    if post.hidden or post.topic.locked:
        raise ValidationError({"kind": _("This post cannot take reactions.")}, code="invalid")
    if post.author_id == user.pk:
        raise ValidationError({"kind": _("You cannot react to your own post.")}, code="own")
    deleted, _unused = Reaction.objects.filter(post=post, user=user, kind=kind).delete()
    on = not deleted
    if on:
        Reaction.objects.create(post=post, user=user, kind=kind)
        if post.author is not None:
            community_services.notification_create(
                recipient=post.author,
                actor=user,
                verb=Notification.Verb.REACTION,
                title=_("%(name)s found your post in “%(topic)s” %(kind)s")
                % {
                    "name": user.display_name,
                    "topic": post.topic.title,
                    "kind": Reaction.Kind(kind).label.lower(),
                },
                url=post.get_absolute_url(),
                target=post,
                group=post.topic.category.group,
            )
    post_id = post.pk
    live.change_on_commit(
        topic_id=post.topic_id,
        touches=[("post", post_id)],
        build=lambda: live.reaction_event(post_id),
    )
    return on


@transaction.atomic
def answer_accept(*, post: Post, actor: User) -> bool:
    """Mark (or unmark) the accepted answer of a Q&A topic. The asker or a moderator
    decides. Returns whether the post is now accepted."""
    post = Post.objects.select_related("topic__category__group").get(pk=post.pk)
    topic = Topic.objects.select_for_update(of=("self",)).get(pk=post.topic_id)
    _require_visible(user=actor, topic=post.topic)
    category = post.topic.category
    if not category.is_qa:
        raise ValidationError(_("Only questions in a Q&A category have accepted answers."))
    if actor.pk != topic.author_id and not selectors.can_moderate_category(actor, category):
        raise PermissionDenied
    first_id = Post.objects.filter(topic=topic).order_by("pk").values_list("pk", flat=True).first()
    if post.pk == first_id or post.hidden:
        raise ValidationError(_("This post cannot be the accepted answer."))
    accepted = not post.is_accepted
    previous = set(Post.objects.filter(topic=topic, is_accepted=True).values_list("pk", flat=True))
    Post.objects.filter(pk__in=previous).update(is_accepted=False)
    if accepted:
        Post.objects.filter(pk=post.pk).update(is_accepted=True)
    post_id, topic_id = post.pk, topic.pk
    live.change_on_commit(
        topic_id=topic_id,
        touches=[("topic", None), *(("post", pk) for pk in sorted(previous | {post_id}))],
        build=lambda: live.topic_event(
            topic_id, "answer", accepted_post_id=post_id if accepted else None
        ),
    )
    return accepted


# ---------------------------------------------------------------------------
# Read state and watching
# ---------------------------------------------------------------------------
def topic_mark_read(*, user: User, topic: Topic, post_id: int) -> None:
    """Move the member's read marker forward (never back)."""
    if not user.is_authenticated or not post_id:
        return
    updated = TopicReadState.objects.filter(
        user=user, topic=topic, last_read_post_id__lt=post_id
    ).update(last_read_post_id=post_id, updated_at=timezone.now())
    if not updated:
        TopicReadState.objects.get_or_create(
            user=user, topic=topic, defaults={"last_read_post_id": post_id}
        )


@transaction.atomic
def watch_set(*, user: User, target: Topic | Category, watching: bool) -> None:
    """Watch a topic or a category (stored as a ``community.Follow``)."""
    if watching:
        community_services.follow_create(user=user, target=target)
    else:
        community_services.follow_delete(user=user, target=target)


def quote_markdown(post: Post) -> str:
    """The Markdown a reply starts with when it quotes ``post``."""
    if post.hidden:
        return ""
    handle = post.author.handle if post.author else ""
    quoted = "\n".join(f"> {line}" if line else ">" for line in post.body.splitlines())
    lead = f"> **@{handle}** {_('wrote')}:\n>\n" if handle else ""
    return f"{lead}{quoted}\n\n"
