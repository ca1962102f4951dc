"""The glossary's import and export page in the Wagtail admin.

It calls the same service as ``manage.py glossary``: a rejected file is shown back with
every problem and its line, and nothing is written."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from core.forms import FileImportForm

from . import glossary

IMPORT_PERMISSIONS = [
    "search.add_glossaryconcept",
    "search.change_glossaryconcept",
    "search.publish_glossaryconcept",
]


def can_import_glossary(user) -> bool:
    return user.is_active and user.has_perms(IMPORT_PERMISSIONS)


class GlossaryImportForm(FileImportForm):
    max_bytes = glossary.MAX_FILE_BYTES
    file_help = _(
        "A CSV or JSON file in the format of the export (UTF-8). Concepts are matched "
        "on their key: new ones are created, changed ones replaced, and all are published."
    )


class _GlossaryPermission:
    def dispatch(self, request, *args, **kwargs):
        if not can_import_glossary(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class GlossaryImportView(_GlossaryPermission, WagtailAdminTemplateMixin, FormView):
    form_class = GlossaryImportForm
    template_name = "search/admin/glossary_import.html"
    page_title = _("Import or export the glossary")
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "concepts": glossary.concept_count()}

    def form_valid(self, form):
        try:
            result = glossary.import_glossary(
                form.cleaned_data["file"].read(),
                form.cleaned_data["format"] or None,
                user=self.request.user,
            )
        except glossary.GlossaryRejected as exc:
            form.add_error(
                "file",
                _("Nothing was imported: the file has %(count)d problem(s), listed below.")
                % {"count": len(exc.issues)},
            )
            return self.render_to_response(
                self.get_context_data(form=form, issues=exc.issues), status=422
            )
        messages.success(self.request, result.summary())
        return redirect(reverse("glossary_import"))


class GlossaryExportView(_GlossaryPermission, View):
    def get(self, request):
        fmt = request.GET.get("format", "json")
        if fmt == "csv":
            body, content_type = glossary.export_csv(), "text/csv; charset=utf-8"
        else:
            fmt, body, content_type = "json", glossary.export_json(), "application/json"
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="glossary.{fmt}"'
        return response
