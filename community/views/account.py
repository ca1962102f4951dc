"""Leaving the platform: download my data, delete my account."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from community import services
from community.exports import readable_export
from community.forms import DeleteAccountForm


@login_required
@require_GET
def account_data(request: HttpRequest) -> HttpResponse:
    return render(
        request, "community/account_data.html", {"form": DeleteAccountForm(user=request.user)}
    )


@login_required
@require_GET
def account_export(request: HttpRequest) -> HttpResponse:
    data = services.account_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    filename = f"practice-commons-{request.user.handle}-{timezone.now():%Y%m%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def account_export_page(request: HttpRequest) -> HttpResponse:
    """The same export as the JSON file, as a page to read or print."""
    data = services.account_export(user=request.user)
    response = render(
        request,
        "community/account_export.html",
        {"sections": readable_export(data), "generated_at": timezone.now()},
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST, user=request.user)
    if not form.is_valid():
        return render(request, "community/account_data.html", {"form": form}, status=400)
    user = request.user
    services.account_delete(user=user, delete_content=form.cleaned_data["delete_content"])
    logout(request)
    messages.success(request, _("Your account was deleted. Thank you for taking part."))
    return redirect("/")
