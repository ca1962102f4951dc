"""Avatars are served by a view that asks the owner's "who sees the picture" choice:
an "only me" or "signed-in members" picture is never a file anyone can fetch by
guessing its address."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from community.models import Profile, Visibility
from tests.community.factories import UserFactory
from tests.community.test_views_profiles import _profile_post

pytestmark = pytest.mark.django_db


def _upload(client, user, visibility: str) -> str:
    """Upload a picture as ``user`` with the given visibility; the profile page's
    ``<img src>`` as the owner sees it."""
    buffer = io.BytesIO()
    Image.new("RGB", (300, 300), (20, 160, 90)).save(buffer, format="PNG")
    client.force_login(user)
    upload = SimpleUploadedFile("me.png", buffer.getvalue(), content_type="image/png")
    data = {**_profile_post(handle=user.handle, avatar_visibility=visibility)}
    response = client.post("/profile/", {**data, "avatar_upload": upload})
    assert response.status_code == 302
    page = client.get(f"/members/{user.handle}/").content.decode()
    src = re.search(r'<img class="avatar[^"]*" src="([^"]+)"', page)
    assert src is not None, "the owner sees their own picture"
    client.logout()
    return src.group(1).replace("&amp;", "&")


@pytest.fixture
def owner():
    return UserFactory(profile__display_name="Olivia Owner")


def test_only_me_avatar_is_shown_to_its_owner(client, owner):
    src = _upload(client, owner, Visibility.NOBODY)
    client.force_login(owner)
    response = client.get(src)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("viewer", ["anonymous", "member", "staff"])
def test_only_me_avatar_is_not_found_for_anyone_else(client, owner, member, staff, viewer):
    src = _upload(client, owner, Visibility.NOBODY)
    if viewer != "anonymous":
        client.force_login(member if viewer == "member" else staff)
    assert client.get(src).status_code == 404
    page = client.get(f"/members/{owner.handle}/").content.decode()
    assert src not in page


def test_members_only_avatar_is_for_signed_in_members(client, owner, member):
    src = _upload(client, owner, Visibility.MEMBERS)
    assert client.get(src).status_code == 404
    client.force_login(member)
    assert client.get(src).status_code == 200


def test_public_avatar_is_served_to_everyone_and_may_be_cached(client, owner):
    src = _upload(client, owner, Visibility.EVERYONE)
    response = client.get(src)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    directory = client.get("/members/").content.decode()
    assert src.replace("&", "&amp;") in directory or src in directory


def test_the_stored_file_has_no_guessable_public_address(client, owner, settings):
    _upload(client, owner, Visibility.NOBODY)
    profile = Profile.objects.get(user=owner)
    assert not re.search(r"\d{14}\.png$", profile.avatar.name), "no timestamp name"
    media = settings.MEDIA_ROOT
    assert not any(media.rglob("*.png")) if media.exists() else True
    client.force_login(owner)
    assert client.get(f"/media/{profile.avatar.name}").status_code == 404


def test_changing_the_visibility_applies_at_once(client, owner):
    src = _upload(client, owner, Visibility.EVERYONE)
    assert client.get(src).status_code == 200
    Profile.objects.filter(user=owner).update(avatar_visibility=Visibility.NOBODY)
    assert client.get(src).status_code == 404


def test_a_member_without_a_picture_has_no_avatar_to_serve(client, owner):
    assert client.get(f"/members/{owner.handle}/avatar/").status_code == 404


def test_pictures_uploaded_before_the_move_leave_public_media(client, owner, settings):
    """The data migration takes a legacy avatar out of MEDIA_ROOT (where the web server
    serves it to anyone) into the private storage, under a new unguessable name."""
    import importlib

    from django.apps import apps
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    legacy = f"avatars/{owner.pk}/20250101120000.png"
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, format="PNG")
    default_storage.save(legacy, ContentFile(buffer.getvalue()))
    Profile.objects.filter(user=owner).update(avatar=legacy, avatar_visibility=Visibility.NOBODY)
    migration = importlib.import_module(
        "community.migrations.0007_move_avatars_out_of_public_media"
    )

    migration.move_avatars(apps, None)

    assert not default_storage.exists(legacy)
    profile = Profile.objects.get(user=owner)
    assert profile.avatar.name != legacy
    client.force_login(owner)
    page = client.get(f"/members/{owner.handle}/").content.decode()
    src = re.search(r'<img class="avatar[^"]*" src="([^"]+)"', page).group(1)
    assert client.get(src.replace("&amp;", "&")).status_code == 200


def test_production_proxy_never_serves_avatars_from_disk():
    """Read the production-like stack: the proxy mounts only public media, refuses the
    legacy avatar path, and every app container keeps avatars outside MEDIA_ROOT."""
    from pathlib import Path

    import yaml

    docker = Path(__file__).resolve().parents[2] / "docker"
    nginx = (docker / "nginx.conf").read_text()
    assert re.search(r"location /media/avatars/ \{\s*return 404;\s*\}", nginx)
    services = yaml.safe_load((docker / "compose.yaml").read_text())["services"]
    assert not any("private-media" in v for v in services["proxy"]["volumes"])
    for name in ("app", "worker", "migrate"):
        environment = services[name]["environment"]
        private, public = environment["PRIVATE_MEDIA_ROOT"], environment["MEDIA_ROOT"]
        assert not private.startswith(public.rstrip("/") + "/")
        assert any(v.endswith(f":{private}") for v in services[name]["volumes"]), name
