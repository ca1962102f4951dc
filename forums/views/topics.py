"""Reading and writing in the forums: categories, topics, posts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import selectors, services
from ..forms import FlagForm, PostEditForm, ReplyForm, TopicForm
from ..models import Attachment, Category, Topic
from ._common import apply_errors, language_filter


@require_GET
def forum_index(request: HttpRequest) -> HttpResponse:
    categories = list(selectors.category_list(viewer=request.user))
    site_wide = [c for c in categories if c.group_id is None]
    by_group: dict = {}
    for category in categories:
        if category.group_id is not None:
            by_group.setdefault(category.group, []).append(category)
    return render(
        request,
        "forums/category_list.html",
        {
            "site_wide": site_wide,
            "by_group": list(by_group.items()),
            "is_moderator": selectors.is_any_moderator(request.user),
        },
    )


@require_GET
def category_detail(request: HttpRequest, slug: str) -> HttpResponse:
    category = selectors.category_get(viewer=request.user, slug=slug)
    raw_language = request.GET.get("language")
    topics = selectors.topic_list(viewer=request.user, category=category, language=raw_language)
    languages = language_filter(
        raw_language,
        selectors.topic_language_counts(viewer=request.user, category=category),
    )
    paginator = Paginator(topics, selectors.TOPICS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    signed_in = request.user.is_authenticated
    for topic in page.object_list:
        read = getattr(topic, "last_read_post_id", None)
        topic.is_new = signed_in and read is None
        topic.is_unread = signed_in and read is not None and (topic.last_post_id or 0) > read
    return render(
        request,
        "forums/category.html",
        {
            "category": category,
            "page_obj": page,
            "topics": page.object_list,
            "languages": languages,
            "can_moderate": selectors.can_moderate_category(request.user, category),
        },
    )


def _link_targets(request: HttpRequest) -> dict:
    """A topic started from a case study, inventory item or recommendation page carries
    its link (``?inventory_item=<external_id>`` etc.)."""
    from wagtail.models import Page

    from inventory.models import InventoryItem, Recommendation

    source = request.POST if request.method == "POST" else request.GET
    links: dict = {}
    if value := source.get("inventory_item"):
        links["inventory_item"] = (
            InventoryItem.objects.published().filter(external_id=value).first()
        )
    if value := source.get("recommendation"):
        links["recommendation"] = (
            Recommendation.objects.published().filter(external_id=value).first()
        )
    if (value := source.get("case_study")) and value.isdigit():
        links["case_study"] = Page.objects.live().public().filter(pk=int(value)).first()
    return {k: v for k, v in links.items() if v is not None}


@login_required
def topic_create(request: HttpRequest, slug: str) -> HttpResponse:
    category = selectors.category_get(viewer=request.user, slug=slug)
    links = _link_targets(request)
    status = 200
    if request.method == "POST":
        form = TopicForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                topic = services.topic_create(
                    category=category,
                    author=request.user,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    language=form.cleaned_data["language"],
                    attachments=form.cleaned_data["attachments"],
                    **links,
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Your topic is published."))
                return redirect(topic)
        status = 400
    else:
        form = TopicForm()
    return render(
        request,
        "forums/topic_form.html",
        {"category": category, "form": form, "links": links},
        status=status,
    )


def _topic_context(request: HttpRequest, topic: Topic, reply_form: ReplyForm | None = None) -> dict:
    viewer = request.user
    paginator = Paginator(selectors.topic_posts(topic=topic), selectors.POSTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    posts = list(page.object_list)
    can_moderate = selectors.can_moderate_category(viewer, topic.category)
    first_post_id = (
        topic.posts.order_by("pk").values_list("pk", flat=True).first() if posts else None
    )
    for post in posts:
        post.topic = topic
        post.reaction_list = selectors.reaction_summary(post, viewer)
        post.viewer_can_edit = viewer.is_authenticated and (
            can_moderate or (post.author_id == viewer.pk and not post.hidden and not topic.locked)
        )
    read_before = selectors.read_state_get(viewer=viewer, topic=topic)
    if viewer.is_authenticated and posts:
        services.topic_mark_read(user=viewer, topic=topic, post_id=posts[-1].pk)
    if reply_form is None:
        initial = {}
        quote_id = request.GET.get("quote", "")
        if viewer.is_authenticated and quote_id.isdigit():
            try:
                quoted = selectors.post_get(viewer=viewer, pk=int(quote_id))
            except selectors.NotFound:
                quoted = None
            if quoted is not None and quoted.topic_id == topic.pk:
                initial["body"] = services.quote_markdown(quoted)
        reply_form = ReplyForm(initial=initial)
    return {
        "topic": topic,
        "category": topic.category,
        "page_obj": page,
        "posts": posts,
        "first_post_id": first_post_id,
        "read_before": read_before,
        "can_moderate": can_moderate,
        "is_asker": viewer.is_authenticated and viewer.pk == topic.author_id,
        "can_reply": viewer.is_authenticated and (topic.accepts_replies or can_moderate),
        "watching": selectors.is_watching(viewer=viewer, target=topic),
        "reply_form": reply_form,
        "is_last_page": page.number == paginator.num_pages,
        "last_post_id": topic.last_post_id or 0,
        "cursor": topic.live_seq,
        "move_categories": selectors.moderatable_categories(viewer) if can_moderate else [],
    }


@require_GET
def topic_detail(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    topic = selectors.topic_get(viewer=request.user, pk=pk)
    if slug != topic.slug:
        url = topic.get_absolute_url()
        if request.GET:
            url += "?" + request.GET.urlencode()
        return redirect(url, permanent=True)
    return render(request, "forums/topic.html", _topic_context(request, topic))


@login_required
@require_POST
def post_create(request: HttpRequest, pk: int) -> HttpResponse:
    topic = selectors.topic_get(viewer=request.user, pk=pk)
    form = ReplyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            post = services.post_create(
                topic=topic,
                author=request.user,
                body=form.cleaned_data["body"],
                language=form.cleaned_data["language"],
                attachments=form.cleaned_data["attachments"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect(_post_url(post))
    return render(request, "forums/topic.html", _topic_context(request, topic, form), status=400)


def _post_url(post) -> str:
    page = selectors.post_page_number(post=post)
    url = reverse("forums:topic_detail", kwargs={"pk": post.topic_id, "slug": post.topic.slug})
    return f"{url}?page={page}#post-{post.pk}" if page > 1 else f"{url}#post-{post.pk}"


@require_GET
def post_permalink(request: HttpRequest, pk: int) -> HttpResponse:
    post = selectors.post_get(viewer=request.user, pk=pk)
    return redirect(_post_url(post))


@login_required
def post_edit(request: HttpRequest, pk: int) -> HttpResponse:
    post = selectors.post_get(viewer=request.user, pk=pk)
    if not services.can_edit_post(user=request.user, post=post):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = PostEditForm(request.POST)
        if form.is_valid():
            try:
                services.post_edit(
                    post=post,
                    editor=request.user,
                    body=form.cleaned_data["body"],
                    reason=form.cleaned_data["reason"],
                    language=form.cleaned_data["language"] or None,
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect(_post_url(post))
        status = 400
    else:
        form = PostEditForm(initial={"body": post.body, "language": post.language})
    return render(request, "forums/post_form.html", {"post": post, "form": form}, status=status)


@login_required
@require_POST
def post_react(request: HttpRequest, pk: int) -> HttpResponse:
    post = selectors.post_get(viewer=request.user, pk=pk)
    try:
        services.reaction_toggle(post=post, user=request.user, kind=request.POST.get("kind", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_post_url(post))
    return redirect(_post_url(post))


@login_required
@require_POST
def post_accept(request: HttpRequest, pk: int) -> HttpResponse:
    post = selectors.post_get(viewer=request.user, pk=pk)
    try:
        accepted = services.answer_accept(post=post, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Marked as the accepted answer.") if accepted else _("Answer unmarked.")
        )
    return redirect(_post_url(post))


@login_required
def post_flag(request: HttpRequest, pk: int) -> HttpResponse:
    post = selectors.post_get(viewer=request.user, pk=pk)
    status = 200
    can_read = selectors.can_read_post_body(viewer=request.user, post=post)
    if request.method == "POST":
        form = FlagForm(request.POST)
        if form.is_valid():
            try:
                services.flag_create(
                    post=post,
                    reporter=request.user,
                    reason=form.cleaned_data["reason"],
                    details=form.cleaned_data["details"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Thank you. The moderators will review this post."))
                return redirect(_post_url(post))
        status = 400
    else:
        form = FlagForm()
    return render(
        request,
        "forums/flag_form.html",
        {"post": post, "form": form, "can_read": can_read},
        status=status,
    )


@login_required
@require_POST
def topic_watch(request: HttpRequest, pk: int) -> HttpResponse:
    topic = selectors.topic_get(viewer=request.user, pk=pk)
    watching = request.POST.get("watch") == "1"
    services.watch_set(user=request.user, target=topic, watching=watching)
    messages.success(
        request,
        _("You will be notified of new replies.")
        if watching
        else _("You stopped watching this topic."),
    )
    return redirect(topic)


@login_required
@require_POST
def category_watch(request: HttpRequest, slug: str) -> HttpResponse:
    category: Category = selectors.category_get(viewer=request.user, slug=slug)
    watching = request.POST.get("watch") == "1"
    services.watch_set(user=request.user, target=category, watching=watching)
    messages.success(
        request,
        _("You will be notified of new topics.")
        if watching
        else _("You stopped watching this category."),
    )
    return redirect(category)


@require_GET
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """Attachments are served through visibility: a private group's files never sit
    at a public URL."""
    try:
        attachment = Attachment.objects.select_related("post__topic__category__group").get(pk=pk)
    except Attachment.DoesNotExist as exc:
        raise Http404 from exc
    post = attachment.post
    if not selectors.can_view_topic(
        viewer=request.user, topic=post.topic
    ) or not selectors.can_read_post_body(viewer=request.user, post=post):
        raise Http404
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=attachment.kind != Attachment.Kind.IMAGE,
        filename=attachment.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
