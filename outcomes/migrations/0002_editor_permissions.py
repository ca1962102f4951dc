"""Let the Wagtail Editors group manage results frameworks (with their outcomes and
indicators) in the admin. Permissions are created here if Django's post-migrate handler
has not made them yet (it runs after all migrations)."""

from django.db import migrations

MODELS = ["resultsframework", "outcome", "indicator"]
ACTIONS = {"add": "Can add", "change": "Can change", "delete": "Can delete", "view": "Can view"}
GROUPS = ["Editors", "Moderators"]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    groups = list(Group.objects.filter(name__in=GROUPS))
    if not groups:
        return
    for model in MODELS:
        content_type, _ = ContentType.objects.get_or_create(app_label="outcomes", model=model)
        for action, label in ACTIONS.items():
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"{label} {model}"},
            )
            for group in groups:
                group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("outcomes", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
