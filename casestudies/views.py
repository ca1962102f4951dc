"""Comment views: thin wrappers around ``services.comments``.

Errors are answered in place, on the case-study page, with status 400 and the form's
field errors (never a bare 400 page or a 500).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_comments_xtd.models import XtdComment

from casestudies import services
from casestudies.forms import CommentEditForm, CommentForm
from casestudies.models import CaseStudyPage
from casestudies.rules import can_moderate_comments
from casestudies.selectors import flagged_comments, public_pages
from core.listings import apply_service_errors
from core.ratelimit import ratelimit


def _page_or_404(page_id: int) -> CaseStudyPage:
    return get_object_or_404(public_pages(CaseStudyPage), pk=page_id)


def _comment_or_404(comment_id: int) -> tuple[XtdComment, CaseStudyPage]:
    comment = get_object_or_404(
        XtdComment.norel_objects.select_related("content_type"), pk=comment_id, is_public=True
    )
    if comment.content_type.model_class() is not CaseStudyPage:
        raise Http404
    return comment, _page_or_404(int(comment.object_pk))


def _comment_url(page: CaseStudyPage, request: HttpRequest, comment_id: int | None = None) -> str:
    return page.get_url(request) + (f"#c{comment_id}" if comment_id else "#comments")


def _render_page_with_form(request, page: CaseStudyPage, form: CommentForm) -> TemplateResponse:
    context = page.get_context(request)
    context["comment_form"] = form
    reply_to = form.data.get("reply_to")
    if reply_to and reply_to.isdigit() and "reply_to" not in form.errors:
        from casestudies.selectors.pages import comment_reply_target

        context["reply_to"] = comment_reply_target(page=page, reply_to=reply_to)
    return TemplateResponse(request, page.get_template(request), context, status=400)


@ratelimit("comment")
@require_POST
def comment_post(request: HttpRequest, page_id: int) -> HttpResponse:
    page = _page_or_404(page_id)
    if not request.user.is_authenticated:
        return redirect_to_login(page.get_url(request) + "#comments")
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _render_page_with_form(request, page, form)
    try:
        comment = services.comment_post(
            page=page,
            author=request.user,
            body=form.cleaned_data["comment"],
            reply_to=form.cleaned_data.get("reply_to"),
            followup=form.cleaned_data["followup"],
            ip_address=request.META.get("REMOTE_ADDR") or None,
            language=form.cleaned_data.get("language"),
        )
    except ValidationError as exc:
        apply_service_errors(form, exc)
        return _render_page_with_form(request, page, form)
    messages.success(request, _("Your comment is posted."))
    return HttpResponseRedirect(_comment_url(page, request, comment.pk))


@login_required
@require_http_methods(["GET", "POST"])
def comment_edit(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment, page = _comment_or_404(comment_id)
    form = CommentEditForm(request.POST or None, initial={"comment": comment.comment})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.comment_edit(
                    comment=comment, editor=request.user, body=form.cleaned_data["comment"]
                )
            except ValidationError as exc:
                form.add_error("comment", exc.message_dict.get("comment", exc.messages))
            else:
                messages.success(request, _("Your comment is updated."))
                return HttpResponseRedirect(_comment_url(page, request, comment.pk))
        status = 400
    elif comment.user_id != request.user.pk:
        raise PermissionDenied
    return render(
        request,
        "comments/edit.html",
        {"form": form, "comment": comment, "page": page},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def comment_delete(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment, page = _comment_or_404(comment_id)
    if request.method == "POST":
        services.comment_delete(comment=comment, actor=request.user)
        messages.success(request, _("Your comment is deleted."))
        return HttpResponseRedirect(_comment_url(page, request))
    if comment.user_id != request.user.pk:
        raise PermissionDenied
    return render(request, "comments/delete.html", {"comment": comment, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def comment_flag(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment, page = _comment_or_404(comment_id)
    if request.method == "POST":
        try:
            created = services.comment_flag(comment=comment, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("Thank you: moderators will review this comment.")
                if created
                else _("You have already reported this comment."),
            )
        return HttpResponseRedirect(_comment_url(page, request, comment.pk))
    return render(request, "comments/flag.html", {"comment": comment, "page": page})


@login_required
@require_POST
def comment_moderate(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment, page = _comment_or_404(comment_id)
    action = request.POST.get("action")
    if action == "remove":
        services.comment_remove(comment=comment, moderator=request.user)
        messages.success(request, _("The comment is removed."))
    elif action == "keep":
        services.comment_dismiss_flags(comment=comment, moderator=request.user)
        messages.success(request, _("The flags are dismissed and the comment stays."))
    else:
        messages.error(request, _("Choose whether to remove or keep the comment."))
        return HttpResponseRedirect(_comment_url(page, request, comment.pk))
    if request.POST.get("next") == "moderation":
        return HttpResponseRedirect(reverse("casestudies:comment_moderation"))
    return HttpResponseRedirect(_comment_url(page, request, comment.pk))


@login_required
def comment_moderation(request: HttpRequest) -> HttpResponse:
    if not can_moderate_comments(request.user):
        raise PermissionDenied
    comments = list(flagged_comments()[:200])
    pages = {
        p.pk: p for p in CaseStudyPage.objects.filter(pk__in={int(c.object_pk) for c in comments})
    }
    rows = [(c, pages.get(int(c.object_pk))) for c in comments]
    return render(request, "comments/moderation.html", {"rows": rows})


def comment_unfollow(request: HttpRequest, token: str) -> HttpResponse:
    try:
        page = services.comment_unfollow(token=token)
    except ValidationError as exc:
        return render(
            request, "comments/unfollowed.html", {"error": " ".join(exc.messages)}, status=400
        )
    return render(request, "comments/unfollowed.html", {"page": page})
