"""Let the Wagtail Editors and Moderators groups manage the inventory.

Editors curate inventory items and GFMD recommendations and import them from files, and
an import publishes, so both groups get add/change/delete/view/publish on the three
models. Permissions are created here if Django's and Wagtail's post-migrate handlers have
not made them yet (they run after all migrations).
"""

from django.db import migrations

MODELS = ["inventoryitem", "recommendation", "gfmdmeeting"]
ACTIONS = {
    "add": "Can add",
    "change": "Can change",
    "delete": "Can delete",
    "view": "Can view",
    "publish": "Can publish",
}
GROUPS = ["Editors", "Moderators"]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    groups = list(Group.objects.filter(name__in=GROUPS))
    if not groups:
        return
    for model in MODELS:
        content_type, _ = ContentType.objects.get_or_create(app_label="inventory", model=model)
        for action, label in ACTIONS.items():
            if action == "publish" and model == "gfmdmeeting":
                continue
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"{label} {model}"},
            )
            for group in groups:
                group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("inventory", "0002_world_region"),
        ("wagtailcore", "0002_initial_data"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
