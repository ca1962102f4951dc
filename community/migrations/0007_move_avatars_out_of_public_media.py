"""Avatars uploaded before 0006 sit under MEDIA_ROOT at guessable names
(avatars/<user id>/<timestamp>.png), where the web server serves them to anyone. Move
each into the private storage under an unguessable name, and delete the public copy."""

import secrets

from django.db import migrations


def move_avatars(apps, schema_editor):
    from django.core.files.storage import storages

    public, private = storages["default"], storages["private"]
    Profile = apps.get_model("community", "Profile")
    for profile in Profile.objects.exclude(avatar="").only("pk", "user_id", "avatar"):
        old = profile.avatar.name
        if private.exists(old) or not public.exists(old):
            continue
        with public.open(old, "rb") as handle:
            new = private.save(
                f"avatars/{profile.user_id}/{secrets.token_urlsafe(16)}.png", handle
            )
        Profile.objects.filter(pk=profile.pk).update(avatar=new)
        public.delete(old)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0006_avatar_private_storage"),
    ]

    operations = [
        migrations.RunPython(move_avatars, migrations.RunPython.noop, elidable=True),
    ]
