"""The language of discussions (issue #10): every post and topic says which language it
is written in, readers see it and can filter by it, screen readers pronounce it."""

import pytest
from django.urls import reverse

from community.models import Group, Membership
from forums import live, services
from forums.models import Post, Topic

from .factories import CategoryFactory, GroupFactory, PostFactory, TopicFactory

pytestmark = pytest.mark.django_db


def _new_topic_url(category, prefix=""):
    return prefix + reverse("forums:topic_create", kwargs={"slug": category.slug})


def test_new_topic_form_preselects_the_interface_language(client, member):
    category = CategoryFactory()
    client.force_login(member)
    html = client.get("/fr" + _new_topic_url(category)).content.decode()
    assert '<label for="id_language">' in html
    assert '<option value="fr" selected>' in html


def test_topic_written_without_choosing_takes_the_interface_language(client, member):
    category = CategoryFactory()
    client.force_login(member)
    response = client.post(
        "/fr" + _new_topic_url(category),
        {"title": "Transferts de fonds", "body": "Qui a mesuré les coûts ?"},
    )
    assert response.status_code == 302
    topic = Topic.objects.get(title="Transferts de fonds")
    assert topic.language == "fr"
    assert topic.posts.get().language == "fr"


def test_topic_takes_the_language_its_author_chose(client, member):
    category = CategoryFactory()
    client.force_login(member)
    client.post(
        _new_topic_url(category),
        {"title": "Remesas", "body": "¿Quién ha medido los costes?", "language": "es"},
    )
    topic = Topic.objects.get(title="Remesas")
    assert (topic.language, topic.posts.get().language) == ("es", "es")


def test_unknown_language_in_the_topic_form_is_a_field_error(client, member):
    category = CategoryFactory()
    client.force_login(member)
    response = client.post(
        _new_topic_url(category), {"title": "Hello", "body": "Text", "language": "xx"}
    )
    assert response.status_code == 400
    assert "Choose one of the languages offered." in response.content.decode()
    assert not Topic.objects.filter(title="Hello").exists()


def test_reply_stores_the_chosen_language(client, member):
    topic = TopicFactory()
    client.force_login(member)
    response = client.post(
        reverse("forums:post_create", kwargs={"pk": topic.pk}),
        {"body": "Nous avons essayé la même chose à Dakar.", "language": "fr"},
    )
    assert response.status_code == 302
    assert topic.posts.last().language == "fr"


def test_service_rejects_an_unknown_language_with_a_field_error(member):
    topic = TopicFactory()
    with pytest.raises(services.posts.ValidationError) as exc:
        services.post_create(topic=topic, author=member, body="Text", language="klingon")
    assert "language" in exc.value.message_dict


def test_post_in_another_language_has_lang_attribute_and_visible_label(client, member):
    topic = TopicFactory(first_post="The question.")
    PostFactory(topic=topic, body="Nous avons essayé à Dakar.", language="fr")
    html = client.get(topic.get_absolute_url()).content.decode()
    assert '<div class="post__body prose" lang="fr">' in html
    assert "Written in French" in html


def test_post_in_the_page_language_has_lang_attribute_but_no_label(client):
    topic = TopicFactory()
    PostFactory(topic=topic, body="Nous avons essayé à Dakar.", language="fr")
    html = client.get("/fr" + topic.get_absolute_url()).content.decode()
    assert '<div class="post__body prose" lang="fr">' in html
    assert 'data-post-language="fr"' not in html


def test_post_older_than_the_field_has_no_lang_attribute(client):
    topic = TopicFactory(first_post="Legacy text.")
    html = client.get(topic.get_absolute_url()).content.decode()
    assert '<div class="post__body prose">' in html
    assert "data-post-language" not in html


def test_live_post_payload_carries_the_language(member):
    topic = TopicFactory()
    post = PostFactory(topic=topic, language="es")
    payload = live.post_payload(Post.objects.select_related("topic__category").get(pk=post.pk))
    assert payload["language"] == "es"


