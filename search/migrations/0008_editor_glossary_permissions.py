"""Let the Wagtail Editors group maintain the search glossary in the admin (adding,
changing, publishing and deleting concepts, and importing or exporting the whole
glossary). Permissions are created here if Django's post-migrate handler has not made
them yet (it runs after all migrations)."""

from django.db import migrations

ACTIONS = {
    "add": "Can add",
    "change": "Can change",
    "delete": "Can delete",
    "view": "Can view",
    "publish": "Can publish",
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    groups = list(Group.objects.filter(name="Editors"))
    if not groups:
        return
    content_type, _ = ContentType.objects.get_or_create(
        app_label="search", model="glossaryconcept"
    )
    for action, label in ACTIONS.items():
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_glossaryconcept",
            defaults={"name": f"{label} glossary concept"},
        )
        for group in groups:
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0007_load_glossary"),
        ("wagtailcore", "0002_initial_data"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
