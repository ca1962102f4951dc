"""The inventory and the GFMD recommendations in the header: open to everyone."""

from django.utils.translation import gettext_lazy as _

from core.navigation import PRIMARY, Section, register

register(Section("inventory", _("Inventory"), "inventory:item_list", place=PRIMARY, order=20))
register(
    Section("recommendations", _("GFMD recommendations"), "inventory:recommendation_list", order=10)
)
