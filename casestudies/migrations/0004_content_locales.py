"""The content languages editors translate into: one Wagtail ``Locale`` per language of
``WAGTAIL_CONTENT_LANGUAGES`` (English exists already: Wagtail's own migration made it
from ``LANGUAGE_CODE``, and the home page and every existing page belong to it).

Without these rows simple_translation's "Translate" action has nowhere to copy to.
Reversing leaves the rows alone: translated pages may already point at them.
"""

from django.conf import settings
from django.db import migrations


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore.Locale")
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("casestudies", "0003_comment_language"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
