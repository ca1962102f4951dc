from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.http import urlencode
from django.utils.translation import get_language_info

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context) -> list[dict]:
    """The current page in every interface language: for the language menu and the
    ``hreflang`` alternates in the page head.

    Translated content (a page or snippet with per-language versions) puts
    ``language_versions`` in its context: a language with a live version links to that
    version's real URL and is ``available``; the others keep the same path under their
    prefix (which shows the original with a notice) and are not announced as
    ``hreflang`` alternates, since they are not translations."""
    request = context.get("request")
    if request is None:
        return []
    path = request.get_full_path()
    versions = context.get("language_versions")
    real = {v["code"]: v for v in versions} if versions is not None else None
    alternates = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        version = real.get(code) if real is not None else None
        target = version["url"] if version else translate_url(path, code)
        alternates.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "url": request.build_absolute_uri(target),
                "path": target,
                "switch_query": urlencode({"language": code, "next": target}),
                "available": real is None or version is not None,
            }
        )
    return alternates
