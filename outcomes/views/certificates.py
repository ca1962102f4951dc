"""Certificates: issue to a cohort, public verification page, signed JSON, verify."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community.models import Group
from community.selectors import can_see_group
from outcomes import credentials, services
from outcomes.forms import CertificateIssueForm, RevokeForm, VerifyForm
from outcomes.models import Certificate
from outcomes.selectors import access
from outcomes.selectors.certificates import verify_credential

MESSAGES = {
    "valid": gettext_lazy(
        "Valid: this certificate was issued by Practice Commons and is unchanged."
    ),
    "tampered": gettext_lazy(
        "Not valid: the signature does not match. The document has been altered or was "
        "not signed by Practice Commons."
    ),
    "revoked": gettext_lazy("Revoked: this certificate was issued but has since been withdrawn."),
    "unknown": gettext_lazy("Unknown: Practice Commons has no record of this certificate."),
    "unreadable": gettext_lazy("This is not a readable credential: paste the JSON document."),
}


def _may_revoke(user, certificate: Certificate) -> bool:
    """Editors, and the organisers of the cohort it was issued to."""
    return access.is_editor(user) or (
        certificate.group is not None
        and access.can_manage_follow_up(viewer=user, group=certificate.group)
    )


@login_required
@require_POST
def cohort_certificates_issue(request: HttpRequest, slug: str) -> HttpResponse:
    group = get_object_or_404(Group.objects.select_related("course"), slug=slug)
    if not can_see_group(viewer=request.user, group=group):
        raise Http404  # a secret group does not exist for those outside it
    if not access.can_manage_follow_up(viewer=request.user, group=group):
        raise PermissionDenied
    form = CertificateIssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the certificate title and description."))
        return redirect("outcomes:cohort_follow_up", slug=slug)
    try:
        issued = services.certificates_issue_for_cohort(
            group=group, by=request.user, **form.cleaned_data
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(n)s certificates issued.") % {"n": len(issued)})
    return redirect("outcomes:cohort_follow_up", slug=slug)


@require_GET
def certificate_detail(request: HttpRequest, uuid) -> HttpResponse:
    certificate = get_object_or_404(
        Certificate.objects.select_related("course", "group", "case_study"), uuid=uuid
    )
    can_revoke = not certificate.is_revoked and _may_revoke(request.user, certificate)
    return render(
        request,
        "outcomes/certificate.html",
        {
            "certificate": certificate,
            "can_revoke": can_revoke,
            "revoke_form": RevokeForm(),
            "json": json.dumps(certificate.credential, indent=2, ensure_ascii=False),
        },
    )


@require_GET
def certificate_json(request: HttpRequest, uuid) -> HttpResponse:
    certificate = get_object_or_404(Certificate, uuid=uuid)
    return JsonResponse(
        certificate.credential, json_dumps_params={"indent": 2, "ensure_ascii": False}
    )


@require_GET
def issuer(request: HttpRequest) -> HttpResponse:
    return JsonResponse(credentials.issuer_profile(), json_dumps_params={"indent": 2})


@login_required
@require_POST
def certificate_revoke(request: HttpRequest, uuid) -> HttpResponse:
    certificate = get_object_or_404(Certificate.objects.select_related("group"), uuid=uuid)
    if not _may_revoke(request.user, certificate):
        raise PermissionDenied
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for revoking it."))
        return redirect(certificate)
    try:
        services.certificate_revoke(
            certificate=certificate, by=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The certificate is revoked."))
    return redirect(certificate)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Humans paste a credential in the form; machines POST the JSON document itself
    and get JSON back. Verifying changes nothing, hence no CSRF token is needed."""
    if request.method == "POST" and request.content_type == "application/json":
        result = verify_credential(request.body)
        status = 400 if result.status == "unreadable" else 200
        payload = {"status": result.status, "message": str(MESSAGES[result.status])}
        if result.certificate is not None and result.status in ("valid", "revoked"):
            payload["certificate"] = request.build_absolute_uri(
                result.certificate.get_absolute_url()
            )
            if result.status == "revoked":
                payload["revocation_reason"] = result.certificate.revocation_reason
        return JsonResponse(payload, status=status)
    form = VerifyForm(request.POST or None)
    result = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            result = verify_credential(form.cleaned_data["credential"])
            if result.status == "unreadable":
                form.add_error("credential", MESSAGES["unreadable"])
                status = 400
        else:
            status = 400
    return render(
        request,
        "outcomes/verify.html",
        {"form": form, "result": result, "message": MESSAGES.get(result.status) if result else ""},
        status=status,
    )
