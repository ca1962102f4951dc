"""Result meta lines ("Case study · 2019–2021 · IOM"), stored as parts and rendered in
the reader's language when results are shown.

A document is indexed once for every reader, so a line built at indexing time is in one
language only. Instead the declarations store *parts*, small strings that say what to
show rather than the words themselves:

- ``type`` — the type's label ("Case study", "Étude de cas");
- ``choice:<field>:<code>`` — the label of a model choice the searchable declares in
  ``meta_choices`` (an inventory item's kind, status, delivery mode);
- ``names:<json>`` — a taxonomy name (an organisation) in every site language, taken at
  indexing time, so that rendering needs no query and no cache;
- ``period:<start>:<end>`` — a period of years, "ongoing" when it has no end;
- ``stops:<count>`` — a tour's number of stops;
- ``text:<value>`` — words that are the same in every language (a name, a year).

Rendering is plain dictionary look-ups and ``gettext``: no query per hit.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext, ngettext

from .registry import get_searchable

logger = logging.getLogger(__name__)

SEPARATOR = " · "


def type_part() -> str:
    return "type"


def text_part(value: object) -> str:
    return f"text:{value}" if value not in (None, "") else ""


def choice_part(field: str, code: str) -> str:
    return f"choice:{field}:{code}" if code else ""


def period_part(start: int | None, end: int | None) -> str:
    return f"period:{start}:{end or ''}" if start else ""


def stops_part(count: int) -> str:
    return f"stops:{count}"


def names_part(obj: models.Model) -> str:
    """A taxonomy object's ``label`` in every site language (``label`` follows the
    active language)."""
    names = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names[code] = str(obj.label)
    return "names:" + json.dumps(names, ensure_ascii=False, sort_keys=True)


def names_parts(objects: Iterable[models.Model]) -> list[str]:
    return [names_part(obj) for obj in objects]


def _period(value: str) -> str:
    start, _sep, end = value.partition(":")
    if not end:
        return f"{start}–{gettext('ongoing')}"
    return start if end == start else f"{start}–{end}"


def _names(value: str, language: str) -> str:
    try:
        names = json.loads(value)
    except ValueError:
        return ""
    return names.get(language) or names.get(settings.LANGUAGE_CODE) or next(iter(names.values()))


def _render_part(type_name: str, part: str, language: str) -> str:
    kind, _sep, value = part.partition(":")
    if kind == "type":
        searchable = get_searchable(type_name)
        return str(searchable.label) if searchable else ""
    if kind == "text":
        return value
    if kind == "choice":
        field, _sep, code = value.partition(":")
        searchable = get_searchable(type_name)
        choices = getattr(searchable, "meta_choices", {}).get(field)
        return str(dict(choices.choices).get(code, code)) if choices else code
    if kind == "names":
        return _names(value, language)
    if kind == "period":
        return _period(value)
    if kind == "stops":
        count = int(value) if value.isdigit() else 0
        return ngettext("%(count)d stop", "%(count)d stops", count) % {"count": count}
    logger.warning("Unknown meta part %r of a %s document", kind, type_name)
    return ""


def render_meta(type_name: str, parts: Iterable[str] | None, fallback: str = "") -> str:
    """The meta line in the active language; ``fallback`` (the stored line) for the
    documents that carry no parts (types that declare none, entries not yet reindexed)."""
    parts = [part for part in parts or () if part]
    if not parts:
        return fallback
    language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    rendered = (_render_part(type_name, part, language) for part in parts)
    return SEPARATOR.join(text for text in rendered if text)


def meta_fields(type_name: str, parts: Iterable[str]) -> dict[str, object]:
    """``meta_parts`` and, for the API's and the database's plain ``meta``, the same
    line in the site's default language: keyword arguments for ``SearchDocument``."""
    parts = [part for part in parts if part]
    with translation.override(settings.LANGUAGE_CODE):
        line = render_meta(type_name, parts)
    return {"meta": line, "meta_parts": parts}
