"""Evidence and outcomes in the header. Each rule is the one its view asks
(``outcomes.selectors.access``), so nobody is shown a link that answers 403."""

from django.utils.translation import gettext_lazy as _

from core.navigation import Section, register, signed_in

from .selectors import access

register(Section("needs", _("Needs board"), "outcomes:need_list", order=30))
register(Section("replications", _("Replications"), "outcomes:replications", order=40))
register(Section("verify", _("Verify a certificate"), "outcomes:verify", order=50))
register(
    Section(
        "my_follow_ups",
        _("Follow-ups due"),
        "outcomes:my_follow_ups",
        order=70,
        may_open=signed_in,
    )
)
register(
    Section(
        "dashboard",
        _("Evidence dashboard"),
        "outcomes:dashboard",
        order=85,
        may_open=lambda user: access.may_open_dashboard(viewer=user),
    )
)
register(Section("gap_map", _("Gap map"), "outcomes:gap_map", order=86, may_open=access.is_editor))
