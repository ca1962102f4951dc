from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms import Form

from core.i18n import supported_language


def apply_errors(form: Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names when the form
    has it, on the form otherwise."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


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
