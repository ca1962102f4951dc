"""Shared by the inventory's reads: language names, query parameters, language versions."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.http import QueryDict
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import get_language_info

from inventory.models import InventoryItem, Recommendation
from taxonomy.languages import LANGUAGE_CHOICES

LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)


def language_label(code: str) -> str:
    if code in LANGUAGE_NAMES:
        return str(LANGUAGE_NAMES[code])
    info = LANG_INFO.get(code)
    return info["name"] if info else code


def as_query(params: QueryDict | dict) -> QueryDict:
    """Accept a plain dict (values or lists of values) wherever a query string is taken."""
    if isinstance(params, QueryDict):
        return params
    query = QueryDict(mutable=True)
    for key, value in params.items():
        query.setlist(
            key, [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]
        )
    return query


def translation_context(obj: InventoryItem | Recommendation) -> dict[str, Any]:
    """The published language versions of an item or recommendation (for the language
    menu and ``hreflang``), and the notice shown when the reader's language has none
    (``None`` when the reader reads it in their language). One query."""
    versions = sorted(
        type(obj)
        .objects.published()
        .filter(translation_key=obj.translation_key)
        .select_related("locale")
        .only("pk", "external_id", "locale__language_code"),
        key=lambda v: (v.locale.language_code != settings.LANGUAGE_CODE, v.pk),
    )
    links = []
    for version in versions:
        code = version.locale.language_code
        with translation.override(code):
            url = version.get_absolute_url()
        links.append(
            {
                "code": code,
                "name_local": capfirst(get_language_info(code)["name_local"]),
                "url": url,
            }
        )
    language = translation.get_language() or settings.LANGUAGE_CODE
    notice = None
    shown = next((v.locale.language_code for v in versions if v.pk == obj.pk), language)
    if shown != language:
        notice = {
            "requested": capfirst(get_language_info(language)["name_local"]),
            "shown": translation.gettext(get_language_info(shown)["name"]),
            "available": links,
        }
    return {"language_versions": links, "translation_notice": notice}
