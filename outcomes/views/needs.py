"""The needs board: post, endorse, see what could answer a need; the gap map."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.markdown import render_markdown
from core.ratelimit import ratelimit
from outcomes import services
from outcomes.forms import NeedFilterForm, NeedForm
from outcomes.selectors import access
from outcomes.selectors.needs import gap_map, need_list, need_matches

PAGE_SIZE = 20


@require_GET
def need_list_view(request: HttpRequest) -> HttpResponse:
    form = NeedFilterForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    filters = form.cleaned_data if form.is_bound and valid else {}
    page = Paginator(need_list(viewer=request.user, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "outcomes/need_list.html",
        {"form": form, "page": page, "querystring": params.urlencode()},
        status=200 if valid else 400,
    )


@login_required
@ratelimit("need")
@require_http_methods(["GET", "POST"])
def need_create(request: HttpRequest) -> HttpResponse:
    profile = request.user.profile
    form = NeedForm(
        request.POST or None,
        initial={"organisation": profile.organisation, "country": profile.country},
    )
    if request.method == "POST":
        if form.is_valid():
            need = services.need_create(author=request.user, **form.cleaned_data)
            messages.success(request, _("Your need is posted."))
            return redirect(need)
        return render(request, "outcomes/need_form.html", {"form": form}, status=400)
    return render(request, "outcomes/need_form.html", {"form": form})


@require_GET
def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    need = get_object_or_404(need_list(viewer=request.user), pk=pk)
    return render(
        request,
        "outcomes/need.html",
        {
            "need": need,
            "description": render_markdown(need.description),
            "matches": need_matches(need),
        },
    )


@login_required
@ratelimit("endorse")
@require_POST
def need_endorse(request: HttpRequest, pk: int) -> HttpResponse:
    need = get_object_or_404(need_list(), pk=pk)
    if request.POST.get("action") == "withdraw":
        services.need_unendorse(need=need, user=request.user)
        messages.success(request, _("Your endorsement is withdrawn."))
    else:
        try:
            created = services.need_endorse(need=need, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(need)
        if created:
            messages.success(request, _("You endorsed this need."))
        else:
            messages.info(request, _("You had already endorsed this need."))
    return redirect(need)


@login_required
@require_GET
def gap_map_view(request: HttpRequest) -> HttpResponse:
    if not access.is_editor(request.user):
        raise PermissionDenied(
            _("The gap map is for editors, who use it to plan what to offer next.")
        )
    return render(request, "outcomes/gap_map.html", gap_map())
