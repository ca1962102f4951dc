import pytest

pytestmark = pytest.mark.django_db


def test_editor_gets_into_wagtail_admin(client, editor):
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200


def test_member_is_kept_out_of_wagtail_admin(client, member):
    client.force_login(member)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_anonymous_is_sent_to_log_in_for_admin(client):
    response = client.get("/admin/")
    assert response.status_code == 302


def test_member_is_kept_out_of_django_admin(client, member):
    client.force_login(member)
    assert client.get("/django-admin/").status_code == 302
