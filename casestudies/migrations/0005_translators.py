"""Contributors, Editors and Moderators may use Wagtail's "Translate" action
(simple_translation's ``submit_translation``): without it only superusers could
translate a case study. The permission may not exist yet on a fresh database, so it is
created the way 0002 creates its permissions."""

from django.db import migrations


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="simple_translation", model="simpletranslation"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    for group in Group.objects.filter(name__in=("Contributors", "Editors", "Moderators")):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("casestudies", "0004_content_locales"),
        ("simple_translation", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
