"""A small, complete world for the cross-cutting checks (authorization, XSS, rate
limits): one object of every kind a URL can point at, and one person of every kind
that can ask for it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import Page, Site

from casestudies.models import CaseStudyPage, VirtualTourPage
from casestudies.services import case_study_index_ensure
from casestudies.services.comments import unfollow_token
from community.models import Group, Membership, Notification, User
from community.services.digest import unsubscribe_token
from community.services.invitations import invitation_token
from forums.models import Attachment, Category, Flag, LiveRoom, Post, RoomMessage, Topic
from forums.services import render_body
from outcomes import services as outcomes_services
from outcomes.models import Certificate, FollowUpInvitation, Need, Questionnaire, ResultsFramework
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
from tests.forums.factories import LiveRoomFactory, PostFactory, TopicFactory
from tests.inventory.factories import InventoryItemFactory, RecommendationFactory
from tests.outcomes.factories import CourseFactory, NeedFactory, framework_for

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
    # Forums, keyed like ``groups`` ("public" is a site-wide category or room; "private"
    # and "secret" belong to the group of that privacy).
    categories: dict[str, Category] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    replies: dict[str, Post] = field(default_factory=dict)
    attachments: dict[str, Attachment] = field(default_factory=dict)
    flags: dict[str, Flag] = field(default_factory=dict)
    rooms: dict[str, LiveRoom] = field(default_factory=dict)
    room_messages: dict[str, RoomMessage] = field(default_factory=dict)
    # Outcomes, keyed by the privacy of the cohort (every group is a course's alumni).
    frameworks: dict[str, ResultsFramework] = field(default_factory=dict)
    questionnaires: dict[str, Questionnaire] = field(default_factory=dict)
    follow_up_invitations: dict[str, FollowUpInvitation] = field(default_factory=dict)
    certificates: dict[str, Certificate] = field(default_factory=dict)
    need: Need | None = None

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
    forum = _build_forums(users, groups)
    outcomes = _build_outcomes(users, groups, owner)
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
        need=NeedFactory(author=users["member"], title="Training on fair recruitment"),
        **forum,
        **outcomes,
    )


def _build_forums(users: dict[str, User | None], groups: dict[str, Group]) -> dict[str, dict]:
    """A topic (started by the member, answered by the owner's reply) with an attachment
    and a flag in a site-wide category and in the private and secret groups' categories;
    a live room with one message for each as well."""
    member = users["member"]
    built: dict[str, dict] = {
        key: {}
        for key in ("categories", "topics", "replies", "attachments", "flags", "rooms")
        + ("room_messages",)
    }
    for privacy in PRIVACIES:
        group = None if privacy == Group.Privacy.PUBLIC else groups[privacy]
        category = Category.objects.create(
            name=f"{privacy.title()} forum",
            slug=f"{privacy}-forum",
            kind=Category.Kind.QA,
            group=group,
        )
        topic = TopicFactory(
            category=category,
            author=member,
            title=f"{privacy.title()} question on orientation",
            first_post="How do you prepare departing workers?",
        )
        reply = PostFactory(topic=topic, author=users["moderator"], body="We run a workshop.")
        topic.last_post = reply
        topic.save(update_fields=["last_post"])
        attachment = Attachment.objects.create(
            post=reply,
            original_name="agenda.txt",
            kind=Attachment.Kind.DOCUMENT,
            content_type="text/plain",
            size=10,
            uploaded_by=users["moderator"],
        )
        attachment.file.save("agenda.txt", ContentFile(b"An agenda."), save=True)
        room = LiveRoomFactory(name=f"{privacy.title()} room", slug=f"{privacy}-room", group=group)
        body = "Welcome to the workshop."
        built["categories"][privacy] = category
        built["topics"][privacy] = topic
        built["replies"][privacy] = reply
        built["attachments"][privacy] = attachment
        built["flags"][privacy] = Flag.objects.create(
            post=reply, reporter=member, reason=Flag.Reason.SPAM
        )
        built["rooms"][privacy] = room
        built["room_messages"][privacy] = RoomMessage.objects.create(
            room=room, author=member, body=body, body_html=render_body(body)[0]
        )
    return built


def _build_outcomes(users: dict[str, User | None], groups: dict[str, Group], owner: User) -> dict:
    """Every group is the alumni network of a course whose follow-up questionnaire is
    open today; the member is invited to answer it and holds a certificate."""
    built: dict[str, dict] = {
        "frameworks": {},
        "questionnaires": {},
        "follow_up_invitations": {},
        "certificates": {},
    }
    today = timezone.localdate()
    now = timezone.now()
    for privacy in PRIVACIES:
        group = groups[privacy]
        group.course = CourseFactory(
            title=f"{privacy.title()} course", external_id=f"course-{privacy}"
        )
        group.cohort_year = 2025
        group.save(update_fields=["course", "cohort_year"])
        built["frameworks"][privacy] = framework_for(group.course)
        schedule = outcomes_services.follow_up_schedule_create(
            group=group, by=owner, months=[3], course_end=today - datetime.timedelta(days=92)
        )
        questionnaire = schedule.questionnaires.get()
        questionnaire.due_on = today
        questionnaire.save(update_fields=["due_on"])
        built["questionnaires"][privacy] = questionnaire
        built["follow_up_invitations"][privacy] = FollowUpInvitation.objects.create(
            questionnaire=questionnaire,
            respondent=users["member"],
            sent_at=now,
            last_message_at=now,
        )
        (built["certificates"][privacy],) = outcomes_services.certificates_issue_for_cohort(
            group=group, by=owner
        )
    return built


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
    """The site's home page (its French and Spanish drafts sit at the same depth)."""
    return Site.objects.get(is_default_site=True).root_page
