"""The forums' part of a group's "Recent activity": new topics (a topic that links a
case study is that case study shared with the group) and replies. The caller has already
checked that the viewer may see the group's content (``community.selectors.group_activity``);
each source is one query."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext

from community.activity import ActivityItem, register_activity_source
from community.models import Group

from .models import Post


def _name(user) -> str:
    return user.display_name if user is not None else gettext("A former member")


@register_activity_source
def forum_activity(*, viewer, group: Group, limit: int) -> list[ActivityItem]:
    """The group's newest posts in one query: a topic's first post is the topic started
    (or a case study shared, when the topic links one), any later post a reply."""
    earlier = Post.objects.filter(topic=OuterRef("topic"), pk__lt=OuterRef("pk"))
    posts = (
        Post.objects.filter(topic__category__group=group, hidden=False)
        .annotate(is_reply=Exists(earlier))
        .select_related("author__profile", "topic")
        .order_by("-created_at", "-pk")[:limit]
    )
    return [_item(post) for post in posts]


def _item(post: Post) -> ActivityItem:
    topic = post.topic
    names = {"name": _name(post.author), "topic": topic.title}
    if post.is_reply:
        text, kind = gettext("%(name)s replied to “%(topic)s”") % names, "reply"
        url = post.get_absolute_url()
    elif topic.case_study_id:
        text = gettext("%(name)s shared a case study: “%(topic)s”") % names
        kind, url = "shared_case_study", topic.get_absolute_url()
    else:
        text, kind = gettext("%(name)s started “%(topic)s”") % names, "topic"
        url = topic.get_absolute_url()
    return ActivityItem(when=post.created_at, actor=post.author, text=text, url=url, kind=kind)
