"""A member with something in every part of the platform, beside other people's content
— shared by the export and deletion tests (``tests/community/test_accounts_*.py``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from casestudies.models import CaseStudyPage
from community.models import Group, Membership, User
from forums import services as forum_services
from forums.models import Post, Topic
from outcomes import services as outcome_services
from outcomes.models import Certificate, FollowUpInvitation, Need
from tests.casestudies.factories import CaseStudyPageFactory, comment
from tests.community.factories import GroupFactory, MembershipFactory, UserFactory
from tests.forums.factories import CategoryFactory
from tests.outcomes.factories import NeedFactory, cohort, join


@dataclass
class World:
    member: User
    peer: User
    public_topic: Topic  # started by the peer, the member replied
    shared_topic: Topic  # started by the member, the peer replied
    solo_topic: Topic  # started by the member, nobody replied
    reply: Post  # the member's reply in public_topic
    left_topic: Topic  # in a private group the member has left
    page: CaseStudyPage
    comment_id: int
    need: Need
    certificate: Certificate
    extra: dict = field(default_factory=dict)


def build_world() -> World:
    member = UserFactory(profile__display_name="Mateo Member", profile__bio="Labour attaché")
    peer = UserFactory(profile__display_name="Amina Peer", profile__digest_frequency="daily")
    public = CategoryFactory(name="Open forum", slug="open-forum")

    public_topic = forum_services.topic_create(
        category=public,
        author=peer,
        title="Pre-departure orientation in Manila",
        body="Peer opening: how long should orientation last?",
        rate_limit=False,
    )
    reply = forum_services.post_create(
        topic=public_topic,
        author=member,
        body="Member reply: zanzibar cloves and three days of orientation.",
        rate_limit=False,
    )
    shared_topic = forum_services.topic_create(
        category=public,
        author=member,
        title="Recognising skills of returning nurses",
        body="Member opening: quetzal accreditation questions.",
        rate_limit=False,
    )
    forum_services.post_create(
        topic=shared_topic,
        author=peer,
        body="Peer answer: the nursing council recognises them.",
        rate_limit=False,
    )
    solo_topic = forum_services.topic_create(
        category=public,
        author=member,
        title="Mateo solitary kumquat question",
        body="Member solo opening, nobody answered.",
        rate_limit=False,
    )
    forum_services.reaction_toggle(
        post=public_topic.posts.order_by("pk").first(), user=member, kind="helpful"
    )

    private = GroupFactory(name="Attachés network", slug="attaches", privacy=Group.Privacy.PRIVATE)
    MembershipFactory(group=private, user=member)
    MembershipFactory(group=private, user=peer, role=Membership.Role.OWNER)
    private_category = CategoryFactory(name="Attachés forum", slug="attaches-forum", group=private)
    left_topic = forum_services.topic_create(
        category=private_category,
        author=peer,
        title="Confidential: the embassy's recruitment blacklist",
        body="Peer private opening.",
        rate_limit=False,
    )
    forum_services.post_create(
        topic=left_topic,
        author=member,
        body="Member private reply: my own words.",
        rate_limit=False,
    )
    Membership.objects.filter(group=private, user=member).delete()
    MembershipFactory(group=GroupFactory(name="Mayors", slug="mayors"), user=member)

    page = CaseStudyPageFactory(title="Remittance-linked savings", slug="remittance-savings")
    own = comment(page, user=member, text="Member comment: pangolin matched savings.")
    comment(page, user=peer, text="Peer comment in reply.", parent=own)

    need = NeedFactory(author=member, title="Member need: fair recruitment audits")
    outcome_services.need_endorse(need=NeedFactory(author=peer, title="Peer need"), user=member)

    group, organiser, _alumni = cohort(alumni=1)
    join(group, member)
    (certificate,) = [
        c
        for c in outcome_services.certificates_issue_for_cohort(group=group, by=organiser)
        if c.recipient_id == member.pk
    ]
    outcome_services.follow_up_schedule_create(
        group=group,
        by=organiser,
        months=[3],
        course_end=datetime.date(2025, 1, 31),
        open_questions=["What did you apply?"],
    )
    questionnaire = group.follow_up_schedule.questionnaires.get()
    invitation = FollowUpInvitation.objects.create(
        questionnaire=questionnaire,
        respondent=member,
        sent_at=timezone.now(),
        last_message_at=timezone.now(),
    )
    version = questionnaire.versions.order_by("-number").first()
    text_key = next(q["key"] for q in version.questions if q["kind"] != "number")
    outcome_services.follow_up_answers_save(
        invitation=invitation, values={text_key: "Member answer: okapi referral desk."}
    )
    return World(
        member=member,
        peer=peer,
        public_topic=public_topic,
        shared_topic=shared_topic,
        solo_topic=solo_topic,
        reply=reply,
        left_topic=left_topic,
        page=page,
        comment_id=own.pk,
        need=need,
        certificate=certificate,
    )
