from django import template
from django.urls import NoReverseMatch

register = template.Library()


@register.filter
def link_url(obj) -> str:
    """The URL of a linked case study, inventory item or recommendation, or "" while the
    app that serves it is not installed (pages render either way)."""
    if obj is None:
        return ""
    try:
        url = getattr(obj, "url", None) or obj.get_absolute_url()
    except (NoReverseMatch, AttributeError):
        return ""
    return url or ""


@register.inclusion_tag("forums/includes/linked_discussions.html", takes_context=True)
def linked_discussions(context, obj, limit: int = 5) -> dict:
    """The "Discussions" panel of a case study, inventory item or recommendation page:
    the topics linked to it that the viewer may see."""
    from forums.selectors import topics_linked_to

    viewer = context["request"].user
    return {"topics": list(topics_linked_to(viewer=viewer, obj=obj)[:limit])}


@register.inclusion_tag("forums/includes/group_panels.html", takes_context=True)
def group_forum_panels(context, group, limit: int = 5) -> dict:
    """The group page's "Discussions" and "Live room" panels; ``?language=fr`` on the
    group page narrows the discussions to one language. The group page only calls
    this once ``community.selectors`` has said the viewer may see the group's content;
    the forum selectors apply the same rule again."""
    from forums.models import Category
    from forums.selectors import room_list, topic_language_counts, topic_list
    from forums.views._common import language_filter

    request = context["request"]
    viewer = request.user
    categories = list(Category.objects.filter(group=group).order_by("position", "name"))
    raw_language = request.GET.get("language")
    topics, languages = [], language_filter(raw_language, {})
    if categories:
        topics = list(
            topic_list(viewer=viewer, language=raw_language).filter(category__group=group)[:limit]
        )
        languages = language_filter(
            raw_language, topic_language_counts(viewer=viewer, group_id=group.pk)
        )
    rooms = list(room_list(viewer=viewer).filter(group=group))
    return {
        "group": group,
        "categories": categories,
        "topics": topics,
        "rooms": rooms,
        "languages": languages,
        "request": request,
        "user": viewer,
        "organiser_actions": context.get("organiser_actions", frozenset()),
    }
