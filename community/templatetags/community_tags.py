from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from community import follows, rules, selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notification_count(context) -> int:
    """The bell's count; cached on the request so a page asks once."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return 0
    if not hasattr(request, "_unread_notifications"):
        request._unread_notifications = selectors.unread_notification_count(viewer=request.user)
    return request._unread_notifications


_ACTION_LABELS = {
    "moderator": _("Make moderator"),
    "member": _("Make member"),
    "transfer": _("Transfer ownership"),
    "remove": _("Remove from group"),
}


@register.simple_tag(takes_context=True)
def member_actions(context, membership) -> list[tuple[str, str]]:
    """``{% member_actions m as actions %}``: what the viewer may do to this member of
    ``group``, as (action, label) pairs, asked of :func:`community.rules.member_actions`
    (templates never restate the role rules). Uses the viewer's ``role`` from the
    context when the view provides it."""
    request = context.get("request")
    if request is None:
        return []
    role = context.get("role", rules.UNKNOWN)
    actions = rules.member_actions(
        actor=request.user, group=context["group"], target=membership, actor_role=role
    )
    return [(action, _ACTION_LABELS[action]) for action in actions]


@register.inclusion_tag("components/follow_button.html", takes_context=True)
def follow_button(context, obj) -> dict:
    """``{% follow_button obj %}``: the follow/unfollow form for anything registered in
    :mod:`community.follows`, posting to the one follow route and coming back here."""
    request = context.get("request")
    user = getattr(request, "user", None)
    kind = follows.kind_for(obj)
    if kind is None or request is None:
        return {"user": None}
    return {
        "user": user,
        "csrf_token": context.get("csrf_token"),
        "action": reverse("community:follow", kwargs={"kind": kind.key, "pk": obj.pk}),
        **follows.button_state(user=user, obj=obj),
        "label": kind.name(obj),
        "next": request.get_full_path(),
    }


@register.simple_tag(takes_context=True)
def sign_in_buttons(context) -> list:
    """The "Sign in with <organisation>" buttons of the log-in, sign-up and error pages."""
    request = context.get("request")
    if request is None:
        return []
    return selectors.sign_in_buttons(request=request)


@register.simple_tag
def sign_in_provider_name(account) -> str:
    """A connected account's provider as members know it: its organisation's name."""
    provider = account.get_provider()
    return selectors.provider_display_name(provider_id=account.provider, default=provider.name)
