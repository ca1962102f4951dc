"""Writes of the community app. Every write that spans models or has side effects goes
through here; side effects (live updates, email) run after the transaction commits.

Other apps import ``community.services`` and call the functions re-exported below.
"""

from .accounts import account_delete, account_export
from .common import absolute_url
from .digest import (
    DigestStats,
    digest_unsubscribe,
    digests_send,
    unsubscribe_token,
    unsubscribe_url,
    user_from_unsubscribe_token,
)
from .follows import follow_create, follow_delete, follow_mute_set, followers_notify
from .groups import (
    group_create,
    group_join,
    group_leave,
    group_transfer_ownership,
    group_update,
    join_request_create,
    join_request_decide,
    join_request_withdraw,
    membership_remove,
    membership_set_role,
)
from .invitations import (
    InvitationError,
    check_open,
    invitation_accept,
    invitation_decline,
    invitation_from_token,
    invitation_revoke,
    invitation_token,
    invitation_url,
    invitations_accept_for_email,
    invitations_create,
    invitations_purge_expired,
    roster_import,
)
from .notifications import (
    broadcast_unread_count,
    notification_channel_group,
    notification_create,
    notification_mark_read,
    notifications_create_many,
    notifications_mark_all_read,
)
from .profiles import avatar_normalise, profile_set_language, profile_update
from .sso import (
    pending_connection_complete,
    pending_connection_email,
    pending_connection_stash,
    sign_in_apply_organisation,
    signed_in_remember,
)

__all__ = [
    "pending_connection_complete",
    "pending_connection_email",
    "pending_connection_stash",
    "sign_in_apply_organisation",
    "signed_in_remember",
    "DigestStats",
    "InvitationError",
    "absolute_url",
    "account_delete",
    "account_export",
    "avatar_normalise",
    "broadcast_unread_count",
    "check_open",
    "digest_unsubscribe",
    "digests_send",
    "follow_create",
    "follow_delete",
    "follow_mute_set",
    "followers_notify",
    "group_create",
    "group_join",
    "group_leave",
    "group_transfer_ownership",
    "group_update",
    "invitation_accept",
    "invitation_decline",
    "invitation_from_token",
    "invitation_revoke",
    "invitation_token",
    "invitation_url",
    "invitations_accept_for_email",
    "invitations_create",
    "invitations_purge_expired",
    "join_request_create",
    "join_request_decide",
    "join_request_withdraw",
    "membership_remove",
    "membership_set_role",
    "notification_channel_group",
    "notification_create",
    "notification_mark_read",
    "notifications_create_many",
    "notifications_mark_all_read",
    "profile_set_language",
    "profile_update",
    "roster_import",
    "unsubscribe_token",
    "unsubscribe_url",
    "user_from_unsubscribe_token",
]
