"""A small, complete world for the cross-cutting checks (authorization, XSS, rate
limits): one object of every kind a URL can point at, and one person of every kind
that can ask for it."""

from __future__ import annotations

from dataclasses import dataclass, field

from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Page

from casestudies.models import CaseStudyPage, VirtualTourPage
from casestudies.services import case_study_index_ensure
from casestudies.services.comments import unfollow_token
from community.models import Group, Membership, Notification, User
from community.services.digest import unsubscribe_token
from community.services.invitations import invitation_token
from tests.casestudies.factories import (
    CaseStudyPageFactory,
    VirtualTourPageFactory,
    comment,
    tour_stop,
)
from tests.community.factories import (
    GroupFactory,
    InvitationFactory,
    JoinRequestFactory,
    MembershipFactory,
    NotificationFactory,
    UserFactory,
)
from tests.inventory.factories import InventoryItemFactory, RecommendationFactory

ROLES = ("anonymous", "member", "outsider", "moderator", "staff")
PRIVACIES = (Group.Privacy.PUBLIC, Group.Privacy.PRIVATE, Group.Privacy.SECRET)


@dataclass
class World:
    users: dict[str, User | None]
    groups: dict[str, Group]
    owner: User
    case_study: CaseStudyPage
    tour: VirtualTourPage
    item: object
    recommendation: object
    comment: object
    notification: Notification
    document: Document
    invitations: dict[str, object] = field(default_factory=dict)
    join_requests: dict[str, object] = field(default_factory=dict)

    def user(self, role: str) -> User | None:
        return self.users[role]


def build_world() -> World:
    """Groups of every privacy (alumni networks, so the roster page applies), each with
    an owner, a member and a moderator; an outsider who belongs to none; a superuser."""
    owner = UserFactory(profile__display_name="Olivia Owner")
    users: dict[str, User | None] = {
        "anonymous": None,
        "member": UserFactory(profile__display_name="Mateo Member"),
        "outsider": UserFactory(profile__display_name="Otto Outsider"),
        "moderator": UserFactory(profile__display_name="Moses Moderator"),
        "staff": UserFactory(is_staff=True, is_superuser=True, profile__display_name="Ada Admin"),
    }
    groups: dict[str, Group] = {}
    invitations: dict[str, object] = {}
    join_requests: dict[str, object] = {}
    for privacy in PRIVACIES:
        group = GroupFactory(
            name=f"{privacy.title()} alumni",
            slug=f"{privacy}-alumni",
            privacy=privacy,
            kind=Group.Kind.ALUMNI_NETWORK,
        )
        MembershipFactory(group=group, user=owner, role=Membership.Role.OWNER)
        MembershipFactory(group=group, user=users["member"], role=Membership.Role.MEMBER)
        MembershipFactory(group=group, user=users["moderator"], role=Membership.Role.MODERATOR)
        invitations[privacy] = InvitationFactory(group=group, invited_by=owner)
        join_requests[privacy] = JoinRequestFactory(group=group, user=UserFactory())
        groups[privacy] = group
    case_study_index_ensure()
    case_study = CaseStudyPageFactory(title="Pre-departure orientation", slug="orientation")
    tour = VirtualTourPageFactory(title="A walk through the centre", slug="centre-tour")
    tour_stop(tour, title="The waiting room")
    document = Document(title="Toolkit")
    document.file.save("toolkit.txt", ContentFile(b"A toolkit."), save=True)
    return World(
        users=users,
        groups=groups,
        owner=owner,
        case_study=case_study,
        tour=tour,
        item=InventoryItemFactory(external_id="ph-orientation"),
        recommendation=RecommendationFactory(external_id="rec-2019-1"),
        comment=comment(case_study, user=users["member"], text="Useful case."),
        notification=NotificationFactory(recipient=users["member"], url="/groups/"),
        document=document,
        invitations=invitations,
        join_requests=join_requests,
    )


def email_confirmation_key(user: User) -> str:
    return EmailConfirmationHMAC(EmailAddress.objects.get(user=user)).key


def tokens(world: World) -> dict[str, str]:
    member = world.users["member"]
    return {
        "digest": unsubscribe_token(member),
        "unfollow": unfollow_token(page_id=world.case_study.pk, email=member.email),
    }


def invitation_url_token(invitation) -> str:
    return invitation_token(invitation)


def home_page() -> Page:
    return Page.objects.get(depth=2)
