from __future__ import annotations

from django.conf import settings

from core.i18n import supported_language
from core.listings import apply_service_errors as apply_errors  # noqa: F401 - for the views


def language_filter(raw: str | None, counts: dict[str, int]) -> dict:
    """What the "Language" filter of a topic list shows: each language with its count,
    the one chosen, and the code asked for when it is not a language of the site (it is
    then ignored, and the page says so, rather than answering with an error)."""
    raw = (raw or "").strip()
    selected = supported_language(raw)
    return {
        "selected": selected or "",
        "unknown": raw if raw and selected is None else "",
        "options": [
            {
                "code": code,
                "label": label,
                "count": counts.get(code, 0),
                "selected": code == selected,
            }
            for code, label in settings.LANGUAGES
        ],
        "total": sum(counts.values()),
    }
