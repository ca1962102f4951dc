"""Case studies as followable things, and the news their followers hear: a new comment,
a new revision published, a new case study adapted from it, and — to those who follow
its author — a first publication.

Who may follow a case study is who may read it: ``public_pages`` (live, unrestricted,
unlocked). A case study belongs to no group, so once a page passes that rule everyone who
follows it may hear about it.
"""

from __future__ import annotations

import logging

from django.db.models import QuerySet
from django.dispatch import receiver
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.signals import page_published

from community import selectors as community_selectors
from community import services as community_services
from community.follows import FollowableKind, register_followable
from community.models import Notification

from .models import CaseStudyPage
from .selectors import public_pages

logger = logging.getLogger(__name__)


def _visible_case_studies(*, viewer, queryset: QuerySet[CaseStudyPage]) -> QuerySet:
    return queryset.filter(pk__in=public_pages(CaseStudyPage).values("pk"))


register_followable(
    FollowableKind(
        key="case-study",
        model=CaseStudyPage,
        label=gettext_lazy("Case studies"),
        visible=_visible_case_studies,
        name=lambda page: page.title,
        url=lambda page: page.get_url() or "",
        order=50,
    )
)


def _is_public(page: CaseStudyPage) -> bool:
    return public_pages(CaseStudyPage).filter(pk=page.pk).exists()


def case_study_comment_notify(*, page: CaseStudyPage, comment, author) -> int:
    """Tell the case study's followers about a new comment (not its author)."""
    if not _is_public(page):
        return 0
    return community_services.followers_notify(
        followed=[page],
        verb=Notification.Verb.REPLY,
        title=_("%(name)s commented on “%(title)s”")
        % {"name": author.display_name, "title": page.title},
        url=f"{page.get_url() or ''}#c{comment.pk}",
        actor=author,
        target=page,
    )


def case_study_published_notify(*, page: CaseStudyPage, publisher) -> int:
    """A first publication is news for the author's followers; a later revision is
    news for the case study's followers."""
    if not _is_public(page):
        return 0
    first = page.first_published_at == page.last_published_at
    if first:
        followed = [publisher] if publisher is not None else []
        title = _("%(name)s published a case study: “%(title)s”")
    else:
        followed = [page]
        title = _("“%(title)s” was updated")
    if not followed:
        return 0
    name = publisher.display_name if publisher is not None else ""
    told = community_services.followers_notify(
        followed=followed,
        verb=Notification.Verb.NEW_CONTENT,
        title=title % {"name": name, "title": page.title},
        url=page.get_url() or "",
        actor=publisher,
        target=page,
    )
    if first:
        already = {user.pk for user in community_selectors.followers_of(targets=followed)}
        told += _adaptation_notify(page=page, publisher=publisher, exclude=already)
    return told


def _adaptation_notify(*, page: CaseStudyPage, publisher, exclude: set[int]) -> int:
    """A new case study adapted from a practice is news for that practice's followers."""
    original = page.adapted_from
    if original is None or not _is_public(original):
        return 0
    return community_services.followers_notify(
        followed=[original],
        exclude=exclude,
        verb=Notification.Verb.NEW_CONTENT,
        title=_("“%(original)s” was adapted: “%(title)s”")
        % {"original": original.title, "title": page.title},
        url=page.get_url() or "",
        actor=publisher,
        target=page,
    )


@receiver(page_published, sender=CaseStudyPage, dispatch_uid="casestudies.follows.published")
def _on_published(sender, instance: CaseStudyPage, revision=None, **kwargs) -> None:
    publisher = (revision.user if revision is not None else None) or instance.owner
    case_study_published_notify(page=instance, publisher=publisher)
