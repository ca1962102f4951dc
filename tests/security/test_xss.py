"""Hostile text through every field a member (or an importer) can write: it must come
back inert on every page that shows it, and every page carries the CSP that would stop
anything we missed."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from community.forms import ProfileForm
from community.models import Group, JoinRequest
from forums.models import Category, Topic
from inventory.services import ImportRejected, inventory_import
from outcomes.links import make_token
from outcomes.models import FollowUpInvitation, Need
from outcomes.services import follow_up_schedule_create
from outcomes.services.followup import current_version
from tests.casestudies.factories import CaseStudyPageFactory
from tests.community.factories import GroupFactory, MembershipFactory, UserFactory
from tests.outcomes.factories import cohort
from tests.security.inert import BIDI_OVERRIDES, PAYLOADS, executable_markup

pytestmark = pytest.mark.django_db


def assert_inert(response, *, stored: bool = True) -> None:
    """Nothing executable, and (for ``stored`` text) no direction override: every
    user-writable text field goes through one cleaning path (``core.fields``), so none
    reaches a page. A search query echoed back to its own writer is not stored text."""
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    problems = executable_markup(html)
    assert problems == [], problems
    overrides = sorted({f"U+{ord(c):04X}" for c in html if c in BIDI_OVERRIDES})
    assert not stored or overrides == [], overrides
    csp = response.headers["Content-Security-Policy"]
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src


@pytest.fixture
def author(client):
    user = UserFactory(profile__display_name="Pat Poster")
    client.force_login(user)
    return user


def _profile_data(user, **changes) -> dict:
    form = ProfileForm(instance=user.profile, user=user)
    data = {}
    for name, bound in form.fields.items():
        value = form.initial.get(name, bound.initial)
        if value is None or name in ("avatar_upload", "remove_avatar"):
            continue
        data[name] = value
    for name in form.fields:
        if name.endswith("_visibility"):
            data[name] = "everyone"
    return {**data, **changes}


@pytest.mark.parametrize("payload", PAYLOADS)
def test_profile_fields_render_inert_on_the_profile_and_the_directory(client, author, payload):
    data = _profile_data(
        author,
        display_name=f"Pat {payload}"[:120],
        bio=payload,
        role=payload[:120],
        organisation=payload,
    )
    response = client.post(reverse("community:profile_edit"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    assert_inert(client.get(reverse("community:profile_detail", args=[author.handle])))
    assert_inert(client.get(reverse("community:member_directory")))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_group_name_and_description_render_inert(client, author, payload):
    response = client.post(
        reverse("community:group_create"),
        {
            "name": f"Group {payload}"[:100],
            "kind": Group.Kind.WORKING_GROUP,
            "privacy": Group.Privacy.PUBLIC,
            "description": payload,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    group = Group.objects.get()
    assert_inert(client.get(reverse("community:group_detail", args=[group.slug])))
    assert_inert(client.get(reverse("community:group_list")))
    client.logout()
    assert_inert(client.get(reverse("community:group_detail", args=[group.slug])))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_case_study_comments_render_inert(client, author, payload):
    page = CaseStudyPageFactory(title="Pre-departure orientation")
    response = client.post(
        reverse("casestudies:comment_post", args=[page.pk]), {"comment": f"See {payload}"}
    )
    assert response.status_code == 302
    rendered = client.get(page.url)
    assert "See" in rendered.content.decode()
    assert_inert(rendered)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_search_queries_are_echoed_inert(client, payload):
    assert_inert(client.get(reverse("search:search"), {"q": payload}), stored=False)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_autocomplete_answers_json_that_browsers_will_not_sniff_as_html(client, payload):
    response = client.get(reverse("search:autocomplete"), {"q": payload})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert isinstance(response.json(), dict)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_imported_inventory_text_renders_inert(client, payload):
    record = {
        "external_id": "inv-hostile",
        "title": f"Course {payload}"[:200],
        "kind": "training_activity",
        "summary": payload,
        "description": payload,
        "replication_notes": payload,
        "replicable_components": [payload],
        "cost_notes": payload,
        "contact": payload,
    }
    inventory_import(fileobj=json.dumps([record]).encode())
    assert_inert(client.get(reverse("inventory:item_detail", args=["inv-hostile"])))
    assert_inert(client.get(reverse("inventory:item_list")))


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<script>x</script>"],
)
def test_inventory_import_refuses_urls_that_are_not_web_addresses(url):
    record = {"external_id": "inv-bad-url", "title": "Course", "kind": "course", "url": url}
    with pytest.raises(ImportRejected) as excinfo:
        inventory_import(fileobj=json.dumps([record]).encode())
    assert any(issue.field == "url" for issue in excinfo.value.issues)


def test_bidirectional_overrides_never_reach_a_rendered_name(client, author):
    data = _profile_data(author, display_name="Pat \u202egnp.exe")
    client.post(reverse("community:profile_edit"), data)
    html = client.get(reverse("community:profile_detail", args=[author.handle])).content.decode()
    assert not any(char in html for char in BIDI_OVERRIDES)


# --- forums, needs, follow-up answers ----------------------------------------------


@pytest.fixture
def forum():
    return Category.objects.create(name="Open forum", slug="open-forum")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_forum_topic_titles_and_markdown_posts_render_inert(client, author, forum, payload):
    response = client.post(
        reverse("forums:topic_create", args=[forum.slug]),
        {"title": f"Topic {payload}"[:200], "body": f"Question: {payload}"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    topic = Topic.objects.get()
    reply = client.post(reverse("forums:post_create", args=[topic.pk]), {"body": payload})
    assert reply.status_code == 302, reply.content.decode()[:2000]
    page = client.get(topic.get_absolute_url())
    assert "Question:" in page.content.decode()
    assert_inert(page)
    assert_inert(client.get(reverse("forums:category_detail", args=[forum.slug])))
    assert_inert(client.get(reverse("forums:index")))
    client.logout()
    assert_inert(client.get(topic.get_absolute_url()))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_forum_post_edits_and_their_history_render_inert(client, author, forum, payload):
    client.post(
        reverse("forums:topic_create", args=[forum.slug]),
        {"title": "Orientation", "body": "First version."},
    )
    post = Topic.objects.get().posts.get()
    edited = client.post(
        reverse("forums:post_edit", args=[post.pk]), {"body": payload, "reason": payload[:100]}
    )
    assert edited.status_code == 302, edited.content.decode()[:2000]
    assert_inert(client.get(Topic.objects.get().get_absolute_url()))
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    assert_inert(client.get(reverse("forums:post_history", args=[post.pk])))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_need_titles_and_descriptions_render_inert(client, author, payload):
    response = client.post(
        reverse("outcomes:need_create"),
        {
            "title": f"Need {payload}"[:200],
            "organisation": payload[:200],
            "description": f"We need: {payload}",
            "country": "PH",
            "urgency": Need._meta.get_field("urgency").default,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    need = Need.objects.get()
    detail = client.get(reverse("outcomes:need_detail", args=[need.pk]))
    assert "We need:" in detail.content.decode()
    assert_inert(detail)
    assert_inert(client.get(reverse("outcomes:need_list")))


@pytest.fixture
def follow_up_link():
    """An alumna invited to today's open questionnaire of her cohort, and its organiser."""
    group, organiser, (alumna,) = cohort(alumni=1)
    schedule = follow_up_schedule_create(
        group=group,
        by=organiser,
        months=[3],
        course_end=timezone.localdate() - datetime.timedelta(days=92),
    )
    questionnaire = schedule.questionnaires.get()
    questionnaire.due_on = timezone.localdate()
    questionnaire.save(update_fields=["due_on"])
    now = timezone.now()
    invitation = FollowUpInvitation.objects.create(
        questionnaire=questionnaire, respondent=alumna, sent_at=now, last_message_at=now
    )
    return group, organiser, alumna, questionnaire, make_token(invitation)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_follow_up_free_text_answers_render_inert_to_the_alumna_and_the_organiser(
    client, follow_up_link, payload
):
    group, organiser, alumna, questionnaire, token = follow_up_link
    data = {"country": "PH", "role": payload[:120], "submit": "1"}
    for q in current_version(questionnaire).questions:
        data[q["key"]] = q["min"] if q["kind"] == "number" else f"Answer: {payload}"
    client.force_login(alumna)
    response = client.post(reverse("outcomes:answer", args=[token]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    done = client.get(reverse("outcomes:answer", args=[token]))
    assert "Answer:" in done.content.decode()
    assert_inert(done)
    client.force_login(organiser)
    responses = client.get(reverse("outcomes:cohort_responses", args=[group.slug]))
    assert "Answer:" in responses.content.decode()
    assert_inert(responses)


# --- join requests, invitations and group organisers' pages ------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_join_request_messages_render_inert_to_the_organisers(client, author, payload):
    owner = UserFactory(profile__display_name="Olivia Owner")
    group = GroupFactory(name="Sanremo alumni", privacy=Group.Privacy.PRIVATE)
    MembershipFactory(group=group, user=owner, role="owner")
    response = client.post(
        reverse("community:group_join", args=[group.slug]), {"message": f"Hello {payload}"}
    )
    assert response.status_code == 302
    assert not any(c in JoinRequest.objects.get().message for c in BIDI_OVERRIDES)
    client.force_login(owner)
    requests_page = client.get(reverse("community:group_requests", args=[group.slug]))
    assert "Hello" in requests_page.content.decode()
    assert_inert(requests_page)
    assert_inert(client.get(reverse("community:notifications")))


# --- one cleaning path for every text field people write ----------------------------

DOMAIN_APPS = ("community", "forums", "outcomes", "casestudies", "inventory", "taxonomy", "core")

#: Text fields no person types: keys, codes, stored HTML rendered from cleaned text,
#: and values the code itself composes.
NOT_WRITTEN_BY_PEOPLE = {
    "community.User.password": "a password hash",
    "community.Invitation.key": "a random token",
    "community.Notification.url": "a path the code builds",
    "forums.Post.body_html": "rendered from the cleaned body and sanitised",
    "forums.RoomMessage.body_html": "rendered from the cleaned body and sanitised",
    "forums.Attachment.content_type": "sniffed from the file's content",
    "outcomes.FollowUpAnswer.key": "a question key from the questionnaire",
    "taxonomy.Region.code": "UN M49 code",
    "taxonomy.Country.code": "ISO 3166-1 code",
    "taxonomy.Country.iso3": "ISO 3166-1 code",
    "taxonomy.Country.numeric": "ISO 3166-1 code",
    "community.OrganisationSignIn.provider_id": "staff configuration in the Django admin",
    "community.OrganisationSignIn.email_domains": "staff configuration in the Django admin",
}


def _people_text_fields():
    from django.apps import apps
    from django.db import models

    for app in DOMAIN_APPS:
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.local_fields:
                if not isinstance(field, models.CharField | models.TextField):
                    continue
                if field.choices or isinstance(
                    field, models.SlugField | models.EmailField | models.URLField
                ):
                    continue
                yield f"{app}.{model.__name__}.{field.name}", field


def test_every_text_field_people_write_goes_through_the_one_cleaning_path():
    from core.fields import CleanCharField, CleanRichTextField, CleanTextField

    skipping = sorted(
        label
        for label, field in _people_text_fields()
        if not isinstance(field, CleanCharField | CleanTextField | CleanRichTextField)
        and label not in NOT_WRITTEN_BY_PEOPLE
    )
    assert skipping == []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_live_room_event_names_render_inert(client, author, payload):
    """The event name was the one room field its service stored as typed."""
    from forums.services import room_create

    room = room_create(name="Side event", event_name=f"GFMD {payload}"[:200])
    assert_inert(client.get(reverse("forums:room_list")))
    assert_inert(client.get(reverse("forums:room_detail", args=[room.slug])))


def test_text_written_around_save_is_cleaned_too():
    """``update()`` bypasses ``save()``; the field still cleans what reaches the row."""
    group = GroupFactory(name="Plain")
    Group.objects.filter(pk=group.pk).update(description="Read \u202eme")
    group.refresh_from_db()
    assert group.description == "Read me"
