"""The search app's public health probe, the one thing ``core.health`` asks of search:
which backend is configured, which one answers, and whether the cluster is reachable.
Kept here so that the health report never reaches into search's internals."""

from __future__ import annotations

from typing import TypedDict

from .backends import get_search_backend


class SearchHealth(TypedDict):
    configured: str
    active: str
    status: str


def health() -> SearchHealth:
    backend = get_search_backend()
    status = backend.health()
    return {
        "configured": backend.configured_name,
        "active": backend.active_name(status),
        "status": status,
    }
