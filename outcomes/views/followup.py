"""Alumni answer follow-up questionnaires; organisers plan and edit them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.listings import apply_service_errors
from outcomes import services
from outcomes.forms import FollowUpForm, QuestionnaireEditForm, ScheduleForm
from outcomes.links import LinkError, make_token, read_token
from outcomes.models import Certificate, FollowUpResponse, Questionnaire
from outcomes.selectors import access
from outcomes.selectors.followup import answer_rows, my_follow_ups, schedule_for
from outcomes.services.followup import current_version, questions_from_framework

LINK_ERRORS = {
    "forged": (
        400,
        gettext_lazy(
            "This follow-up link is not valid. It may have been copied incompletely. "
            "Open it again from the email, or find the questionnaire under My follow-ups."
        ),
    ),
    "expired": (
        410,
        gettext_lazy(
            "This questionnaire is closed, so the link no longer works. Thank you all the same."
        ),
    ),
    "other_member": (
        403,
        gettext_lazy(
            "This link was sent to another member. You are logged in as someone else: "
            "log out to answer for the person it was sent to, or open your own link."
        ),
    ),
}


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = read_token(token, viewer=request.user)
    except LinkError as error:
        status, message = LINK_ERRORS[error.reason]
        return render(
            request,
            "outcomes/link_error.html",
            {"message": message, "reason": error.reason},
            status=status,
        )
    questionnaire = invitation.questionnaire
    response = (
        FollowUpResponse.objects.select_related("version", "country", "sector")
        .filter(questionnaire=questionnaire, respondent=invitation.respondent)
        .first()
    )
    if response is not None and response.is_submitted:
        return render(
            request,
            "outcomes/follow_up_done.html",
            {"questionnaire": questionnaire, "response": response, "rows": answer_rows(response)},
        )
    version = response.version if response else current_version(questionnaire)
    profile = invitation.respondent.profile
    initial = {
        "country": (response.country if response else profile.country),
        "sector": response.sector if response else None,
        "role": response.role if response else profile.role,
    }
    if response is not None:
        for a in response.answers.all():
            # Numbers are stored as floats; show "4" as she typed it, not "4.0".
            value = a.value
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            initial[a.key] = value
    status = 200
    if request.method == "POST":
        form = FollowUpForm(request.POST, questions=version.questions, initial=initial)
        form.is_valid()
        data = getattr(form, "cleaned_data", {})
        services.follow_up_answers_save(
            invitation=invitation,
            values=form.answers(),
            country=data.get("country"),
            sector=data.get("sector"),
            role=data.get("role") if "role" in data else None,
        )
        if form.errors:
            status = 400
        elif "submit" in request.POST:
            try:
                services.follow_up_response_submit(invitation=invitation)
            except ValidationError as exc:
                apply_service_errors(form, exc)
                status = 400
            else:
                messages.success(request, _("Thank you: your answers have been sent."))
                return redirect("outcomes:answer", token=token)
        else:
            messages.success(
                request, _("Your answers are saved. Come back to this link to finish.")
            )
            return redirect("outcomes:answer", token=token)
    else:
        form = FollowUpForm(questions=version.questions, initial=initial)
    return render(
        request,
        "outcomes/follow_up_form.html",
        {
            "form": form,
            "questionnaire": questionnaire,
            "group": questionnaire.schedule.group,
            "response": response,
            "version": version,
            "answered": response.answers.count() if response else 0,
        },
        status=status,
    )


@login_required
def my_follow_ups_view(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    entries = my_follow_ups(viewer=request.user)
    for entry in entries:
        entry["open"] = entry["questionnaire"].is_open(today)
        entry["link"] = reverse(
            "outcomes:answer", kwargs={"token": make_token(entry["invitation"])}
        )
    return render(request, "outcomes/my_follow_ups.html", {"entries": entries})


@login_required
@require_http_methods(["GET", "POST"])
def cohort_follow_up(request: HttpRequest, slug: str) -> HttpResponse:
    group = access.organised_cohort(viewer=request.user, slug=slug)
    status = 200
    form = ScheduleForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.follow_up_schedule_create(
                    group=group,
                    by=request.user,
                    months=form.cleaned_data["months"],
                    course_end=form.cleaned_data["course_end"],
                    open_questions=form.cleaned_data["open_questions"],
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("The follow-up questionnaires are scheduled."))
                return redirect("outcomes:cohort_follow_up", slug=group.slug)
        status = 400
    schedule = schedule_for(group=group)
    return render(
        request,
        "outcomes/follow_up_schedule.html",
        {
            "group": group,
            "schedule": schedule,
            "form": form,
            "certificates": Certificate.objects.filter(group=group).count(),
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def questionnaire_edit(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = get_object_or_404(
        Questionnaire.objects.select_related("schedule__group", "schedule__framework"), pk=pk
    )
    group = access.organised_cohort(viewer=request.user, slug=questionnaire.schedule.group.slug)
    version = current_version(questionnaire)
    indicator_questions = [
        q
        for q in questions_from_framework(
            framework=questionnaire.schedule.framework, open_questions=[]
        )
        if q["kind"] == "number"
    ]
    known = {q["key"] for q in indicator_questions}
    indicator_questions += [
        q for q in version.questions if q["kind"] == "number" and q["key"] not in known
    ]
    initial = {
        "title": questionnaire.title,
        "indicators": [q["key"] for q in version.questions if q["kind"] == "number"],
        "open_questions": "\n".join(q["label"] for q in version.questions if q["kind"] == "text"),
    }
    form = QuestionnaireEditForm(
        request.POST or None, initial=initial, indicator_questions=indicator_questions
    )
    if request.method == "POST" and form.is_valid():
        new = services.questionnaire_update(
            questionnaire=questionnaire,
            by=request.user,
            questions=form.questions(),
            title=form.cleaned_data["title"],
        )
        if new.number != version.number:
            messages.success(
                request,
                _(
                    "Answers already exist, so your changes are saved as version %(n)s. "
                    "Earlier answers stay with the questions they answered."
                )
                % {"n": new.number},
            )
        else:
            messages.success(request, _("The questionnaire is saved."))
        return redirect("outcomes:cohort_follow_up", slug=group.slug)
    return render(
        request,
        "outcomes/questionnaire_edit.html",
        {"form": form, "questionnaire": questionnaire, "group": group, "version": version},
        status=400 if request.method == "POST" else 200,
    )
