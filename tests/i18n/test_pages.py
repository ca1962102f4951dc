"""Every main page renders in English, French and Spanish, with its navigation and its
own words translated (not only the <html lang>)."""

import pytest

from tests.casestudies.factories import CaseStudyPageFactory, VirtualTourPageFactory, tour_stop
from tests.community.factories import GroupFactory
from tests.inventory.factories import RecommendationFactory

from .factories import InventoryItemFactory

pytestmark = pytest.mark.django_db

NAV = {"en": "Case studies", "fr": "Études de cas", "es": "Estudios de caso"}

# A phrase of each page's own, in each language.
PAGES = {
    "home": (
        "/",
        {"en": "Active discussions", "fr": "Discussions actives", "es": "Conversaciones activas"},
    ),
    "case studies": (
        "/case-studies/",
        {"en": "Apply filters", "fr": "Appliquer les filtres", "es": "Aplicar los filtros"},
    ),
    "inventory": ("/inventory/", {"en": "Delivery mode", "fr": "Modalité", "es": "Modalidad"}),
    "recommendations": (
        "/recommendations/",
        {"en": "Any meeting", "fr": "Toutes les réunions", "es": "Cualquier reunión"},
    ),
    "search": (
        "/search/",
        {"en": "Search and browse", "fr": "Rechercher et parcourir", "es": "Buscar y explorar"},
    ),
    "groups": (
        "/groups/",
        {"en": "Filter groups", "fr": "Filtrer les groupes", "es": "Filtrar los grupos"},
    ),
    "members": (
        "/members/",
        {"en": "Member directory", "fr": "Annuaire des membres", "es": "Directorio de miembros"},
    ),
}


def localised(path: str, language: str) -> str:
    return path if language == "en" else f"/{language}{path}"


@pytest.mark.parametrize("language", ["en", "fr", "es"])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_main_page_renders_in_each_language(client, page, language):
    path, phrases = PAGES[page]
    response = client.get(localised(path, language))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert NAV[language] in html
    assert phrases[language] in html


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_detail_pages_render_in_each_language(client, language):
    case = CaseStudyPageFactory(title="Pre-departure orientation")
    tour = VirtualTourPageFactory()
    tour_stop(tour)
    item = InventoryItemFactory(title="Recruitment training")
    recommendation = RecommendationFactory()
    group = GroupFactory(name="Alumni 2024")
    expectations = {
        case.url: {"en": "The challenge", "fr": "Le défi", "es": "El desafío"},
        tour.url: {"en": "Start the tour", "fr": "Commencer la visite", "es": "Comenzar la visita"},
        item.get_absolute_url(): {
            "en": "What can be replicated",
            "fr": "Ce qui peut être reproduit",
            "es": "Qué puede replicarse",
        },
        recommendation.get_absolute_url(): {
            "en": "Follow-up status:",
            "fr": "État du suivi :",
            "es": "Estado del seguimiento:",
        },
        f"/groups/{group.slug}/": {
            "en": "Recent activity",
            "fr": "Activité récente",
            "es": "Actividad reciente",
        },
    }
    for path, phrases in expectations.items():
        response = client.get(localised(path, language))
        assert response.status_code == 200, path
        html = response.content.decode()
        assert NAV[language] in html, path
        assert phrases[language] in html, path


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_sign_up_and_log_in_pages_render_in_each_language(client, language):
    for path in ("/accounts/signup/", "/accounts/login/"):
        response = client.get(localised(path, language))
        assert response.status_code == 200, path
        html = response.content.decode()
        assert f'<html lang="{language}"' in html, path
        assert NAV[language] in html, path


def test_a_form_error_is_shown_in_french(client):
    response = client.get("/fr/inventory/", {"country": "XX"})
    assert response.status_code == 400
    assert "Code de pays inconnu" in response.content.decode()
