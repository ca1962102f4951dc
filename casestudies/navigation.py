"""Case studies in the header: the listing, and the comment queue for site moderators."""

from django.utils.translation import gettext_lazy as _

from core.navigation import PRIMARY, Section, register

from .rules import can_moderate_comments

register(Section("case_studies", _("Case studies"), path="/case-studies/", place=PRIMARY, order=10))
register(
    Section(
        "comment_moderation",
        _("Comments to moderate"),
        "casestudies:comment_moderation",
        order=92,
        may_open=can_moderate_comments,
    )
)
