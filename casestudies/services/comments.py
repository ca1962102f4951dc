"""Writing comments on case studies, on top of django-comments-xtd's XtdComment.

We keep xtd's model, threading (``thread_id``/``level``/``order``) and follow-up flag,
but post through this service rather than xtd's views so that every rule is checked in
one place: signed-in authors only, no empty or oversized text, replies only to a
comment of the same page and within the thread depth, edits within a window.
The stored text is the author's Markdown; it is rendered through the shared sanitiser
(``core.markdown``) when shown, so script, event handlers and ``javascript:`` links
never reach a reader.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment, max_thread_level_for_content_type

from casestudies.follows import case_study_comment_notify
from casestudies.models import CaseStudyPage, CommentEdit, CommentLanguage
from casestudies.rules import COMMENT_EDIT_WINDOW, COMMENT_MAX_LENGTH, can_moderate_comments
from core.addresses import absolute_url, page_absolute_url
from core.i18n import active_language, supported_language
from core.markdown import clean_text, render_plain

logger = logging.getLogger(__name__)

UNFOLLOW_SALT = "casestudies.comment-unfollow"


def _clean_body(body: str) -> str:
    text = clean_text(body).strip()
    if not text or not render_plain(text):
        raise ValidationError({"comment": _("Write something before posting.")})
    if len(text) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            {
                "comment": _("Comments are limited to %(limit)d characters (this one has %(n)d).")
                % {"limit": COMMENT_MAX_LENGTH, "n": len(text)}
            }
        )
    return text


def _clean_language(language: str | None) -> str:
    """The language the author chose, or the active interface language when they did
    not say; an unknown code is a field error."""
    if not language:
        return active_language()
    cleaned = supported_language(language)
    if cleaned is None:
        raise ValidationError({"language": _("Choose one of the languages offered.")})
    return cleaned


def _page_comments(page: CaseStudyPage):
    return XtdComment.norel_objects.filter(
        content_type=ContentType.objects.get_for_model(CaseStudyPage), object_pk=str(page.pk)
    )


@transaction.atomic
def comment_post(
    *,
    page: CaseStudyPage,
    author,
    body: str,
    reply_to: int | None = None,
    followup: bool = False,
    ip_address: str | None = None,
    language: str | None = None,
) -> XtdComment:
    """Post a comment (or a reply) and notify followers once it is committed. The
    comment records the language it is written in (the active one unless chosen)."""
    if not (author and author.is_authenticated):
        raise PermissionDenied(_("Sign in to comment."))
    if not page.live or page.locked:
        raise PermissionDenied(_("This page is not open for comments."))
    text = _clean_body(body)
    written_in = _clean_language(language)
    content_type = ContentType.objects.get_for_model(CaseStudyPage)
    parent_id = 0
    if reply_to:
        parent = _page_comments(page).filter(pk=reply_to, is_public=True, is_removed=False).first()
        if parent is None:
            raise ValidationError(
                {"reply_to": _("You can only reply to a comment shown on this page.")}
            )
        if parent.level >= max_thread_level_for_content_type(content_type):
            raise ValidationError(
                {"reply_to": _("This conversation is as deep as it can go: reply higher up.")}
            )
        parent_id = parent.pk
    comment = XtdComment(
        content_type=content_type,
        object_pk=str(page.pk),
        site_id=settings.SITE_ID,
        user=author,
        user_name=author.display_name[:50],
        user_email=author.email,
        comment=text,
        submit_date=timezone.now(),
        ip_address=ip_address,
        is_public=True,
        is_removed=False,
        followup=followup,
        parent_id=parent_id,
    )
    comment.save()
    CommentLanguage.objects.create(comment=comment, language=written_in)
    if followup:
        # One setting per reader and page: following again re-enables older comments.
        _page_comments(page).filter(user_email=author.email).update(followup=True)
    case_study_comment_notify(page=page, comment=comment, author=author)
    comment_id = comment.pk
    transaction.on_commit(lambda: _enqueue_notification(comment_id))
    logger.info("comment %s posted on page %s", comment_id, page.pk)
    return comment


def _enqueue_notification(comment_id: int) -> None:
    from casestudies.tasks import notify_comment_followers

    notify_comment_followers.enqueue(comment_id=comment_id)


def unfollow_token(*, page_id: int, email: str) -> str:
    return signing.dumps({"p": page_id, "e": email}, salt=UNFOLLOW_SALT, compress=True)


def comment_notify_followers(*, comment_id: int) -> int:
    """Email everyone following the page (except the author); returns how many.

    Each email carries a signed one-click link (and ``List-Unsubscribe`` header) that
    turns off follow-up for that reader on that page, xtd's "mute".
    """
    comment = (
        XtdComment.norel_objects.filter(pk=comment_id, is_public=True, is_removed=False)
        .select_related("user")
        .first()
    )
    if comment is None:
        return 0
    page = CaseStudyPage.objects.live().filter(pk=comment.object_pk).first()
    if page is None or page.locked:
        return 0
    followers = (
        _page_comments(page)
        .filter(followup=True, is_public=True, is_removed=False)
        .exclude(user_email__iexact=comment.user_email)
        .order_by("user_email")
        .values_list("user_email", "user_name")
        .distinct()
    )
    page_url = page_absolute_url(page)
    sent = 0
    for email, name in followers:
        unfollow_url = absolute_url(
            reverse(
                "casestudies:comment_unfollow",
                kwargs={"token": unfollow_token(page_id=page.pk, email=email)},
            )
        )
        context = {
            "name": name,
            "page": page,
            "page_url": page_url,
            "comment": comment,
            "comment_url": f"{page_url}#c{comment.pk}",
            "comment_text": render_plain(comment.comment),
            "unfollow_url": unfollow_url,
        }
        subject = _("New comment on “%(title)s”") % {"title": page.title}
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("casestudies/email/comment_followup.txt", context),
            from_email=settings.COMMENTS_XTD_FROM_EMAIL,
            to=[email],
            headers={"List-Unsubscribe": f"<{unfollow_url}>"},
        )
        message.send()
        sent += 1
    return sent


@transaction.atomic
def comment_unfollow(*, token: str) -> CaseStudyPage:
    """Stop follow-up emails for one reader on one page (the link in every email)."""
    try:
        data = signing.loads(token, salt=UNFOLLOW_SALT)
        page = CaseStudyPage.objects.get(pk=int(data["p"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError, CaseStudyPage.DoesNotExist):
        raise ValidationError(_("This unsubscribe link is not valid.")) from None
    _page_comments(page).filter(user_email__iexact=data["e"]).update(followup=False)
    return page


def _check_author_window(comment: XtdComment, user) -> None:
    if not (user and user.is_authenticated and comment.user_id == user.pk):
        raise PermissionDenied(_("You can only change your own comments."))
    if comment.is_removed:
        raise PermissionDenied(_("This comment has been removed."))
    if timezone.now() - comment.submit_date > COMMENT_EDIT_WINDOW:
        minutes = int(COMMENT_EDIT_WINDOW.total_seconds() // 60)
        raise PermissionDenied(
            _("Comments can only be changed in the first %(minutes)d minutes.")
            % {"minutes": minutes}
        )


@transaction.atomic
def comment_edit(*, comment: XtdComment, editor, body: str) -> XtdComment:
    """Let authors fix their own comment shortly after posting, keeping the old text."""
    _check_author_window(comment, editor)
    text = _clean_body(body)
    if text == comment.comment:
        return comment
    CommentEdit.objects.create(comment=comment, previous_text=comment.comment, edited_by=editor)
    # A queryset update: xtd's pre_save handler would otherwise re-walk the thread.
    XtdComment.norel_objects.filter(pk=comment.pk).update(comment=text)
    comment.comment = text
    return comment


def _mark_removed(comment: XtdComment) -> None:
    # is_removed (not xtd's unpublishing) keeps replies visible under a placeholder.
    XtdComment.norel_objects.filter(pk=comment.pk).update(is_removed=True)
    comment.is_removed = True


@transaction.atomic
def comment_delete(*, comment: XtdComment, actor) -> None:
    """Authors withdraw their own comment within the edit window."""
    _check_author_window(comment, actor)
    _mark_removed(comment)


@transaction.atomic
def comment_remove(*, comment: XtdComment, moderator) -> None:
    """A moderator removes a comment (flags are resolved by the removal)."""
    if not can_moderate_comments(moderator):
        raise PermissionDenied(_("Only moderators can remove comments."))
    _mark_removed(comment)
    CommentFlag.objects.get_or_create(
        comment=comment, user=moderator, flag=CommentFlag.MODERATOR_DELETION
    )
    logger.info("comment %s removed by moderator %s", comment.pk, moderator.pk)


@transaction.atomic
def comment_dismiss_flags(*, comment: XtdComment, moderator) -> int:
    """A moderator reviewed the flags and keeps the comment."""
    if not can_moderate_comments(moderator):
        raise PermissionDenied(_("Only moderators can review flags."))
    deleted, _details = comment.flags.filter(flag=CommentFlag.SUGGEST_REMOVAL).delete()
    CommentFlag.objects.get_or_create(
        comment=comment, user=moderator, flag=CommentFlag.MODERATOR_APPROVAL
    )
    return deleted


@transaction.atomic
def comment_flag(*, comment: XtdComment, user) -> bool:
    """A reader suggests removal; returns False if they had already flagged it."""
    if not (user and user.is_authenticated):
        raise PermissionDenied(_("Sign in to report a comment."))
    if comment.user_id == user.pk:
        raise ValidationError(_("You cannot report your own comment."))
    _flag, created = CommentFlag.objects.get_or_create(
        comment=comment, user=user, flag=CommentFlag.SUGGEST_REMOVAL
    )
    return created
