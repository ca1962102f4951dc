"""The alumni roster import: a course organiser brings a cohort into its network."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from community.models import Group, Invitation, Membership, Notification
from community.roster import parse_roster
from tests.community.factories import GroupFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser():
    return UserFactory(profile__display_name="Olga Organiser")


@pytest.fixture
def alumni(organiser):
    group = GroupFactory(
        name="LMA alumni 2024",
        slug="lma-2024",
        kind=Group.Kind.ALUMNI_NETWORK,
        privacy=Group.Privacy.PRIVATE,
        cohort_year=2024,
    )
    MembershipFactory(group=group, user=organiser, role=Membership.Role.OWNER)
    return group


def _upload(text: str, name="roster.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_parse_roster_reads_an_email_column_and_skips_blank_lines():
    parsed = parse_roster(b"name,email\nAmina,amina@example.org\n\nLi,LI@example.org\n")
    assert parsed.errors == []
    assert parsed.emails == ["amina@example.org", "li@example.org"]


def test_parse_roster_reports_each_bad_row_with_its_line():
    parsed = parse_roster(b"a@example.org\nnot-an-email\nb@example.org\nA@example.org\n")
    assert parsed.errors == [
        (2, "\u201cnot-an-email\u201d is not a valid email address."),
        (4, "a@example.org is listed twice (first on line 1)."),
    ]


def test_parse_roster_refuses_files_that_are_not_text():
    parsed = parse_roster(b"\xff\xfe\x00\x00binary")
    assert parsed.errors
    assert "not UTF-8" in parsed.errors[0][1]


def test_roster_import_adds_members_and_invites_the_others(
    client, organiser, alumni, mailoutbox, django_capture_on_commit_callbacks
):
    amina = UserFactory(email="amina@example.org")
    already = UserFactory(email="li@example.org")
    MembershipFactory(group=alumni, user=already)
    client.force_login(organiser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/groups/lma-2024/roster/",
            {"roster": _upload("email\namina@example.org\nli@example.org\nnew@example.org\n")},
            follow=True,
        )
    assert response.status_code == 200
    assert "1 added, 1 invited, 1 already members" in response.content.decode()
    assert Membership.objects.filter(group=alumni, user=amina, role="member").exists()
    assert Notification.objects.get(recipient=amina).title == "You were added to LMA alumni 2024"
    assert Invitation.objects.get(group=alumni).email == "new@example.org"
    assert [m.to for m in mailoutbox] == [["new@example.org"]]


def test_roster_with_errors_imports_nothing_and_lists_every_problem(
    client, organiser, alumni, mailoutbox
):
    amina = UserFactory(email="amina@example.org")
    client.force_login(organiser)
    response = client.post(
        "/groups/lma-2024/roster/",
        {"roster": _upload("amina@example.org\nbad@@example\nnew@example.org\nnew@example.org\n")},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "nothing was imported" in body
    assert "Line 2" in body
    assert "bad@@example" in body
    assert "Line 4" in body
    assert "listed twice" in body
    assert not Membership.objects.filter(group=alumni, user=amina).exists()
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_roster_import_is_for_the_organisers_only(client, alumni, member):
    MembershipFactory(group=alumni, user=member)
    client.force_login(member)
    response = client.post("/groups/lma-2024/roster/", {"roster": _upload("x@example.org\n")})
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_roster_import_exists_only_for_alumni_networks(client, organiser):
    group = GroupFactory(slug="wg", kind=Group.Kind.WORKING_GROUP)
    MembershipFactory(group=group, user=organiser, role="owner")
    client.force_login(organiser)
    assert client.get("/groups/wg/roster/").status_code == 404


def test_empty_roster_is_refused_with_a_message(client, organiser, alumni):
    client.force_login(organiser)
    response = client.post("/groups/lma-2024/roster/", {"roster": _upload("email\n\n")})
    assert response.status_code == 400
    assert "no email addresses" in response.content.decode()
