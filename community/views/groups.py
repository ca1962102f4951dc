"""Groups: the directory, a group's page and everything its members and organisers do
there. Thin: visibility comes from ``community.selectors``, every change from
``community.services``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community import rules, selectors, services
from community.forms import GroupForm, InviteForm, JoinRequestForm, RosterForm
from community.models import Group, Invitation, JoinRequest, Membership, User

from .util import follow_state, safe_next

PAGE_SIZE = 24
MEMBERS_PAGE_SIZE = 50


def _error(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def _group_url(group: Group) -> str:
    return reverse("community:group_detail", args=[group.slug])


def _content_group(request: HttpRequest, slug: str) -> Group:
    """A group whose content (members, feed) the viewer may see; private groups answer
    403 to non-members, secret ones 404."""
    group = selectors.group_for_viewer(viewer=request.user, slug=slug)
    if not selectors.can_view_group_content(viewer=request.user, group=group):
        raise PermissionDenied(_("Only members can see this group's content."))
    return group


def _managed_group(request: HttpRequest, slug: str) -> Group:
    group = selectors.group_for_viewer(viewer=request.user, slug=slug)
    if not rules.can_manage_group(user=request.user, group=group):
        raise PermissionDenied(_("Only the group's owners and moderators can do this."))
    return group


@require_GET
def group_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    if kind not in Group.Kind.values:
        kind = ""
    q = request.GET.get("q", "").strip()[:100]
    groups = selectors.groups_directory(viewer=request.user, kind=kind, q=q)
    page = Paginator(groups, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "community/group_list.html",
        {
            "page": page,
            "kind": kind,
            "q": q,
            "kinds": Group.Kind.choices,
            "my_group_ids": selectors.member_group_ids(viewer=request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request: HttpRequest) -> HttpResponse:
    form = GroupForm(request.POST or None, initial={"kind": request.GET.get("kind")})
    if request.method == "POST" and form.is_valid():
        group = services.group_create(creator=request.user, **form.cleaned_data)
        messages.success(request, _("Your group was created. Invite its first members."))
        return redirect(_group_url(group))
    status = 400 if request.method == "POST" else 200
    return render(request, "community/group_form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request: HttpRequest, slug: str) -> HttpResponse:
    group = selectors.group_for_viewer(viewer=request.user, slug=slug)
    if not rules.is_group_owner(user=request.user, group=group):
        raise PermissionDenied(_("Only the group's owner can do this."))
    form = GroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        services.group_update(group=group, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The group was saved."))
        return redirect(_group_url(group))
    status = 400 if request.method == "POST" else 200
    return render(
        request, "community/group_form.html", {"form": form, "group": group}, status=status
    )


@require_GET
def group_detail(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = request.user
    group = selectors.group_for_viewer(viewer=viewer, slug=slug)
    can_view = selectors.can_view_group_content(viewer=viewer, group=group)
    role = selectors.membership_role(viewer=viewer, group=group)
    can_manage = rules.can_manage_group(user=viewer, group=group, role=role)
    context = {
        "group": group,
        "role": role,
        "can_view_content": can_view,
        "can_manage": can_manage,
        "is_owner": rules.is_group_owner(user=viewer, group=group, role=role),
        "organiser_actions": rules.organiser_actions(user=viewer, group=group, role=role),
        "member_count": selectors.group_member_count(viewer=viewer, group=group),
        "pending_request": None
        if role
        else selectors.pending_request_for(viewer=viewer, group=group),
        **follow_state(viewer, group),
        "join_form": JoinRequestForm(),
    }
    if can_view:
        context |= {
            "recent_members": selectors.group_recent_members(group=group, limit=12),
            "activity": selectors.group_activity(viewer=viewer, group=group),
            "country_counts": selectors.group_country_counts(viewer=viewer, group=group),
        }
    if can_manage:
        context["pending_requests_count"] = selectors.group_pending_requests(group=group).count()
    return render(request, "community/group.html", context)


@login_required
@require_POST
def group_join(request: HttpRequest, slug: str) -> HttpResponse:
    group = selectors.group_for_viewer(viewer=request.user, slug=slug)
    form = JoinRequestForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    try:
        result = services.group_join(group=group, user=request.user, message=message)
    except ValidationError as exc:
        _error(request, exc)
    else:
        if isinstance(result, Membership):
            messages.success(request, _("Welcome to %(group)s.") % {"group": group.name})
        else:
            messages.success(
                request, _("Your request was sent. The group's organisers will decide on it.")
            )
    return redirect(_group_url(group))


@login_required
@require_POST
def group_request_withdraw(request: HttpRequest, slug: str) -> HttpResponse:
    group = selectors.group_for_viewer(viewer=request.user, slug=slug)
    pending = selectors.pending_request_for(viewer=request.user, group=group)
    if pending is not None:
        services.join_request_withdraw(request=pending, user=request.user)
        messages.success(request, _("Your request was withdrawn."))
    return redirect(_group_url(group))


@login_required
@require_POST
def group_leave(request: HttpRequest, slug: str) -> HttpResponse:
    group = selectors.group_for_viewer(viewer=request.user, slug=slug)
    try:
        services.group_leave(group=group, user=request.user)
    except ValidationError as exc:
        _error(request, exc)
        return redirect(_group_url(group))
    messages.success(request, _("You left %(group)s.") % {"group": group.name})
    if group.privacy == Group.Privacy.SECRET and not request.user.is_staff:
        return redirect("community:group_list")
    return redirect(_group_url(group))


@login_required
@require_POST
def group_follow(request: HttpRequest, slug: str) -> HttpResponse:
    group = selectors.group_for_viewer(viewer=request.user, slug=slug)
    if request.POST.get("action") == "unfollow":
        services.follow_delete(user=request.user, target=group)
        messages.success(request, _("You no longer follow %(group)s.") % {"group": group.name})
    else:
        services.follow_create(user=request.user, target=group)
        messages.success(request, _("You now follow %(group)s.") % {"group": group.name})
    return redirect(safe_next(request, _group_url(group)))


@require_GET
def group_members(request: HttpRequest, slug: str) -> HttpResponse:
    group = _content_group(request, slug)
    page = Paginator(selectors.group_members(group=group), MEMBERS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    role = selectors.membership_role(viewer=request.user, group=group)
    return render(
        request,
        "community/group_members.html",
        {
            "group": group,
            "page": page,
            "role": role,
            "can_manage": rules.can_manage_group(user=request.user, group=group, role=role),
        },
    )


@login_required
@require_POST
def group_member_action(request: HttpRequest, slug: str, handle: str) -> HttpResponse:
    group = _managed_group(request, slug)
    user = get_object_or_404(User, handle=handle)
    action = request.POST.get("action")
    try:
        if action == "remove":
            services.membership_remove(group=group, actor=request.user, user=user)
            done = _("%(name)s was removed from the group.")
        elif action in ("moderator", "member"):
            services.membership_set_role(group=group, actor=request.user, user=user, role=action)
            done = _("%(name)s's role was changed.")
        elif action == "transfer":
            services.group_transfer_ownership(group=group, actor=request.user, new_owner=user)
            done = _("%(name)s now owns the group.")
        else:
            messages.error(request, _("Unknown action."))
            return redirect("community:group_members", slug=group.slug)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, done % {"name": user.display_name})
    return redirect("community:group_members", slug=group.slug)


@login_required
@require_GET
def group_requests(request: HttpRequest, slug: str) -> HttpResponse:
    group = _managed_group(request, slug)
    return render(
        request,
        "community/group_requests.html",
        {"group": group, "requests": selectors.group_pending_requests(group=group)},
    )


@login_required
@require_POST
def group_request_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = _managed_group(request, slug)
    join_request = get_object_or_404(JoinRequest, pk=pk, group=group)
    approve = request.POST.get("decision") == "approve"
    try:
        services.join_request_decide(request=join_request, actor=request.user, approve=approve)
    except ValidationError as exc:
        _error(request, exc)
    else:
        name = join_request.user.display_name
        if approve:
            messages.success(request, _("%(name)s is now a member.") % {"name": name})
        else:
            messages.success(request, _("%(name)s's request was declined.") % {"name": name})
    return redirect("community:group_requests", slug=group.slug)


@login_required
@require_http_methods(["GET", "POST"])
def group_invitations(request: HttpRequest, slug: str) -> HttpResponse:
    group = _managed_group(request, slug)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = services.invitations_create(
            group=group, invited_by=request.user, emails=form.cleaned_data["emails"]
        )
        if result.invited:
            messages.success(
                request,
                _("Invitations sent to: %(emails)s") % {"emails": ", ".join(result.invited)},
            )
        if result.already_members:
            messages.info(
                request,
                _("Already members: %(emails)s") % {"emails": ", ".join(result.already_members)},
            )
        return redirect("community:group_invitations", slug=group.slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "community/group_invitations.html",
        {
            "group": group,
            "form": form,
            "invitations": selectors.group_pending_invitations(group=group),
        },
        status=status,
    )


@login_required
@require_POST
def group_invitation_revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = _managed_group(request, slug)
    invitation = get_object_or_404(Invitation, pk=pk, group=group)
    try:
        services.invitation_revoke(invitation=invitation, actor=request.user)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(
            request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email}
        )
    return redirect("community:group_invitations", slug=group.slug)


@login_required
@require_http_methods(["GET", "POST"])
def group_roster(request: HttpRequest, slug: str) -> HttpResponse:
    group = _managed_group(request, slug)
    if group.kind != Group.Kind.ALUMNI_NETWORK:
        raise Http404
    form = RosterForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        result = services.roster_import(
            group=group, actor=request.user, emails=form.cleaned_data["roster"]
        )
        messages.success(
            request,
            _("Roster imported: %(added)d added, %(invited)d invited, %(already)d already members.")
            % {
                "added": len(result.added),
                "invited": len(result.invited),
                "already": len(result.already_members),
            },
        )
        return redirect(_group_url(group))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "community/group_roster.html",
        {"group": group, "form": form, "row_errors": getattr(form, "row_errors", [])},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def invitation_detail(request: HttpRequest, token: str) -> HttpResponse:
    """The page an invitation email links to. Anyone with the link sees which group
    invites them (that is what the link is for); only the invited address can accept."""
    try:
        invitation = services.invitation_from_token(token)
    except services.InvitationError as exc:
        return _invitation_error(request, exc, status=404)
    try:
        services.check_open(invitation)
    except services.InvitationError as exc:
        return _invitation_error(request, exc, status=410)
    group = invitation.group
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        try:
            if request.POST.get("decision") == "decline":
                services.invitation_decline(invitation=invitation, user=request.user)
                messages.success(request, _("You declined the invitation."))
                return redirect("/")
            services.invitation_accept(invitation=invitation, user=request.user)
        except services.InvitationError as exc:
            return render(
                request,
                "community/invitation.html",
                {"invitation": invitation, "group": group, "error": " ".join(exc.messages)},
                status=403,
            )
        messages.success(request, _("Welcome to %(group)s.") % {"group": group.name})
        return redirect(_group_url(group))
    return render(
        request,
        "community/invitation.html",
        {"invitation": invitation, "group": group, "next": request.path},
    )


def _invitation_error(request: HttpRequest, exc: ValidationError, *, status: int) -> HttpResponse:
    return render(
        request, "community/invitation.html", {"error": " ".join(exc.messages)}, status=status
    )
