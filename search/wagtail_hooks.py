"""Editors maintain the multilingual glossary in the Wagtail admin: concepts as snippets
(drafts, revisions, publishing), and a page to import and export the whole glossary."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import GlossaryExportView, GlossaryImportView, can_import_glossary
from .models import GlossaryConcept


class GlossaryViewSet(SnippetViewSet):
    model = GlossaryConcept
    icon = "openquote"
    menu_label = _("Search glossary")
    menu_order = 270
    add_to_admin_menu = True
    list_display = ["key", "__str__", "theme", "live"]
    list_filter = ["theme", "sector", "live"]
    search_fields = ["key", "description"]
    ordering = ["key"]


register_snippet(GlossaryViewSet)


class GlossaryImportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return can_import_glossary(request.user)


@hooks.register("register_admin_urls")
def register_glossary_urls():
    return [
        path("search/glossary/import/", GlossaryImportView.as_view(), name="glossary_import"),
        path("search/glossary/export/", GlossaryExportView.as_view(), name="glossary_export"),
    ]


@hooks.register("register_admin_menu_item")
def register_glossary_import_menu_item():
    return GlossaryImportMenuItem(
        _("Import or export the glossary"),
        reverse("glossary_import"),
        icon_name="upload",
        order=271,
    )
