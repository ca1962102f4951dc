"""What of the forums is searchable: topics, with the text of their visible posts.

A topic in a group's category carries the group, so both search backends apply
``community.selectors``' rule inside the query: members of a private or secret group
find its discussions; nobody else does (see ``search.registry``). A post or a category
that changes reindexes its topics (``sources``), whichever service changed it."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from community.models import Group
from core.markdown import render_plain
from search.registry import Searchable, SearchDocument, register

from .models import Category, Post, Topic

#: How much of a discussion is indexed: posts in order, until this many characters.
BODY_CHARS = 20_000


@register
class TopicSearchable(Searchable):
    type = "topic"
    model = Topic
    label = _("Discussion")
    label_plural = _("Discussions")
    group_path = "category__group"
    sources = {Post: "posts", Category: "category"}

    def get_queryset(self):
        return Topic.objects.select_related("category__group").prefetch_related(
            Prefetch(
                "posts",
                queryset=Post.objects.filter(hidden=False).order_by("pk"),
                to_attr="visible_posts",
            )
        )

    def document(self, obj: Topic) -> SearchDocument:
        posts = getattr(obj, "visible_posts", None)
        if posts is None:
            posts = list(obj.posts.filter(hidden=False).order_by("pk"))
        group = obj.category.group
        first = posts[0] if posts else None
        return SearchDocument(
            type=self.type,
            id=obj.pk,
            title=obj.title,
            url=obj.get_absolute_url(),
            summary=render_plain(first.body)[:300] if first else "",
            body=self._body(posts),
            meta=obj.category.name,
            date=obj.last_activity_at.date() if obj.last_activity_at else None,
            year=obj.created_at.year if obj.created_at else None,
            group_id=group.pk if group else None,
            group_public=group is None or group.privacy == Group.Privacy.PUBLIC,
        )

    @staticmethod
    def _body(posts: list[Post]) -> str:
        """The posts' text in order, up to ``BODY_CHARS``: replies are found too."""
        parts, size = [], 0
        for post in posts:
            if size >= BODY_CHARS:
                break
            text = render_plain(post.body)
            parts.append(text)
            size += len(text) + 2
        return "\n\n".join(parts)[:BODY_CHARS]
