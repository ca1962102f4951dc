"""The notifications page, the bell's count, and the digest's one-click unsubscribe."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community import selectors, services

PAGE_SIZE = 30


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    notifications = selectors.notification_list(viewer=request.user)
    if request.GET.get("filter") == "unread":
        notifications = notifications.filter(read_at__isnull=True)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "community/notification_list.html",
        {"page": page, "only_unread": request.GET.get("filter") == "unread"},
    )


@login_required
@require_GET
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a notification read and go to what it is about."""
    notification = get_object_or_404(selectors.notification_list(viewer=request.user), pk=pk)
    services.notification_mark_read(notification=notification)
    url = notification.url
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return redirect(url)
    return redirect("community:notifications")


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(selectors.notification_list(viewer=request.user), pk=pk)
    services.notification_mark_read(notification=notification)
    return redirect("community:notifications")


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    count = services.notifications_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("community:notifications")


@require_GET
def unread_count(request: HttpRequest) -> JsonResponse:
    """The bell's count, for a page that reconnects after the live socket dropped."""
    if not request.user.is_authenticated:
        return JsonResponse({"detail": _("Log in to see your notifications.")}, status=401)
    return JsonResponse({"unread": selectors.unread_notification_count(viewer=request.user)})


@csrf_exempt  # RFC 8058 one-click: mail providers POST without a session; the token authorises
@require_http_methods(["GET", "POST"])
def digest_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a confirmation (link scanners must not unsubscribe anyone); POST — from
    the page's button or a mail client's List-Unsubscribe-Post — unsubscribes."""
    user = services.user_from_unsubscribe_token(token)
    if user is None:
        return render(request, "community/digest_unsubscribe.html", {"invalid": True}, status=404)
    if request.method == "POST":
        services.digest_unsubscribe(user=user)
        return render(request, "community/digest_unsubscribe.html", {"done": True, "member": user})
    return render(request, "community/digest_unsubscribe.html", {"member": user, "token": token})
