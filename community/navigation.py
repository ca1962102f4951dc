"""Groups, members and a member's own settings in the header."""

from django.utils.translation import gettext_lazy as _

from core.navigation import PRIMARY, Section, register, signed_in

register(Section("groups", _("Groups"), "community:group_list", place=PRIMARY, order=40))
register(Section("members", _("Members"), "community:member_directory", place=PRIMARY, order=50))
register(
    Section("following", _("What I follow"), "community:following", order=60, may_open=signed_in)
)
register(
    Section(
        "two_factor",
        _("Two-factor authentication"),
        "mfa_index",
        order=80,
        may_open=signed_in,
    )
)
