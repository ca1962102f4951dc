"""Leaving the platform: what other apps plug in.

- :func:`register_exporter` adds a section to a member's data export ("export my data");
  an exporter is ``fn(user) -> JSON-serialisable`` and is registered under a name
  (e.g. ``"forum_posts"``).
- :data:`account_deleting` is sent, inside the deletion's transaction, before the
  account is anonymised: ``sender=User, user=..., delete_content=bool``. With
  ``delete_content`` a receiver deletes the member's content; without it, the content
  stays and is shown as by "former member" (the user row is kept, anonymised).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.dispatch import Signal

account_deleting = Signal()

Exporter = Callable[[Any], Any]
_exporters: dict[str, Exporter] = {}


def register_exporter(name: str) -> Callable[[Exporter], Exporter]:
    def decorator(fn: Exporter) -> Exporter:
        _exporters[name] = fn
        return fn

    return decorator


def exporters() -> dict[str, Exporter]:
    return dict(_exporters)
