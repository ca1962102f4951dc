"""Certificates and badges: the organisers' cohort overview (issue to all alumni,
award a badge), the public verification page, signed JSON, revoke, verify."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casestudies.models import CaseStudyPage
from casestudies.selectors import public_pages
from community.models import Group
from core.listings import apply_service_errors
from core.ratelimit import ratelimit
from outcomes import credentials, services
from outcomes.forms import BadgeAwardForm, CertificateIssueForm, RevokeForm, VerifyForm
from outcomes.models import Certificate
from outcomes.selectors import access
from outcomes.selectors.certificates import (
    MAX_CREDENTIAL_BYTES,
    alumni_without_certificate,
    verify_credential,
)
from outcomes.selectors.certificates import cohort_certificates as cohort_certificates_list

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
    "too_large": gettext_lazy(
        "This is too large to be a credential: a certificate from Practice Commons is a "
        "few kilobytes of JSON."
    ),
    "malformed": gettext_lazy(
        "This cannot be a credential from Practice Commons: a text in it is longer than a "
        "credential holds, or its proof value cannot be a signature."
    ),
}
# Answers that are about the request rather than the certificate.
ERROR_STATUS = {"unreadable": 400, "too_large": 413, "malformed": 422}


@login_required
@require_http_methods(["GET", "POST"])
def cohort_certificates(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisers' overview of a cohort's certificates and badges: issue a
    certificate to every alumna who has none yet, see each one's status, open it to
    revoke it, or award a badge."""
    group = access.organised_cohort(viewer=request.user, slug=slug)
    form = CertificateIssueForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                issued = services.certificates_issue_for_cohort(
                    group=group, by=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                if issued:
                    messages.success(
                        request,
                        ngettext(
                            "%(n)s certificate issued: the alumna was told by email.",
                            "%(n)s certificates issued: the alumni were told by email.",
                            len(issued),
                        )
                        % {"n": len(issued)},
                    )
                else:
                    messages.info(request, _("Every alumna already has a certificate."))
                return redirect("outcomes:cohort_certificates_issue", slug=group.slug)
        status = 400
    certificates = list(cohort_certificates_list(group=group))
    return render(
        request,
        "outcomes/cohort_certificates.html",
        {
            "group": group,
            "form": form,
            "is_cohort": group.kind == Group.Kind.ALUMNI_NETWORK,
            "pending": alumni_without_certificate(group=group),
            "certificates": [c for c in certificates if c.kind == Certificate.Kind.CERTIFICATE],
            "badges": [c for c in certificates if c.kind == Certificate.Kind.BADGE],
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def badge_award(request: HttpRequest, slug: str) -> HttpResponse:
    """An organiser awards a badge for applied practice to a member of the cohort."""
    group = access.organised_cohort(viewer=request.user, slug=slug)
    form = BadgeAwardForm(
        request.POST if request.method == "POST" else None, group=group, by=request.user
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                badge = services.badge_issue(by=request.user, group=group, **form.cleaned_data)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Badge awarded to %(name)s, who was told by email.")
                    % {"name": badge.recipient_name},
                )
                return redirect(badge)
        status = 400
    return render(
        request, "outcomes/badge_award.html", {"group": group, "form": form}, status=status
    )


def _may_revoke(user, certificate: Certificate) -> bool:
    """Editors, and the organisers of the cohort it was issued to."""
    return access.is_editor(user) or (
        certificate.group is not None
        and access.can_manage_follow_up(viewer=user, group=certificate.group)
    )


def _can_revoke(user, certificate: Certificate) -> bool:
    return not certificate.is_revoked and _may_revoke(user, certificate)


def _certificate_page(
    request: HttpRequest, certificate: Certificate, *, revoke_form=None, status: int = 200
) -> HttpResponse:
    can_revoke = _can_revoke(request.user, certificate)
    organises = certificate.group is not None and access.can_award_badges(
        viewer=request.user, group=certificate.group
    )
    cohort_url = (
        reverse("outcomes:cohort_certificates_issue", args=[certificate.group.slug])
        if organises
        else ""
    )
    return render(
        request,
        "outcomes/certificate.html",
        {
            "certificate": certificate,
            "can_revoke": can_revoke,
            "cohort_url": cohort_url,
            "case_study": public_pages(CaseStudyPage).filter(pk=certificate.case_study_id).first()
            if certificate.case_study_id
            else None,
            "revoke_form": revoke_form or RevokeForm(),
            "json": json.dumps(certificate.credential, indent=2, ensure_ascii=False),
        },
        status=status,
    )


@require_GET
def certificate_detail(request: HttpRequest, uuid) -> HttpResponse:
    certificate = get_object_or_404(
        Certificate.objects.select_related("course", "group", "case_study"), uuid=uuid
    )
    return _certificate_page(request, certificate)


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
    certificate = get_object_or_404(
        Certificate.objects.select_related("course", "group", "case_study"), uuid=uuid
    )
    if not _may_revoke(request.user, certificate):
        raise PermissionDenied(
            _("Only editors and the organisers of the cohort can revoke a certificate.")
        )
    form = RevokeForm(request.POST)
    if form.is_valid():
        try:
            services.certificate_revoke(
                certificate=certificate, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request, _("It is revoked: verification now says so, and the holder was told.")
            )
            return redirect(certificate)
    return _certificate_page(request, certificate, revoke_form=form, status=400)


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


@ratelimit("verify", as_json=True)
def _verify_json(request: HttpRequest) -> HttpResponse:
    """A machine POSTs the JSON document itself and gets JSON back. A body declared
    larger than a credential can be is refused before it is read."""
    if _declared_length(request) > MAX_CREDENTIAL_BYTES:
        status = "too_large"
        result = None
    else:
        result = verify_credential(request.body)
        status = result.status
    payload = {"status": status, "message": str(MESSAGES[status])}
    if result is not None and result.certificate is not None and status in ("valid", "revoked"):
        payload["certificate"] = credentials.absolute(result.certificate.get_absolute_url())
        if status == "revoked":
            payload["revocation_reason"] = result.certificate.revocation_reason
    return JsonResponse(payload, status=ERROR_STATUS.get(status, 200))


@ratelimit("verify")
def _verify_form(request: HttpRequest) -> HttpResponse:
    """A person pastes a credential in the form."""
    form = VerifyForm(request.POST or None)
    result = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            result = verify_credential(form.cleaned_data["credential"])
            if result.status in ERROR_STATUS:
                form.add_error("credential", MESSAGES[result.status])
                status = ERROR_STATUS[result.status]
        else:
            status = 400
    return render(
        request,
        "outcomes/verify.html",
        {
            "form": form,
            "result": result,
            "verdict": result is not None and result.status not in ERROR_STATUS,
            "message": MESSAGES.get(result.status) if result else "",
        },
        status=status,
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Humans paste a credential in the form; machines POST the JSON document itself.
    Verifying changes nothing, hence no CSRF token is needed; both ways share one rate
    limit (``RATE_LIMITS["verify"]``), counted on POST only."""
    if request.method == "POST" and request.content_type == "application/json":
        return _verify_json(request)
    return _verify_form(request)
