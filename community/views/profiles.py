"""Profiles, the member directory and following members."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community import selectors, services
from community.forms import DirectoryFilterForm, ProfileForm
from community.models import User, Visibility

from .util import follow_state, safe_next

DIRECTORY_PAGE_SIZE = 24


@require_GET
def member_directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    members = selectors.member_directory(viewer=request.user, filters=filters)
    page = Paginator(members, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    cards = [selectors.profile_view(viewer=request.user, user=u) for u in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "community/member_list.html",
        {"form": form, "page": page, "cards": cards, "query": query.urlencode()},
    )


@require_GET
def profile_detail(request: HttpRequest, handle: str) -> HttpResponse:
    profile = selectors.profile_for_viewer(viewer=request.user, handle=handle)
    groups = selectors.member_groups_for_viewer(viewer=request.user, user=profile.user).order_by(
        "name"
    )
    return render(
        request,
        "community/profile.html",
        {
            "profile": profile,
            "groups": groups,
            **follow_state(request.user, profile.user),
        },
    )


AVATAR_PUBLIC_MAX_AGE = 300


@require_GET
def member_avatar(request: HttpRequest, handle: str) -> HttpResponse:
    """A member's picture, to those their "who sees the picture" choice allows. The
    file lives in the private storage, which no web server serves by itself."""
    profile = selectors.avatar_for_viewer(viewer=request.user, handle=handle)
    try:
        picture = profile.avatar.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(picture, content_type="image/png")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    if profile.avatar_visibility == Visibility.EVERYONE:
        patch_cache_control(response, public=True, max_age=AVATAR_PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
    return response


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    profile = request.user.profile
    form = ProfileForm(
        request.POST or None, request.FILES or None, instance=profile, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields if name != "themes"}
        data["news_delivery"] = form.news_delivery()
        services.profile_update(
            profile=profile,
            data=data,
            themes=form.cleaned_data["themes"],
            avatar=form.cleaned_data.get("avatar_upload"),
            remove_avatar=form.cleaned_data.get("remove_avatar", False),
            handle=form.cleaned_data["handle"],
        )
        messages.success(request, _("Your profile was saved."))
        return redirect("community:profile_edit")
    status = 400 if request.method == "POST" else 200
    return render(request, "community/profile_form.html", {"form": form}, status=status)


@login_required
@require_POST
def member_follow(request: HttpRequest, handle: str) -> HttpResponse:
    target = User.objects.filter(handle=handle, is_active=True, deleted_at__isnull=True).first()
    if target is None:
        raise Http404
    if target.pk == request.user.pk:
        messages.error(request, _("You cannot follow yourself."))
    elif request.POST.get("action") == "unfollow":
        services.follow_delete(user=request.user, target=target)
        messages.success(
            request, _("You no longer follow %(name)s.") % {"name": target.display_name}
        )
    else:
        services.follow_create(user=request.user, target=target)
        messages.success(request, _("You now follow %(name)s.") % {"name": target.display_name})
    return redirect(safe_next(request, f"/members/{target.handle}/"))
