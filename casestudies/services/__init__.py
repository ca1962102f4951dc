"""Writes of the section (see services/comments.py and services/setup.py)."""

from .comments import (
    comment_delete,
    comment_dismiss_flags,
    comment_edit,
    comment_flag,
    comment_notify_followers,
    comment_post,
    comment_remove,
    comment_unfollow,
    unfollow_token,
)
from .setup import case_study_index_ensure

__all__ = [
    "case_study_index_ensure",
    "comment_delete",
    "comment_dismiss_flags",
    "comment_edit",
    "comment_flag",
    "comment_notify_followers",
    "comment_post",
    "comment_remove",
    "comment_unfollow",
    "unfollow_token",
]
