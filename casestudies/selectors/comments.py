"""Reads of the comment threads under case studies (django-comments-xtd's XtdComment)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment, max_thread_level_for_content_type

from casestudies.models import CaseStudyPage
from casestudies.rules import COMMENT_EDIT_WINDOW, can_moderate_comments


@dataclass
class CommentNode:
    comment: XtdComment
    children: list[CommentNode] = field(default_factory=list)
    can_edit: bool = False
    can_reply: bool = False
    can_flag: bool = False
    can_moderate: bool = False

    @property
    def removed(self) -> bool:
        return self.comment.is_removed


def comments_for_page(page: CaseStudyPage) -> QuerySet[XtdComment]:
    """The public comments of a page, removed ones included (shown as placeholders)."""
    content_type = ContentType.objects.get_for_model(CaseStudyPage)
    return XtdComment.norel_objects.filter(
        content_type=content_type,
        object_pk=str(page.pk),
        site_id=settings.SITE_ID,
        is_public=True,
    )


def comment_tree(*, page: CaseStudyPage, viewer) -> list[CommentNode]:
    """The threads of a page in one query, with what the viewer may do to each comment.

    A removed comment keeps its place as a placeholder when others replied to it, so
    that replies still read in context; otherwise it disappears. Each comment carries
    ``written_language`` ("" for comments older than the field).
    """
    from casestudies.models.comments import CommentEdit

    qs = (
        comments_for_page(page)
        .select_related("user__profile")
        .annotate(
            flag_count=Count("flags", filter=Q(flags__flag=CommentFlag.SUGGEST_REMOVAL)),
            last_edited_at=Subquery(
                CommentEdit.objects.filter(comment=OuterRef("pk"))
                .order_by("-edited_at")
                .values("edited_at")[:1]
            ),
            written_language=Coalesce(F("language_info__language"), Value("")),
        )
        .order_by("thread_id", "order")
    )
    authenticated = bool(viewer and viewer.is_authenticated)
    if authenticated:
        qs = qs.annotate(
            viewer_flagged=Exists(
                CommentFlag.objects.filter(
                    comment=OuterRef("pk"), user=viewer, flag=CommentFlag.SUGGEST_REMOVAL
                )
            )
        )
    moderator = authenticated and can_moderate_comments(viewer)
    max_level = max_thread_level_for_content_type(ContentType.objects.get_for_model(CaseStudyPage))
    now = timezone.now()
    nodes: dict[int, CommentNode] = {}
    roots: list[CommentNode] = []
    for comment in qs:
        own = authenticated and comment.user_id == viewer.pk
        node = CommentNode(
            comment=comment,
            can_edit=own and not comment.is_removed and _within_window(comment.submit_date, now),
            can_reply=authenticated and not comment.is_removed and comment.level < max_level,
            can_flag=authenticated
            and not own
            and not comment.is_removed
            and not getattr(comment, "viewer_flagged", False),
            can_moderate=moderator and not comment.is_removed,
        )
        nodes[comment.pk] = node
        parent = nodes.get(comment.parent_id) if comment.parent_id != comment.pk else None
        (parent.children if parent else roots).append(node)
    return _prune_removed(roots)


def _within_window(submitted: datetime, now: datetime) -> bool:
    return now - submitted <= COMMENT_EDIT_WINDOW


def _prune_removed(nodes: list[CommentNode]) -> list[CommentNode]:
    kept = []
    for node in nodes:
        node.children = _prune_removed(node.children)
        if node.removed and not node.children:
            continue
        kept.append(node)
    return kept


def comment_count(tree: list[CommentNode]) -> int:
    return sum(0 if n.removed else 1 for n in tree) + sum(comment_count(n.children) for n in tree)


def flagged_comments() -> QuerySet[XtdComment]:
    """Comments readers suggested removing, for moderators to review (most flagged first)."""
    return (
        XtdComment.norel_objects.filter(is_removed=False, flags__flag=CommentFlag.SUGGEST_REMOVAL)
        .select_related("user__profile", "content_type")
        .annotate(flag_count=Count("flags"))
        .order_by("-flag_count", "-submit_date")
    )
