"""Small rules about comments shared by services, selectors and views."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings

#: How long authors may edit or delete their own comment after posting it.
COMMENT_EDIT_WINDOW = timedelta(minutes=getattr(settings, "CASESTUDIES_COMMENT_EDIT_MINUTES", 15))
#: Longest comment accepted (django-contrib-comments' own limit, 3000 by default).
COMMENT_MAX_LENGTH = getattr(settings, "COMMENT_MAX_LENGTH", 3000)


def can_moderate_comments(user) -> bool:
    """Moderators hold django-contrib-comments' ``can_moderate`` permission (granted to
    the Wagtail "Moderators" group by a data migration)."""
    return bool(user and user.is_authenticated and user.has_perm("django_comments.can_moderate"))
