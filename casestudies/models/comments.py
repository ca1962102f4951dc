"""What django-comments-xtd does not keep: the history of edits to a comment, and the
language a comment is written in."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import CleanTextField


class CommentEdit(models.Model):
    """The text a comment had before its author edited it.

    Authors may edit within a short window; keeping the previous text lets moderators
    see what was said if an edit hides abuse, and lets the page mark a comment "edited".
    """

    comment = models.ForeignKey(
        "django_comments_xtd.XtdComment", on_delete=models.CASCADE, related_name="edits"
    )
    previous_text = CleanTextField(_("previous text"))
    edited_at = models.DateTimeField(_("edited at"), auto_now_add=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-edited_at"]
        verbose_name = _("comment edit")
        verbose_name_plural = _("comment edits")

    def __str__(self) -> str:
        return f"{self.comment_id} @ {self.edited_at:%Y-%m-%d %H:%M}"


class CommentLanguage(models.Model):
    """The language a comment is written in (issue #10).

    django-comments-xtd's documented way to add a field is a custom comment model
    (``COMMENTS_XTD_MODEL``) subclassing ``XtdComment``; that is multi-table inheritance,
    which would leave every existing comment without its child row and move every query
    of this app, the XSS suite and the demo off ``XtdComment``. A one-to-one row beside the
    comment (as ``CommentEdit`` already is) adds the field without touching xtd's table;
    comments written before it simply have no row and no language.
    """

    comment = models.OneToOneField(
        "django_comments_xtd.XtdComment",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="language_info",
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("comment language")
        verbose_name_plural = _("comment languages")

    def __str__(self) -> str:
        return f"{self.comment_id}: {self.language}"
