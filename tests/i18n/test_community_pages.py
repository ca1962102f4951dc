"""The forums, the needs board, the evidence dashboard, certificates and search read in
French and Spanish: each page shows its own words translated, and the English words of
its interface are gone (content written in English may stay English)."""

import pytest
from django.urls import reverse

from outcomes import services as outcomes_services
from tests.forums.factories import TopicFactory
from tests.outcomes.factories import NeedFactory, cohort

from .test_pages import localised

pytestmark = pytest.mark.django_db

LANGUAGES = ("fr", "es")


def assert_reads_in(language: str, html: str, phrases: dict[str, dict[str, str]], path: str):
    assert f'<html lang="{language}"' in html, path
    for english, translations in phrases.items():
        assert translations[language] in html, (path, english)
        assert english not in html, (path, english)


@pytest.mark.parametrize("language", LANGUAGES)
def test_forum_pages_read_in_each_language(client, member, language):
    topic = TopicFactory(title="Seasonal schemes", first_post="Who runs pastoral care?")
    client.force_login(member)
    pages = {
        reverse("forums:index"): {
            "Open to everyone": {"fr": "Ouvert à tous", "es": "Abierto a todos"},
            "Live rooms": {"fr": "Salons en direct", "es": "Salas en directo"},
        },
        topic.category.get_absolute_url(): {
            "Start a topic": {"fr": "Lancer un sujet", "es": "Abrir un tema"},
            "Last activity": {"fr": "Dernière activité", "es": "Última actividad"},
        },
        topic.get_absolute_url(): {
            "Watch this topic": {"fr": "Suivre ce sujet", "es": "Seguir este tema"},
            "Reading now: %s": {"fr": "En train de lire : %s", "es": "Leyendo ahora: %s"},
        },
        reverse("forums:room_list"): {
            "No live rooms yet.": {
                "fr": "Aucun salon en direct pour l'instant.",
                "es": "Todavía no hay salas en directo.",
            },
        },
    }
    for path, phrases in pages.items():
        response = client.get(localised(path, language))
        assert response.status_code == 200, path
        assert_reads_in(language, response.content.decode(), phrases, path)


@pytest.mark.parametrize("language", LANGUAGES)
def test_needs_board_reads_in_each_language(client, editor, language):
    need = NeedFactory(title="Fair recruitment for labour attachés")
    client.force_login(editor)
    pages = {
        reverse("outcomes:need_list"): {
            "Post a need": {"fr": "Publier un besoin", "es": "Publicar una necesidad"},
            "endorsement": {"fr": "0 appui", "es": "0 respaldos"},
        },
        need.get_absolute_url(): {
            "I have this need too": {"fr": "J'ai aussi ce besoin", "es": "Yo también"},
            "What could answer it": {
                "fr": "Ce qui pourrait y répondre",
                "es": "Qué podría responder a ella",
            },
        },
        reverse("outcomes:gap_map"): {
            "Gap map: needs without training": {
                "fr": "Carte des lacunes : besoins sans formation",
                "es": "Mapa de brechas: necesidades sin formación",
            },
        },
    }
    for path, phrases in pages.items():
        response = client.get(localised(path, language))
        assert response.status_code == 200, path
        assert_reads_in(language, response.content.decode(), phrases, path)


@pytest.mark.parametrize(
    ("language", "topic_closed", "need_closed"),
    [("fr", "Clos", "Clôturé"), ("es", "Cerrado", "Cerrada")],
)
def test_closed_agrees_with_a_topic_and_with_a_need(
    client, editor, language, topic_closed, need_closed
):
    """One English "Closed", two words: a topic is masculine and a need feminine in
    Spanish, so each use carries its own context."""
    topic = TopicFactory(title="Seasonal schemes", first_post="Who runs pastoral care?")
    topic.closed = True
    topic.save(update_fields=["closed"])
    need = NeedFactory(title="Fair recruitment for labour attachés", status="closed")
    client.force_login(editor)
    for path, shown in (
        (
            topic.get_absolute_url(),
            f'<span class="tag" data-topic-tag="closed">{topic_closed}</span>',
        ),
        (topic.category.get_absolute_url(), f'<span class="tag">{topic_closed}</span>'),
        (need.get_absolute_url(), f"<dd>{need_closed}</dd>"),
    ):
        response = client.get(localised(path, language))
        assert response.status_code == 200, path
        html = response.content.decode()
        assert shown in html, path
        assert ">Closed<" not in html, path


@pytest.mark.parametrize("language", LANGUAGES)
def test_dashboard_and_certificate_read_in_each_language(client, editor, language):
    group, organiser, _members = cohort(alumni=2)
    certificate = outcomes_services.certificates_issue_for_cohort(group=group, by=organiser)[0]
    client.force_login(editor)
    pages = {
        reverse("outcomes:dashboard"): {
            "Evidence dashboard": {
                "fr": "Tableau de bord des données probantes",
                "es": "Panel de evidencia",
            },
        },
        reverse("outcomes:certificate_detail", args=[certificate.uuid]): {
            "Awarded to": {"fr": "Décerné à", "es": "Otorgado a"},
            "Verify a credential": {"fr": "Vérifier une attestation", "es": "Verificar una"},
            "Revoke this certificate": {"fr": "Révoquer ce certificat", "es": "Revocar este"},
        },
        reverse("outcomes:verify"): {
            "Verify a certificate": {"fr": "Vérifier un certificat", "es": "Verificar un"},
        },
    }
    for path, phrases in pages.items():
        response = client.get(localised(path, language))
        assert response.status_code == 200, path
        assert_reads_in(language, response.content.decode(), phrases, path)


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_page_with_a_query_reads_in_each_language(client, language):
    TopicFactory(title="Remittance costs in rural areas")
    response = client.get(localised("/search/?q=remittance", language))
    assert response.status_code == 200
    phrases = {
        "Sort by": {"fr": "Trier par", "es": "Ordenar por"},
        "Search cases, training, recommendations, discussions and groups": {
            "fr": "Rechercher",
            "es": "Buscar",
        },
    }
    assert_reads_in(language, response.content.decode(), phrases, "/search/")
