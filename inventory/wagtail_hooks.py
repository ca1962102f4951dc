"""Editors manage the inventory in the Wagtail admin: snippets with revisions and a
draft/published state (from the models' mixins), list filters and search, plus an import
page for CSV/JSON files."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_views import ImportView, can_import
from .models import GFMDMeeting, InventoryItem, Recommendation


class InventoryItemViewSet(SnippetViewSet):
    model = InventoryItem
    icon = "clipboard-list"
    menu_label = _("Inventory items")
    list_display = ["title", "kind", "status", "delivery_mode", "external_id", "updated_at"]
    list_filter = ["kind", "status", "delivery_mode", "certification", "live"]
    search_fields = ["title", "summary", "description", "external_id"]
    ordering = ["title"]
    copy_view_enabled = True


class RecommendationViewSet(SnippetViewSet):
    model = Recommendation
    icon = "list-ul"
    menu_label = _("GFMD recommendations")
    list_display = ["title", "meeting", "follow_up_status", "external_id", "updated_at"]
    list_filter = ["meeting", "follow_up_status", "themes", "live"]
    search_fields = ["title", "text", "roundtable", "external_id"]


class GFMDMeetingViewSet(SnippetViewSet):
    model = GFMDMeeting
    icon = "date"
    menu_label = _("GFMD meetings")
    list_display = ["year", "host"]
    search_fields = ["host"]


class InventoryViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Inventory")
    menu_icon = "clipboard-list"
    menu_order = 250
    items = (InventoryItemViewSet, RecommendationViewSet, GFMDMeetingViewSet)


register_snippet(InventoryViewSetGroup)


class ImportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return can_import(request.user)


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("inventory/import/", ImportView.as_view(), name="inventory_import")]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import inventory"), reverse("inventory_import"), icon_name="upload", order=260
    )
