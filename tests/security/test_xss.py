"""Hostile text through every field a member (or an importer) can write: it must come
back inert on every page that shows it, and every page carries the CSP that would stop
anything we missed."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from community.forms import ProfileForm
from community.models import Group
from forums.models import Category, Topic
from inventory.services import ImportRejected, inventory_import
from outcomes.links import make_token
from outcomes.models import FollowUpInvitation, Need
from outcomes.services import follow_up_schedule_create
from outcomes.services.followup import current_version
from tests.casestudies.factories import CaseStudyPageFactory
from tests.community.factories import UserFactory
from tests.outcomes.factories import cohort
from tests.security.inert import BIDI_OVERRIDES, PAYLOADS, executable_markup

pytestmark = pytest.mark.django_db


def assert_inert(response) -> None:
    assert response.status_code == 200, response.status_code
    problems = executable_markup(response.content.decode())
    assert problems == [], problems
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
    assert_inert(client.get(reverse("search:search"), {"q": payload}))


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