def test_editing_the_first_post_language_corrects_the_topic_language(member):
    topic = TopicFactory(author=member, first_post="Written in French, filed as English.")
    first = topic.posts.get()
    services.post_edit(post=first, editor=member, body=first.body, language="fr")
    first.refresh_from_db()
    topic.refresh_from_db()
    assert (first.language, topic.language) == ("fr", "fr")


def test_edit_form_keeps_the_language_when_not_specified(client, member):
    topic = TopicFactory()
    post = PostFactory(topic=topic, author=member, language="es")
    client.force_login(member)
    response = client.post(
        reverse("forums:post_edit", kwargs={"pk": post.pk}), {"body": "Texto corregido."}
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.body, post.language) == ("Texto corregido.", "es")


def test_split_topic_takes_the_language_of_its_first_post(moderator):
    topic = TopicFactory()
    moved = PostFactory(topic=topic, language="es")
    new_topic = services.topic_split(topic=topic, actor=moderator, posts=[moved], title="Aparte")
    assert new_topic.language == "es"


def test_category_lists_only_topics_in_the_chosen_language(client):
    category = CategoryFactory()
    TopicFactory(category=category, title="Remittance costs", language="en")
    TopicFactory(category=category, title="Coût des transferts", language="fr")
    html = client.get(category.get_absolute_url() + "?language=fr").content.decode()
    assert "Coût des transferts" in html
    assert "Remittance costs" not in html
    assert '<option value="fr" lang="fr" selected>French (1)</option>' in html


def test_category_ignores_an_unknown_language_and_says_so(client):
    category = CategoryFactory()
    TopicFactory(category=category, title="Remittance costs", language="en")
    TopicFactory(category=category, title="Coût des transferts", language="fr")
    response = client.get(category.get_absolute_url() + "?language=xx")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Remittance costs" in html
    assert "Coût des transferts" in html
    assert "is not a language of this site" in html


def test_category_with_no_topic_in_the_language_offers_all_languages(client):
    category = CategoryFactory()
    TopicFactory(category=category, title="Remittance costs", language="en")
    html = client.get(category.get_absolute_url() + "?language=es").content.decode()
    assert "No topics in Spanish yet." in html
    assert "Show topics in every language" in html


def test_topic_in_another_language_is_labelled_in_the_list(client):
    category = CategoryFactory()
    TopicFactory(category=category, title="Coût des transferts", language="fr")
    html = client.get(category.get_absolute_url()).content.decode()
    assert 'lang="fr">Coût des transferts</a>' in html
    assert '<span class="tag tag--language">French</span>' in html


def test_language_counts_never_include_topics_the_viewer_may_not_see(client, member):
    secret = GroupFactory(privacy=Group.Privacy.SECRET)
    category = CategoryFactory(group=None)
    TopicFactory(category=category, language="fr")
    TopicFactory(category=CategoryFactory(group=secret), language="fr")
    from forums.selectors import topic_language_counts

    assert topic_language_counts(viewer=member) == {"fr": 1}


def test_pagination_keeps_the_language_filter(client, settings):
    from forums import selectors

    category = CategoryFactory()
    for n in range(selectors.TOPICS_PER_PAGE + 1):
        TopicFactory(category=category, title=f"Sujet {n}", language="fr")
    html = client.get(category.get_absolute_url() + "?language=fr").content.decode()
    assert "?language=fr&amp;page=2" in html


def test_group_discussions_panel_filters_by_language(client, member):
    group = GroupFactory(privacy=Group.Privacy.PUBLIC, slug="diaspora-network")
    Membership.objects.create(group=group, user=member)
    category = CategoryFactory(group=group)
    TopicFactory(category=category, title="Diaspora bonds", language="en")
    TopicFactory(category=category, title="Obligations de la diaspora", language="fr")
    client.force_login(member)
    html = client.get(f"/groups/{group.slug}/?language=fr").content.decode()
    # The panel, not the group's recent activity (which lists every new topic).
    start = html.index('class="group-discussions"')
    panel = html[start : html.index("</section>", start)]
    assert "Obligations de la diaspora" in panel
    assert "Diaspora bonds" not in panel
    assert 'id="id_group_topic_language"' in panel
