"""The languages a member can say they work in: Django's list of language names,
without regional variants, translated in the active interface language."""

from django.conf import global_settings
from django.utils.translation import gettext


def language_choices() -> list[tuple[str, str]]:
    choices = [(code, gettext(name)) for code, name in global_settings.LANGUAGES if "-" not in code]
    return sorted(choices, key=lambda choice: choice[1])


def language_name(code: str) -> str:
    return (
        dict(global_settings.LANGUAGES).get(code)
        and gettext(dict(global_settings.LANGUAGES)[code])
        or code
    )


LANGUAGE_CODES = frozenset(code for code, _ in global_settings.LANGUAGES if "-" not in code)
