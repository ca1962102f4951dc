"""Forums in the header: the forums, live rooms, and the moderation queue for those who
moderate something (``community.rules.is_any_moderator``, as the queue itself asks)."""

from django.utils.translation import gettext_lazy as _

from community import rules
from core.navigation import PRIMARY, Section, register

register(Section("forums", _("Forums"), "forums:index", place=PRIMARY, order=30))
register(Section("live_rooms", _("Live rooms"), "forums:room_list", order=20))
register(
    Section(
        "moderation_queue",
        _("Moderation queue"),
        "forums:flag_queue",
        order=90,
        may_open=rules.is_any_moderator,
    )
)
