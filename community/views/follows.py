"""Following anything the registry (:mod:`community.follows`) knows: one button, one
route (follow, unfollow, mute, unmute), and the list of what a member follows. Works
without JavaScript: a POST, then a redirect back to the page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from community import follows, services

from .util import safe_next


@login_required
@require_POST
def follow_toggle(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    try:
        obj = follows.followable_get(viewer=request.user, key=kind, pk=pk)
    except follows.NotFollowable as exc:
        raise Http404 from exc
    followable = follows.kind_for(obj)
    name = followable.name(obj)
    if obj == request.user:
        messages.error(request, _("You cannot follow yourself."))
    elif request.POST.get("action") == "unfollow":
        services.follow_delete(user=request.user, target=obj)
        messages.success(request, _("You no longer follow %(name)s.") % {"name": name})
    elif request.POST.get("action") in ("mute", "unmute"):
        muted = request.POST["action"] == "mute"
        services.follow_mute_set(user=request.user, target=obj, muted=muted)
        messages.success(
            request,
            (
                _("%(name)s is muted: you still follow it but hear nothing of it.")
                if muted
                else _("%(name)s is no longer muted.")
            )
            % {"name": name},
        )
    else:
        services.follow_create(user=request.user, target=obj)
        messages.success(request, _("You now follow %(name)s.") % {"name": name})
    return redirect(safe_next(request, followable.url(obj)))


@login_required
@require_GET
def following(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "community/follow_list.html",
        {"followed": follows.followed_by(user=request.user)},
    )
