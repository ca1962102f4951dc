"""The language of comments under case studies (issue #10): recorded when posted,
chosen in the form (the interface language preselected), announced to screen readers
with ``lang`` and labelled when it is not the page's language."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.utils import translation
from django_comments_xtd.models import XtdComment

from casestudies.models import CommentLanguage
from tests.casestudies.factories import CaseStudyPageFactory, comment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_first():
    """A request under /fr/ leaves French active in the thread; start each test in English."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def page(index):
    return CaseStudyPageFactory(title="Pre-departure orientation", slug="pdos")


def _post(client, page, text, **extra):
    return client.post(f"/comments/post/{page.pk}/", {"comment": text, **extra})


def test_comment_records_the_language_its_author_chose(client, member, page):
    client.force_login(member)
    response = _post(client, page, "Lo probamos en Quito.", language="es")
    assert response.status_code == 302
    assert XtdComment.objects.get().language_info.language == "es"


def test_comment_without_a_choice_takes_the_interface_language(client, member, page):
    client.force_login(member)
    client.post(f"/fr/comments/post/{page.pk}/", {"comment": "Nous l’avons essayé à Dakar."})
    assert XtdComment.objects.get().language_info.language == "fr"


def test_unknown_comment_language_is_refused_with_a_message(client, member, page):
    client.force_login(member)
    response = _post(client, page, "Hello", language="xx")
    assert response.status_code == 400
    assert "Choose one of the languages offered." in response.content.decode()
    assert not XtdComment.objects.exists()


def test_comment_form_preselects_the_interface_language(client, member, page):
    client.force_login(member)
    html = client.get("/fr" + page.url).content.decode()
    assert '<label for="id_comment_language">' in html
    assert '<option value="fr" lang="fr" selected>' in html


def test_comment_in_another_language_has_lang_attribute_and_visible_label(client, page):
    written = comment(page, text="Nous l’avons essayé à Dakar.")
    CommentLanguage.objects.create(comment=written, language="fr")
    html = client.get(page.url).content.decode()
    assert '<div class="prose comment__body" lang="fr">' in html
    assert 'data-comment-language="fr">Written in French</span>' in html


def test_comment_in_the_page_language_is_not_labelled(client, page):
    written = comment(page, text="We tried it in Manila.")
    CommentLanguage.objects.create(comment=written, language="en")
    html = client.get(page.url).content.decode()
    assert '<div class="prose comment__body" lang="en">' in html
    assert "data-comment-language" not in html


def test_comment_older_than_the_field_renders_without_a_language(client, page):
    comment(page, text="A comment from before languages were recorded.")
    html = client.get(page.url).content.decode()
    assert '<div class="prose comment__body">' in html
    assert "A comment from before languages were recorded." in html
