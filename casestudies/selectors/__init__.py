"""Reads shared by the pages, feeds, sitemap and comment views of the section."""

from .comments import CommentNode, comment_tree, flagged_comments
from .pages import (
    case_study_listing,
    case_study_page_context,
    feed_case_studies,
    public_pages,
    published_testimonies,
    tour_context,
    tour_list,
)

__all__ = [
    "CommentNode",
    "case_study_listing",
    "case_study_page_context",
    "comment_tree",
    "feed_case_studies",
    "flagged_comments",
    "public_pages",
    "published_testimonies",
    "tour_context",
    "tour_list",
]
