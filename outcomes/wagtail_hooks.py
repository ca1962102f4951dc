"""Editors manage results frameworks (with their outcomes and indicators) as snippets,
and see follow-up data and needs from the admin menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ResultsFramework


class ResultsFrameworkViewSet(SnippetViewSet):
    model = ResultsFramework
    icon = "tasks"
    menu_label = _("Results frameworks")
    menu_order = 270
    add_to_admin_menu = True
    list_display = ["title", "inventory_item", "case_study", "updated_at"]
    search_fields = ["title", "description"]


register_snippet(ResultsFrameworkViewSet)
