"""Where the section's page models meet the code that answers their routes.

Wagtail page models own their routes (bakerydemo), but answering a route needs the
section's selectors, forms and feeds, and those import the models: a model importing
them back was the models ↔ selectors ↔ feeds import cycle. So a route asks this registry
by name, and ``casestudies.page_views`` (which imports models, selectors, forms and
feeds, never the other way round) registers the answers when the app is ready.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_answers: dict[str, Callable[..., Any]] = {}


def answers(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register the function that answers the route ``name`` of a page model."""

    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        _answers[name] = func
        return func

    return register


def answer(name: str, page, request, **kwargs) -> Any:
    return _answers[name](page, request, **kwargs)
