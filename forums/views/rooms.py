"""Live rooms: the page works without JavaScript (history and a form); the script adds
live messages, presence and typing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import selectors, services
from ..forms import ReasonForm, RoomMessageForm
from ..models import RoomMessage
from ._common import apply_errors


@require_GET
def room_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "forums/live_room_list.html", {"rooms": selectors.room_list(viewer=request.user)}
    )


def _room_context(request, room, form=None) -> dict:
    history = selectors.room_history(room=room)
    return {
        "room": room,
        "room_messages": history,
        "last_id": history[-1].pk if history else 0,
        "cursor": room.live_seq,
        "form": form or RoomMessageForm(),
        "can_moderate": selectors.can_moderate_group(request.user, room.group_id),
    }


@login_required
@require_GET
def room_detail(request: HttpRequest, slug: str) -> HttpResponse:
    room = selectors.room_get(viewer=request.user, slug=slug)
    return render(request, "forums/live_room.html", _room_context(request, room))


@login_required
@require_POST
def room_post(request: HttpRequest, slug: str) -> HttpResponse:
    room = selectors.room_get(viewer=request.user, slug=slug)
    form = RoomMessageForm(request.POST)
    if form.is_valid():
        try:
            services.room_message_create(
                room=room, author=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect(room)
    return render(request, "forums/live_room.html", _room_context(request, room, form), status=400)


@login_required
@require_POST
def room_message_hide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    room = selectors.room_get(viewer=request.user, slug=slug)
    if not selectors.can_moderate_group(request.user, room.group_id):
        raise PermissionDenied
    try:
        message = RoomMessage.objects.get(room=room, pk=pk)
    except RoomMessage.DoesNotExist as exc:
        raise Http404 from exc
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.room_message_hide(
                message=message, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The message is hidden."))
    else:
        messages.error(request, _("Give a reason for hiding the message."))
    return redirect(room)
