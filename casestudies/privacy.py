"""What the case studies hold about a member: their comments (django-comments-xtd keeps a
copy of the author's name, email and IP address on each), for the data export and for
the deletion of their account (see :mod:`community.exports`)."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.models import XtdComment

from community.exports import account_deleting, register_exporter
from community.models import User
from community.privacy import iso

from .models import CaseStudyPage, CommentEdit
from .selectors.pages import public_pages


@register_exporter(
    "comments",
    title=_("Your comments on case studies"),
    fields={"page": _("Case study"), "comment": _("Comment"), "submitted": _("Written")},
    order=20,
)
def export_comments(user: User) -> list[dict[str, Any]]:
    comments = list(XtdComment.norel_objects.filter(user=user).order_by("pk"))
    page_type = ContentType.objects.get_for_model(CaseStudyPage)
    page_ids = {int(c.object_pk) for c in comments if c.content_type_id == page_type.pk}
    pages = {p.pk: p for p in public_pages(CaseStudyPage).filter(pk__in=page_ids)}
    rows = []
    for c in comments:
        page = pages.get(int(c.object_pk)) if c.content_type_id == page_type.pk else None
        rows.append(
            {
                "id": c.pk,
                "page": page.title if page else None,
                "url": f"{page.url}#c{c.pk}" if page else None,
                "comment": c.comment,
                "submitted": iso(c.submit_date),
                "removed": c.is_removed,
            }
        )
    return rows


def _on_account_deleting(sender, user: User, delete_content: bool, **kwargs) -> None:
    """Without ``delete_content`` the comments stay and read "Former member": the copies
    of the name, address and IP that xtd keeps on each comment go. With it, the text goes
    too and the comment becomes the "removed" placeholder the threads already know — it
    keeps its place only where others replied to it, so their replies read in context.
    Case-study search documents do not carry comments, so the index is unaffected."""
    comments = XtdComment.norel_objects.filter(user=user)
    anonymous = {"user_name": "", "user_email": "", "user_url": "", "ip_address": None}
    if delete_content:
        CommentEdit.objects.filter(comment__in=comments).delete()
        comments.update(comment="", is_removed=True, followup=False, user=None, **anonymous)
    else:
        comments.update(followup=False, **anonymous)


account_deleting.connect(_on_account_deleting, dispatch_uid="casestudies-privacy-delete")
