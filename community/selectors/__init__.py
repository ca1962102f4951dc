"""Reads shared by views, APIs, feeds, search and WebSocket consumers.

The group visibility rule lives in :mod:`community.selectors.visibility` and is
re-exported here, so other apps keep importing ``community.selectors``.
"""

from .groups import (
    group_activity,
    group_country_counts,
    group_for_viewer,
    group_member_count,
    group_members,
    group_pending_invitations,
    group_pending_requests,
    group_recent_members,
    groups_directory,
    invitations_for,
    my_memberships,
    pending_request_for,
)
from .notifications import (
    notification_list,
    unread_notification_count,
    visible_notifications_q,
)
from .profiles import (
    ProfileView,
    avatar_for_viewer,
    avatar_url,
    member_directory,
    profile_for_viewer,
    profile_view,
    visibility_levels,
)
from .visibility import (
    can_see_group,
    can_view_group_content,
    content_visible_group_ids,
    followers_of,
    forget_memberships,
    group_content_q,
    group_list,
    groups_with_visible_content,
    member_group_ids,
    member_groups_for_viewer,
    membership_role,
    prime_member_group_ids,
    visible_content_groups_q,
)

__all__ = [
    "ProfileView",
    "avatar_for_viewer",
    "avatar_url",
    "can_see_group",
    "can_view_group_content",
    "content_visible_group_ids",
    "followers_of",
    "forget_memberships",
    "group_activity",
    "group_content_q",
    "group_country_counts",
    "group_for_viewer",
    "group_list",
    "group_member_count",
    "group_members",
    "group_pending_invitations",
    "group_pending_requests",
    "group_recent_members",
    "groups_directory",
    "invitations_for",
    "my_memberships",
    "groups_with_visible_content",
    "member_directory",
    "member_group_ids",
    "member_groups_for_viewer",
    "membership_role",
    "notification_list",
    "pending_request_for",
    "prime_member_group_ids",
    "profile_for_viewer",
    "profile_view",
    "unread_notification_count",
    "visibility_levels",
    "visible_content_groups_q",
    "visible_notifications_q",
]
