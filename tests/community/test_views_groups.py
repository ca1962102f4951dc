"""Groups as members and organisers use them in the browser."""

import re

import pytest

from community.models import Group, JoinRequest, Membership, Notification, Visibility
from tests.community.factories import GroupFactory, MembershipFactory, UserFactory, country

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return UserFactory(profile__display_name="Olivia Owner")


def test_member_starts_a_group_and_owns_it(client, member):
    client.force_login(member)
    response = client.post(
        "/groups/new/",
        {"name": "Return and reintegration peers", "kind": "working_group", "privacy": "public"},
    )
    assert response.status_code == 302
    group = Group.objects.get(name="Return and reintegration peers")
    assert response["Location"] == f"/groups/{group.slug}/"
    assert Membership.objects.get(group=group).role == "owner"


def test_alumni_network_needs_a_course(client, member):
    client.force_login(member)
    response = client.post(
        "/groups/new/", {"name": "Cohort", "kind": "alumni_network", "privacy": "private"}
    )
    assert response.status_code == 400
    assert "An alumni network belongs to a course" in response.content.decode()


def test_group_form_rejects_bad_choices_with_field_errors(client, member):
    client.force_login(member)
    response = client.post("/groups/new/", {"name": "", "kind": "club", "privacy": "open"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "This field is required." in body
    assert "Select a valid choice" in body


def test_groups_directory_filters_by_kind(client):
    GroupFactory(name="Asia-Pacific labour mobility", kind="regional_network")
    GroupFactory(name="Orientation practitioners", kind="working_group")
    body = client.get("/groups/", {"kind": "regional_network"}).content.decode()
    assert "Asia-Pacific labour mobility" in body
    assert "Orientation practitioners" not in body


def test_joining_a_public_group_from_its_page(client, member):
    GroupFactory(slug="orientation", name="Orientation practitioners")
    client.force_login(member)
    response = client.post("/groups/orientation/join/", follow=True)
    assert "Welcome to Orientation practitioners" in response.content.decode()
    assert "You are a member" in response.content.decode()


def test_asking_to_join_a_private_group_and_being_approved(client, owner, member):
    group = GroupFactory(slug="apl", name="APL network", privacy=Group.Privacy.PRIVATE)
    MembershipFactory(group=group, user=owner, role="owner")
    client.force_login(member)
    page = client.post(
        "/groups/apl/join/", {"message": "I work at the labour ministry."}, follow=True
    )
    assert "waiting for the organisers" in page.content.decode()

    client.force_login(owner)
    requests_page = client.get("/groups/apl/requests/").content.decode()
    assert "I work at the labour ministry." in requests_page
    join_request = JoinRequest.objects.get()
    client.post(f"/groups/apl/requests/{join_request.pk}/", {"decision": "approve"})
    assert Membership.objects.filter(group=group, user=member).exists()

    client.force_login(member)
    notes = client.get("/notifications/").content.decode()
    assert "Your request to join APL network was approved" in notes


def test_requests_page_is_for_managers(client, member):
    GroupFactory(slug="apl", privacy=Group.Privacy.PRIVATE)
    client.force_login(member)
    assert client.get("/groups/apl/requests/").status_code == 403


def test_withdrawing_a_join_request(client, member):
    GroupFactory(slug="apl", privacy=Group.Privacy.PRIVATE)
    client.force_login(member)
    client.post("/groups/apl/join/")
    client.post("/groups/apl/request/withdraw/")
    assert JoinRequest.objects.get().status == JoinRequest.Status.WITHDRAWN


def test_owner_manages_members_from_the_member_list(client, owner, member):
    group = GroupFactory(slug="wg")
    MembershipFactory(group=group, user=owner, role="owner")
    MembershipFactory(group=group, user=member)
    client.force_login(owner)
    client.post(f"/groups/wg/members/{member.handle}/", {"action": "moderator"})
    assert Membership.objects.get(user=member).role == "moderator"
    client.post(f"/groups/wg/members/{member.handle}/", {"action": "transfer"})
    assert Membership.objects.get(user=member).role == "owner"
    assert Membership.objects.get(user=owner).role == "moderator"


def test_owner_cannot_leave_without_handing_over(client, owner):
    GroupFactory(slug="wg")
    MembershipFactory(group=Group.objects.get(slug="wg"), user=owner, role="owner")
    client.force_login(owner)
    response = client.post("/groups/wg/leave/", follow=True)
    assert "transfer ownership to another member first" in response.content.decode()
    assert Membership.objects.filter(user=owner).exists()


def test_removed_member_is_told_and_loses_access(client, owner, member):
    group = GroupFactory(slug="priv", privacy=Group.Privacy.PRIVATE)
    MembershipFactory(group=group, user=owner, role="owner")
    MembershipFactory(group=group, user=member)
    client.force_login(owner)
    client.post(f"/groups/priv/members/{member.handle}/", {"action": "remove"})
    client.force_login(member)
    assert client.get("/groups/priv/members/").status_code == 403
    assert Notification.objects.filter(recipient=member, title__contains="removed").exists()


def test_member_map_counts_members_by_visible_country(client, owner, member):
    group = GroupFactory(slug="map")
    MembershipFactory(group=group, user=owner, role="owner")
    for _ in range(2):
        MembershipFactory(
            group=group,
            user=UserFactory(
                profile__country=country("KE"), profile__country_visibility="everyone"
            ),
        )
    MembershipFactory(
        group=group,
        user=UserFactory(
            profile__country=country("PH"), profile__country_visibility=Visibility.NOBODY
        ),
    )
    body = client.get("/groups/map/").content.decode()
    assert "Kenya" in body
    assert "2 members" in body
    assert "Philippines" not in body


def test_group_page_links_following(client, member):
    group = GroupFactory(slug="wg", name="WG")
    client.force_login(member)
    client.post("/groups/wg/follow/", {"action": "follow"})
    from community import selectors

    assert list(selectors.followers_of(target=group)) == [member]


@pytest.mark.parametrize("count", [10, 500])
def test_group_page_runs_a_fixed_number_of_queries(
    client, owner, django_assert_max_num_queries, count
):
    group = GroupFactory(slug="big", privacy=Group.Privacy.PRIVATE)
    MembershipFactory(group=group, user=owner, role="owner")
    users = UserFactory.create_batch(
        count, profile__country=country("GH"), profile__country_visibility="members"
    )
    Membership.objects.bulk_create(Membership(group=group, user=u) for u in users)
    client.force_login(owner)
    # Session and user chrome (7) + group, role, counts, recent members, feed (joins and
    # the forum's posts), map (11).
    client.get("/groups/big/")  # the site's structure cached (core.structure), as on a server
    with django_assert_max_num_queries(19):
        response = client.get("/groups/big/")
    assert response.status_code == 200
    assert f"{count + 1} members" in response.content.decode()


@pytest.mark.parametrize("count", [10, 500])
def test_group_member_list_runs_a_fixed_number_of_queries(
    client, owner, django_assert_max_num_queries, count
):
    group = GroupFactory(slug="big")
    MembershipFactory(group=group, user=owner, role="owner")
    users = UserFactory.create_batch(count)
    Membership.objects.bulk_create(Membership(group=group, user=u) for u in users)
    client.force_login(owner)
    client.get("/groups/big/members/")  # the site's structure cached, as on a server
    with django_assert_max_num_queries(11):
        response = client.get("/groups/big/members/")
    assert response.status_code == 200


def _create_group(client, name: str) -> str:
    response = client.post(
        "/groups/new/", {"name": name, "kind": "working_group", "privacy": "public"}
    )
    assert response.status_code == 302
    return response["Location"]


def test_a_new_groups_address_does_not_tell_whether_a_secret_group_has_that_name(client, member):
    """Naming a group like a hidden one must give the same shape of answer as any other
    name: no ``-2`` suffix betrays the secret group."""
    GroupFactory(name="Diaspora bonds", slug="diaspora-bonds", privacy=Group.Privacy.SECRET)
    client.force_login(member)
    clash = _create_group(client, "Diaspora bonds")
    fresh = _create_group(client, "Remittance pricing")
    assert re.fullmatch(r"/groups/diaspora-bonds-[a-z0-9]{8}/", clash), clash
    assert re.fullmatch(r"/groups/remittance-pricing-[a-z0-9]{8}/", fresh), fresh
    assert client.get(clash).status_code == 200


def test_two_groups_with_one_name_get_distinct_addresses(client, member):
    client.force_login(member)
    first = _create_group(client, "Skills partnerships")
    second = _create_group(client, "Skills partnerships")
    assert first != second
    assert client.get(first).status_code == client.get(second).status_code == 200


def _organiser_links(body: str) -> set[str]:
    panel = body.split('id="organise-heading"', 1)
    if len(panel) == 1:
        return set()
    return set(re.findall(r'href="([^"]+)"', panel[1].split("</section>", 1)[0]))


def test_alumni_organiser_reaches_every_step_from_the_group_page(client):
    from tests.outcomes.factories import cohort

    group, organiser, _alumni = cohort(slug="lma-2025")
    client.force_login(organiser)
    links = _organiser_links(client.get("/groups/lma-2025/").content.decode())
    assert links == {
        "/groups/lma-2025/invitations/",
        "/groups/lma-2025/roster/",
        "/groups/lma-2025/requests/",
        "/forums/groups/lma-2025/categories/new/",
        "/forums/groups/lma-2025/rooms/new/",
        "/outcomes/cohorts/lma-2025/follow-up/",
        "/outcomes/cohorts/lma-2025/certificates/",
        "/outcomes/dashboard/cohorts/lma-2025/",
        "/groups/lma-2025/edit/",
    }
    for link in links:
        assert client.get(link).status_code == 200, link


def test_alumna_sees_no_organiser_steps(client):
    from tests.outcomes.factories import cohort

    _group, _organiser, alumni = cohort(slug="lma-2025")
    client.force_login(alumni[0])
    assert _organiser_links(client.get("/groups/lma-2025/").content.decode()) == set()


def test_working_group_owner_is_not_offered_cohort_steps(client, owner):
    GroupFactory(slug="orientation", name="Orientation practitioners")
    MembershipFactory(group=Group.objects.get(slug="orientation"), user=owner, role="owner")
    client.force_login(owner)
    links = _organiser_links(client.get("/groups/orientation/").content.decode())
    assert "/groups/orientation/invitations/" in links
    assert not any("/outcomes/" in link or "/roster/" in link for link in links)
