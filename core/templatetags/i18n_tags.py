from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context) -> list[dict]:
    """The current page in every interface language: for the language menu and the
    ``hreflang`` alternates in the page head."""
    request = context.get("request")
    if request is None:
        return []
    path = request.get_full_path()
    alternates = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        alternates.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "url": request.build_absolute_uri(translate_url(path, code)),
                "path": translate_url(path, code),
            }
        )
    return alternates
