"""What django-comments-xtd does not keep: the history of edits to a comment."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CommentEdit(models.Model):
    """The text a comment had before its author edited it.

    Authors may edit within a short window; keeping the previous text lets moderators
    see what was said if an edit hides abuse, and lets the page mark a comment "edited".
    """

    comment = models.ForeignKey(
        "django_comments_xtd.XtdComment", on_delete=models.CASCADE, related_name="edits"
    )
    previous_text = models.TextField(_("previous text"))
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
