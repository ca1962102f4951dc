"""A group's organisers give it a forum and live rooms from the group's own page. The
group is found through ``community.selectors`` (a secret group stays "not found" to
outsiders); who may is ``community.rules.can_open_group_spaces``, asked here to answer
403 before a form is shown and again by the services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from community import rules
from community import selectors as community_selectors
from community.models import Group

from .. import services
from ..forms import GroupCategoryForm, GroupRoomForm
from ._common import apply_errors


def _organised_group(request: HttpRequest, slug: str) -> Group:
    group = community_selectors.group_for_viewer(viewer=request.user, slug=slug)
    if not rules.can_open_group_spaces(user=request.user, group=group):
        raise PermissionDenied(_("Only the group's owners and moderators can do this."))
    return group


def _space_form(request, *, group, form_class, create, template, success) -> HttpResponse:
    form = form_class(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                created = create(group=group, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, success)
                return redirect(created)
        status = 400
    return render(request, template, {"group": group, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def group_category_create(request: HttpRequest, slug: str) -> HttpResponse:
    group = _organised_group(request, slug)
    return _space_form(
        request,
        group=group,
        form_class=GroupCategoryForm,
        create=lambda **data: services.category_create(actor=request.user, **data),
        template="forums/group_category_form.html",
        success=_("The group has its forum. Post the first topic."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_room_create(request: HttpRequest, slug: str) -> HttpResponse:
    group = _organised_group(request, slug)
    return _space_form(
        request,
        group=group,
        form_class=GroupRoomForm,
        create=lambda **data: services.room_create(created_by=request.user, **data),
        template="forums/group_room_form.html",
        success=_("The live room is open. Share its link with the group."),
    )
