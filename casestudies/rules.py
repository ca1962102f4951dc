"""Small rules about comments shared by services, selectors and views."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings

from community.rules import is_site_moderator

#: How long authors may edit or delete their own comment after posting it.
COMMENT_EDIT_WINDOW = timedelta(minutes=getattr(settings, "CASESTUDIES_COMMENT_EDIT_MINUTES", 15))
#: Longest comment accepted (django-contrib-comments' own limit, 3000 by default).
COMMENT_MAX_LENGTH = getattr(settings, "COMMENT_MAX_LENGTH", 3000)


def can_moderate_comments(user) -> bool:
    """Site moderators moderate comments (the one definition: ``community.rules``)."""
    return is_site_moderator(user)
