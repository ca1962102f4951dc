"""Profiles and the member directory, as visitors and members see them."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from community.models import Follow, Profile, Visibility
from tests.community.factories import ThemeFactory, UserFactory, country

pytestmark = pytest.mark.django_db


def _png(size=(600, 400), color=(10, 120, 200)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def _profile_post(**overrides) -> dict:
    data = {
        "display_name": "Mateo Member",
        "handle": "mateo",
        "organisation": "City of Rosario",
        "organisation_visibility": Visibility.EVERYONE,
        "role": "Local authority officer",
        "role_visibility": Visibility.EVERYONE,
        "country": "",
        "country_visibility": Visibility.MEMBERS,
        "languages": ["es", "en"],
        "languages_visibility": Visibility.MEMBERS,
        "themes_visibility": Visibility.MEMBERS,
        "bio": "I work on diaspora engagement.",
        "bio_visibility": Visibility.NOBODY,
        "avatar_visibility": Visibility.EVERYONE,
        "digest_frequency": Profile.DigestFrequency.DAILY,
    }
    data.update(overrides)
    return data


def test_profile_edit_saves_fields_and_visibility(client, member):
    theme = ThemeFactory(name="Diaspora engagement", slug="diaspora")
    client.force_login(member)
    response = client.post("/profile/", _profile_post(country=country("AR").pk, themes=[theme.pk]))
    assert response.status_code == 302
    profile = Profile.objects.get(user=member)
    assert profile.organisation == "City of Rosario"
    assert profile.country.code == "AR"
    assert profile.languages == ["es", "en"]
    assert list(profile.themes.all()) == [theme]
    assert profile.bio_visibility == Visibility.NOBODY
    assert profile.digest_frequency == Profile.DigestFrequency.DAILY
    member.refresh_from_db()
    assert member.handle == "mateo"


def test_profile_edit_requires_log_in(client):
    response = client.get("/profile/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_profile_edit_refuses_a_taken_handle(client, member, other_member):
    client.force_login(member)
    response = client.post("/profile/", _profile_post(handle=other_member.handle))
    assert response.status_code == 400
    assert "This handle is taken" in response.content.decode()


def test_avatar_upload_is_reencoded_to_a_square_png_without_metadata(client, member):
    buffer = io.BytesIO()
    image = Image.new("RGB", (800, 500), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010E] = "secret description"
    image.save(buffer, format="JPEG", exif=exif)
    client.force_login(member)
    upload = SimpleUploadedFile("me.jpg", buffer.getvalue(), content_type="image/jpeg")
    response = client.post("/profile/", {**_profile_post(), "avatar_upload": upload})
    assert response.status_code == 302
    profile = Profile.objects.get(user=member)
    with Image.open(profile.avatar.path) as saved:
        assert saved.format == "PNG"
        assert saved.size == (256, 256)
        assert not saved.getexif()
        assert "secret description" not in str(saved.info)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.png", b"this is not an image at all", "not a picture we can use"),
        ("evil.png", b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>", "not a picture"),
        ("doc.jpg", b"%PDF-1.4 fake pdf", "not a picture we can use"),
    ],
)
def test_avatar_upload_refuses_files_that_are_not_images(client, member, name, content, message):
    client.force_login(member)
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    response = client.post("/profile/", {**_profile_post(), "avatar_upload": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Profile.objects.get(user=member).avatar


def test_avatar_upload_refuses_oversized_files(client, member, monkeypatch):
    from community.services import profiles

    monkeypatch.setattr(profiles, "AVATAR_MAX_BYTES", 1000)
    client.force_login(member)
    upload = SimpleUploadedFile(
        "big.png", _png((500, 500)) + b"\0" * 2000, content_type="image/png"
    )
    response = client.post("/profile/", {**_profile_post(), "avatar_upload": upload})
    assert response.status_code == 400
    assert "too large" in response.content.decode()


def test_avatar_upload_refuses_decompression_bombs(client, member):
    # A tiny file declaring 20000×20000 pixels (400 megapixels).
    buffer = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buffer, format="PNG", optimize=True)
    assert len(buffer.getvalue()) < 5 * 1024 * 1024
    client.force_login(member)
    upload = SimpleUploadedFile("bomb.png", buffer.getvalue(), content_type="image/png")
    response = client.post("/profile/", {**_profile_post(), "avatar_upload": upload})
    assert response.status_code == 400
    body = response.content.decode()
    assert "too many pixels" in body or "not a picture" in body
    assert not Profile.objects.get(user=member).avatar


def _member_with_hidden_country():
    return UserFactory(
        profile__display_name="Li Wei",
        profile__country=country("CN"),
        profile__country_visibility=Visibility.MEMBERS,
        profile__role="Statistician",
        profile__role_visibility=Visibility.EVERYONE,
        profile__bio="Labour statistics.",
        profile__bio_visibility=Visibility.NOBODY,
    )


def test_profile_page_shows_only_what_the_viewer_may_see(client, member):
    li = _member_with_hidden_country()
    anonymous = client.get(f"/members/{li.handle}/").content.decode()
    assert "Li Wei" in anonymous
    assert "Statistician" in anonymous
    assert "China" not in anonymous
    assert "Labour statistics." not in anonymous

    client.force_login(member)
    signed_in = client.get(f"/members/{li.handle}/").content.decode()
    assert "China" in signed_in
    assert "Labour statistics." not in signed_in

    client.force_login(li)
    own = client.get(f"/members/{li.handle}/").content.decode()
    assert "Labour statistics." in own


def test_profile_page_of_a_deleted_account_is_not_found(client, member):
    from community import services

    handle = member.handle
    services.account_delete(user=member)
    assert client.get(f"/members/{handle}/").status_code == 404


def test_directory_filters_by_country_only_where_the_viewer_may_see_it(client, member):
    li = _member_with_hidden_country()
    UserFactory(
        profile__display_name="Carlos Ruiz",
        profile__country=country("MX"),
        profile__country_visibility=Visibility.EVERYONE,
    )
    anonymous = client.get("/members/", {"country": "CN"}).content.decode()
    assert "Li Wei" not in anonymous
    assert "No member matches" in anonymous

    client.force_login(member)
    signed_in = client.get("/members/", {"country": "CN"}).content.decode()
    assert "Li Wei" in signed_in
    assert "Carlos Ruiz" not in signed_in
    assert li.handle in signed_in


def test_directory_filters_by_region_through_m49(client, member):
    UserFactory(
        profile__display_name="Kwame Mensah",
        profile__country=country("GH"),
        profile__country_visibility=Visibility.EVERYONE,
    )
    UserFactory(
        profile__display_name="Sofia Rossi",
        profile__country=country("IT"),
        profile__country_visibility=Visibility.EVERYONE,
    )
    body = client.get("/members/", {"region": "002"}).content.decode()  # Africa
    assert "Kwame Mensah" in body
    assert "Sofia Rossi" not in body


def test_directory_filters_by_theme_role_and_language(client, member):
    theme = ThemeFactory(name="Remittances", slug="remittances")
    amina = UserFactory(
        profile__display_name="Amina Diallo",
        profile__role="Researcher",
        profile__languages=["fr", "en"],
    )
    amina.profile.themes.add(theme)
    UserFactory(profile__display_name="Hidden Themes", profile__themes_visibility=Visibility.NOBODY)
    Profile.objects.get(display_name="Hidden Themes").themes.add(theme)
    client.force_login(member)
    assert "Amina Diallo" in client.get("/members/", {"theme": "remittances"}).content.decode()
    assert "Hidden Themes" not in client.get("/members/", {"theme": "remittances"}).content.decode()
    assert "Amina Diallo" in client.get("/members/", {"role": "research"}).content.decode()
    assert "Amina Diallo" in client.get("/members/", {"language": "fr"}).content.decode()
    assert "Amina Diallo" not in client.get("/members/", {"language": "es"}).content.decode()


def test_directory_with_bad_filters_answers_with_field_errors(client):
    response = client.get("/members/", {"country": "ZZ", "language": "klingon"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize("count", [10, 500])
def test_directory_runs_a_fixed_number_of_queries(
    client, member, django_assert_max_num_queries, count
):
    themes = [ThemeFactory(slug=f"t{i}", name=f"Theme {i}") for i in range(3)]
    users = UserFactory.create_batch(
        count,
        profile__country=country("KE"),
        profile__country_visibility=Visibility.EVERYONE,
        profile__themes_visibility=Visibility.EVERYONE,
    )
    for user in users[:30]:
        user.profile.themes.set(themes)
    client.force_login(member)
    # Session, user, profile, permissions, the bell, the filter choices, count, page,
    # themes: 14 however many members there are.
    client.get("/members/", {"region": "002"})  # the site's structure cached, as on a server
    with django_assert_max_num_queries(14):
        response = client.get("/members/", {"region": "002"})
    assert response.status_code == 200
    assert f"{count} members" in response.content.decode()


def test_following_a_member_needs_post_and_log_in(client, member, other_member):
    assert client.get(f"/members/{other_member.handle}/follow/").status_code in (302, 405)
    client.force_login(member)
    assert client.get(f"/members/{other_member.handle}/follow/").status_code == 405
    response = client.post(f"/members/{other_member.handle}/follow/", {"action": "follow"})
    assert response.status_code == 302
    assert Follow.objects.filter(user=member, object_id=other_member.pk).exists()
    page = client.get(f"/members/{other_member.handle}/").content.decode()
    assert "unfollow" in page
    client.post(f"/members/{other_member.handle}/follow/", {"action": "unfollow"})
    assert not Follow.objects.filter(user=member).exists()


def test_following_page_lists_what_the_member_follows(client, member, other_member):
    client.force_login(member)
    client.post(f"/members/{other_member.handle}/follow/", {"action": "follow"})
    body = client.get("/profile/following/").content.decode()
    assert "Amina Peer" in body
