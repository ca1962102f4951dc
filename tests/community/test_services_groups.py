"""Group life: create, join, ask, decide, leave, remove, roles, ownership."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from community import services
from community.models import Group, JoinRequest, Membership, Notification
from tests.community.factories import GroupFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return UserFactory(profile__display_name="Olivia Owner")


@pytest.fixture
def group(owner):
    return services.group_create(
        creator=owner, name="Fair recruitment working group", kind=Group.Kind.WORKING_GROUP
    )


def _role(group, user):
    return Membership.objects.filter(group=group, user=user).values_list("role", flat=True).first()


def test_group_creator_becomes_owner_and_slug_is_unique(owner):
    first = services.group_create(creator=owner, name="Diaspora bonds", kind="working_group")
    second = services.group_create(creator=owner, name="Diaspora bonds", kind="working_group")
    assert first.slug.startswith("diaspora-bonds-")
    assert second.slug.startswith("diaspora-bonds-")
    assert first.slug != second.slug
    assert _role(first, owner) == Membership.Role.OWNER


def test_public_group_is_joined_at_once(group, member):
    result = services.group_join(group=group, user=member)
    assert isinstance(result, Membership)
    assert _role(group, member) == Membership.Role.MEMBER


def test_joining_twice_is_refused_with_a_message(group, member):
    services.group_join(group=group, user=member)
    with pytest.raises(ValidationError, match="already a member"):
        services.group_join(group=group, user=member)


def test_private_group_turns_join_into_a_request_that_managers_hear_about(group, owner, member):
    group.privacy = Group.Privacy.PRIVATE
    group.save()
    result = services.group_join(group=group, user=member, message="I took the 2024 course.")
    assert isinstance(result, JoinRequest)
    assert _role(group, member) is None
    note = Notification.objects.get(recipient=owner)
    assert "asks to join" in note.title
    again = services.group_join(group=group, user=member)
    assert again.pk == result.pk


def test_secret_group_cannot_be_joined_without_invitation(group, member):
    group.privacy = Group.Privacy.SECRET
    group.save()
    with pytest.raises(PermissionDenied):
        services.group_join(group=group, user=member)
    assert _role(group, member) is None


@pytest.mark.parametrize("approve", [True, False])
def test_join_request_decision_is_applied_and_notified(group, owner, member, approve):
    group.privacy = Group.Privacy.PRIVATE
    group.save()
    request = services.join_request_create(group=group, user=member)
    services.join_request_decide(request=request, actor=owner, approve=approve)
    assert (_role(group, member) == Membership.Role.MEMBER) is approve
    note = Notification.objects.get(recipient=member)
    assert ("approved" if approve else "declined") in note.title
    with pytest.raises(ValidationError, match="already been decided"):
        services.join_request_decide(request=request, actor=owner, approve=True)


def test_plain_members_cannot_decide_join_requests(group, member, other_member):
    group.privacy = Group.Privacy.PRIVATE
    group.save()
    MembershipFactory(group=group, user=other_member)
    request = services.join_request_create(group=group, user=member)
    with pytest.raises(PermissionDenied):
        services.join_request_decide(request=request, actor=other_member, approve=True)


def test_only_owner_cannot_leave(group, owner):
    with pytest.raises(ValidationError, match="transfer ownership"):
        services.group_leave(group=group, user=owner)
    assert _role(group, owner) == Membership.Role.OWNER


def test_member_can_leave(group, member):
    services.group_join(group=group, user=member)
    services.group_leave(group=group, user=member)
    assert _role(group, member) is None


def test_transfer_of_ownership_keeps_one_owner_and_the_old_owner_moderates(group, owner, member):
    services.group_join(group=group, user=member)
    services.group_transfer_ownership(group=group, actor=owner, new_owner=member)
    assert _role(group, member) == Membership.Role.OWNER
    assert _role(group, owner) == Membership.Role.MODERATOR
    assert group.memberships.filter(role="owner").count() == 1
    services.group_leave(group=group, user=owner)
    assert _role(group, owner) is None


def test_ownership_goes_only_to_a_member(group, owner, member):
    with pytest.raises(ValidationError, match="member of the group"):
        services.group_transfer_ownership(group=group, actor=owner, new_owner=member)


def test_moderator_removes_members_but_not_other_moderators(group, owner):
    moderator = UserFactory()
    other_moderator = UserFactory()
    plain = UserFactory()
    MembershipFactory(group=group, user=moderator, role="moderator")
    MembershipFactory(group=group, user=other_moderator, role="moderator")
    MembershipFactory(group=group, user=plain)
    services.membership_remove(group=group, actor=moderator, user=plain)
    assert _role(group, plain) is None
    assert "removed" in Notification.objects.get(recipient=plain).title
    with pytest.raises(PermissionDenied):
        services.membership_remove(group=group, actor=moderator, user=other_moderator)
    with pytest.raises(PermissionDenied):
        services.membership_remove(group=group, actor=moderator, user=owner)


def test_the_last_owner_cannot_be_removed_or_demoted(group, owner):
    staff = UserFactory(is_staff=True)
    with pytest.raises(ValidationError, match="keep an owner"):
        services.membership_remove(group=group, actor=staff, user=owner)
    with pytest.raises(ValidationError, match="keep an owner"):
        services.membership_set_role(group=group, actor=staff, user=owner, role="member")


def test_owner_appoints_moderators_and_members_cannot(group, owner, member, other_member):
    MembershipFactory(group=group, user=member)
    MembershipFactory(group=group, user=other_member)
    services.membership_set_role(group=group, actor=owner, user=member, role="moderator")
    assert _role(group, member) == Membership.Role.MODERATOR
    with pytest.raises(PermissionDenied):
        services.membership_set_role(group=group, actor=member, user=other_member, role="moderator")
    with pytest.raises(ValidationError, match="transfer ownership"):
        services.membership_set_role(group=group, actor=owner, user=member, role="owner")


def test_removed_member_no_longer_sees_private_group_notifications(group, owner, member):
    group.privacy = Group.Privacy.PRIVATE
    group.save()
    MembershipFactory(group=group, user=member)
    note = services.notification_create(
        recipient=member, verb="new_content", title="Private plans", group=group
    )
    assert note is not None
    services.membership_remove(group=group, actor=owner, user=member)
    from community import selectors

    member_fresh = type(member).objects.get(pk=member.pk)
    assert not selectors.notification_list(viewer=member_fresh).filter(pk=note.pk).exists()


def test_group_update_is_for_owners(group, owner, member):
    MembershipFactory(group=group, user=member, role="moderator")
    with pytest.raises(PermissionDenied):
        services.group_update(group=group, actor=member, name="Hijacked")
    services.group_update(group=group, actor=owner, name="Fair recruitment network")
    group.refresh_from_db()
    assert group.name == "Fair recruitment network"


def test_group_factory_defaults_are_public():
    assert GroupFactory().privacy == Group.Privacy.PUBLIC
