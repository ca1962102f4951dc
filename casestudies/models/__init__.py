"""Wagtail pages of the case-studies section (one module per page type)."""

from .case_study import CaseStudyPage, CostRange
from .comments import CommentEdit, CommentLanguage
from .index import CaseStudyIndexPage
from .testimony import TestimonyPage
from .tour import TourStop, VirtualTourPage

__all__ = [
    "CaseStudyIndexPage",
    "CaseStudyPage",
    "CommentEdit",
    "CommentLanguage",
    "CostRange",
    "TestimonyPage",
    "TourStop",
    "VirtualTourPage",
]
