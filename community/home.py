"""A member's own home: their groups, what they follow, invitations waiting for them."""

from __future__ import annotations

from typing import Any

from core.home import PERSONAL, HomeBlock, register

from . import follows, selectors
from .services.invitations import invitation_token

SHOWN = 8


def my_groups_block(*, viewer) -> dict[str, Any]:
    return {"memberships": list(selectors.my_memberships(viewer=viewer)[:SHOWN])}


def following_block(*, viewer) -> dict[str, Any]:
    """What the member follows, still visible to them (one query per kind followed)."""
    things = [thing for _kind, group in follows.followed_by(user=viewer) for thing in group]
    return {"followed": things[:SHOWN], "followed_more": len(things) > SHOWN}


def invitations_block(*, viewer) -> dict[str, Any]:
    return {
        "invitations": [
            {"invitation": inv, "token": invitation_token(inv)}
            for inv in selectors.invitations_for(viewer=viewer)[:SHOWN]
        ]
    }


register(
    HomeBlock(
        "my_invitations",
        "community/includes/home_invitations.html",
        invitations_block,
        kind=PERSONAL,
        order=10,
    )
)
register(
    HomeBlock(
        "my_groups", "community/includes/home_groups.html", my_groups_block, kind=PERSONAL, order=20
    )
)
register(
    HomeBlock(
        "following",
        "community/includes/home_following.html",
        following_block,
        kind=PERSONAL,
        order=40,
    )
)
