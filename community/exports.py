"""Leaving the platform: the seam through which every app hands over, or erases, what it
holds about a member.

Each app that stores something a member wrote or did declares it in its own
``<app>/privacy.py`` (found at start-up, as ``admin.py`` is):

- :func:`register_exporter` adds a section to the member's data export ("download my
  data"). An exporter is ``fn(user) -> JSON-ready data`` — a list of records (dicts) or
  one record — and says in ``title`` and ``fields`` how a person reads it on the printable
  page. It applies the same visibility selectors as the pages: an export is one more
  surface, and it names nothing of a group's content the member may no longer see.
- :data:`account_deleting` is sent inside the deletion's transaction, before the account
  is anonymised: ``sender=User, user=..., delete_content=bool``. Every app connects a
  receiver in its ``privacy.py``: with ``delete_content`` it deletes (or irreversibly
  anonymises) the member's content and tells search after the commit; without it, it
  removes the copies of the member's name its content keeps, so authorship reads as
  "former member". A receiver that fails rolls the whole deletion back.

There is no list of apps here: an app takes part by declaring, and
``tests/community/test_accounts_export.py`` checks that every app holding members' data
does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.dispatch import Signal
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext

account_deleting = Signal()

Exporter = Callable[[Any], Any]


@dataclass(frozen=True)
class ExportSection:
    """One section of a member's data export.

    ``fields`` maps a record's keys to the labels the printable page shows, in order;
    keys left out are in the JSON only (ids, raw codes)."""

    name: str
    title: Any
    export: Exporter
    fields: Mapping[str, Any] = field(default_factory=dict)
    order: int = 100


_sections: dict[str, ExportSection] = {}


def register_exporter(
    name: str, *, title: Any, fields: Mapping[str, Any] | None = None, order: int = 100
) -> Callable[[Exporter], Exporter]:
    """Decorator: ``fn(user)`` becomes the export's section ``name``."""

    def decorator(fn: Exporter) -> Exporter:
        existing = _sections.get(name)
        if existing is not None and existing.export.__qualname__ != fn.__qualname__:
            raise ValueError(f"export section {name!r} is registered twice")
        _sections[name] = ExportSection(
            name=name, title=title, export=fn, fields=dict(fields or {}), order=order
        )
        return fn

    return decorator


def unregister_exporter(name: str) -> None:
    """Forget a section (tests register throw-away ones)."""
    _sections.pop(name, None)


def export_sections() -> list[ExportSection]:
    """Every registered section, in reading order."""
    return sorted(_sections.values(), key=lambda s: (s.order, s.name))


def autodiscover() -> None:
    autodiscover_modules("privacy")


@dataclass(frozen=True)
class ReadableSection:
    """A section as the printable page shows it: a table (``columns`` × ``rows``) for a
    list of records, label/value pairs (``pairs``) for one record."""

    name: str
    title: Any
    columns: list[Any] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    pairs: list[tuple[Any, str]] = field(default_factory=list)


_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def _readable_datetime(value: str) -> str:
    """The JSON keeps ISO 8601; people read the date and minute in their language."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return date_format(moment, "DATETIME_FORMAT")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and _ISO_DATETIME.match(value):
        return _readable_datetime(value)
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, Mapping):
        return "; ".join(f"{key}: {_cell(item)}" for key, item in value.items())
    if isinstance(value, list | tuple):
        return " | ".join(_cell(item) for item in value)
    return str(value)


def readable_export(data: Mapping[str, Any]) -> list[ReadableSection]:
    """The export's data (:func:`community.services.account_export`) laid out for people:
    the same data as the JSON file, so the two never disagree."""
    sections = []
    for section in export_sections():
        value = data.get(section.name)
        keys = list(section.fields)
        if isinstance(value, Mapping):
            keys = keys or list(value)
            pairs = [(section.fields.get(key, key), _cell(value.get(key))) for key in keys]
            sections.append(ReadableSection(name=section.name, title=section.title, pairs=pairs))
            continue
        records = list(value or [])
        if not keys and records and isinstance(records[0], Mapping):
            keys = list(records[0])
        rows = [
            [_cell(record.get(key)) for key in keys]
            if isinstance(record, Mapping)
            else [_cell(record)]
            for record in records
        ]
        columns = [section.fields.get(key, key) for key in keys]
        sections.append(
            ReadableSection(name=section.name, title=section.title, columns=columns, rows=rows)
        )
    return sections
