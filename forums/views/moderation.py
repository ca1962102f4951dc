"""Moderator tools: topic actions, hiding posts, edit history, the flag queue and the
audit log. Site moderators act everywhere; group owners and moderators in their group's
categories and rooms."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import selectors, services
from ..forms import FlagResolveForm, OptionalReasonForm, ReasonForm, SplitForm, TopicModerateForm
from ..models import Flag, Post
from ._common import apply_errors
from .topics import _post_url


@login_required
@require_POST
def topic_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    topic = selectors.topic_get(viewer=request.user, pk=pk)
    if not selectors.can_moderate_category(request.user, topic.category):
        raise PermissionDenied
    form = TopicModerateForm(
        request.POST, categories=selectors.moderatable_categories(request.user)
    )
    if not form.is_valid():
        messages.error(request, _("That moderation action could not be done."))
        return redirect(topic)
    action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
    kwargs = {"topic": topic, "actor": request.user, "reason": reason}
    if action in ("pin", "unpin"):
        services.topic_pin(pinned=action == "pin", **kwargs)
    elif action in ("lock", "unlock"):
        services.topic_lock(locked=action == "lock", **kwargs)
    elif action in ("close", "reopen"):
        services.topic_close(closed=action == "close", **kwargs)
    elif action == "move":
        if form.cleaned_data["category"] is None:
            messages.error(request, _("Choose the category to move the topic to."))
            return redirect(topic)
        services.topic_move(category=form.cleaned_data["category"], **kwargs)
    elif action == "rename":
        try:
            services.topic_rename(title=form.cleaned_data["title"], **kwargs)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(topic)
    messages.success(request, _("Done."))
    return redirect(topic)


@login_required
@require_POST
def topic_split(request: HttpRequest, pk: int) -> HttpResponse:
    topic = selectors.topic_get(viewer=request.user, pk=pk)
    if not selectors.can_moderate_category(request.user, topic.category):
        raise PermissionDenied
    post_ids = list(topic.posts.values_list("pk", flat=True))
    form = SplitForm(request.POST, post_ids=post_ids)
    if form.is_valid():
        try:
            new_topic = services.topic_split(
                topic=topic,
                actor=request.user,
                posts=list(Post.objects.filter(pk__in=form.cleaned_data["posts"])),
                title=form.cleaned_data["title"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The replies now form a new topic."))
            return redirect(new_topic)
    for field, errors in form.errors.items():
        messages.error(
            request,
            f"{form.fields[field].label if field in form.fields else ''} {' '.join(errors)}",
        )
    return redirect(topic)


@login_required
def post_hide(request: HttpRequest, pk: int) -> HttpResponse:
    post = selectors.post_get(viewer=request.user, pk=pk)
    if not selectors.can_moderate_category(request.user, post.topic.category):
        raise PermissionDenied
    unhide = post.hidden
    form_class = OptionalReasonForm if unhide else ReasonForm
    status = 200
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                if unhide:
                    services.post_unhide(
                        post=post, actor=request.user, reason=form.cleaned_data["reason"]
                    )
                else:
                    services.post_hide(
                        post=post, actor=request.user, reason=form.cleaned_data["reason"]
                    )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request, _("The post is restored.") if unhide else _("The post is hidden.")
                )
                return redirect(_post_url(post))
        status = 400
    else:
        form = form_class()
    return render(
        request,
        "forums/post_hide.html",
        {"post": post, "form": form, "unhide": unhide},
        status=status,
    )


@login_required
@require_GET
def post_history(request: HttpRequest, pk: int) -> HttpResponse:
    post = selectors.post_get(viewer=request.user, pk=pk)
    if not selectors.can_moderate_category(request.user, post.topic.category):
        raise PermissionDenied
    return render(
        request,
        "forums/post_history.html",
        {"post": post, "revisions": selectors.post_revisions(post=post)},
    )


@login_required
@require_GET
def flag_queue(request: HttpRequest) -> HttpResponse:
    if not selectors.is_any_moderator(request.user):
        raise PermissionDenied
    status = request.GET.get("status", Flag.Status.OPEN)
    if status not in Flag.Status.values:
        status = Flag.Status.OPEN
    page = Paginator(selectors.flag_queue(viewer=request.user, status=status), 30).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "forums/flag_queue.html",
        {
            "page_obj": page,
            "flags": page.object_list,
            "status": status,
            "statuses": Flag.Status.choices,
            "form": FlagResolveForm(),
        },
    )


@login_required
@require_POST
def flag_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        flag = selectors.flag_queue(viewer=request.user).get(pk=pk)
    except Flag.DoesNotExist as exc:
        raise Http404 from exc
    form = FlagResolveForm(request.POST)
    if form.is_valid():
        try:
            services.flag_resolve(
                flag=flag,
                actor=request.user,
                upheld=form.cleaned_data["decision"] == "uphold",
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The flag is resolved."))
    else:
        messages.error(request, _("Choose a decision."))
    return redirect("forums:flag_queue")


@login_required
@require_GET
def moderation_log(request: HttpRequest) -> HttpResponse:
    if not selectors.is_any_moderator(request.user):
        raise PermissionDenied
    page = Paginator(selectors.moderation_log(viewer=request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request, "forums/moderation_log.html", {"page_obj": page, "actions": page.object_list}
    )
