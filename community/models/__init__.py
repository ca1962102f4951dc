"""The community's models, by subject (``accounts``, ``groups``, ``social``).

Everything is importable from ``community.models`` as before; migrations refer to the
callables below by that path (``community.models.avatar_upload_to`` and the invitation
defaults), so they stay re-exported here.
"""

from .accounts import Profile, User, UserManager, Visibility, avatar_upload_to
from .groups import Group, Invitation, JoinRequest, Membership, _invitation_expiry, _invitation_key
from .social import Follow, Notification
from .sso import OrganisationSignIn

__all__ = [
    "Follow",
    "Group",
    "Invitation",
    "JoinRequest",
    "Membership",
    "Notification",
    "OrganisationSignIn",
    "Profile",
    "User",
    "UserManager",
    "Visibility",
    "_invitation_expiry",
    "_invitation_key",
    "avatar_upload_to",
]
