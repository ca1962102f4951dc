"""The editors' import page in the Wagtail admin (Settings-free: a menu item of its own).

It calls the same import service as ``manage.py import_inventory``; a rejected file is
shown back with every bad row and field, and nothing is written.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from .forms import ImportForm
from .services import ImportRejected, inventory_import

IMPORT_PERMISSIONS = [
    "inventory.add_inventoryitem",
    "inventory.change_inventoryitem",
    "inventory.publish_inventoryitem",
    "inventory.add_recommendation",
    "inventory.change_recommendation",
    "inventory.publish_recommendation",
]


def can_import(user) -> bool:
    return user.is_active and user.has_perms(IMPORT_PERMISSIONS)


class ImportView(WagtailAdminTemplateMixin, FormView):
    form_class = ImportForm
    template_name = "inventory/admin/import.html"
    page_title = _("Import inventory")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            result = inventory_import(
                fileobj=upload.read(),
                fmt=form.cleaned_data["format"] or None,
                user=self.request.user,
            )
        except ImportRejected as exc:
            form.add_error(
                "file",
                _("Nothing was imported: the file has %(count)d problem(s), listed below.")
                % {"count": len(exc.issues)},
            )
            return self.render_to_response(
                self.get_context_data(form=form, issues=[str(i) for i in exc.issues]),
                status=422,
            )
        messages.success(self.request, result.summary())
        return redirect(reverse("inventory_import"))
