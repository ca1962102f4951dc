"""Practices replicated in a region: adaptations found by where they happened."""

import pytest
from django.urls import reverse

from taxonomy.models import Country
from tests.casestudies.factories import CaseStudyPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lineage():
    original = CaseStudyPageFactory(
        title="Orientation in Manila", countries=[Country.objects.get(code="PH")]
    )
    in_asia = CaseStudyPageFactory(
        title="Orientation in Jakarta", countries=[Country.objects.get(code="ID")]
    )
    in_asia.adapted_from = original
    in_asia.adaptation_note = "Delivered online for remote islands."
    in_asia.save_revision().publish()
    in_africa = CaseStudyPageFactory(
        title="Orientation in Nairobi", countries=[Country.objects.get(code="KE")]
    )
    in_africa.adapted_from = original
    in_africa.save_revision().publish()
    return original, in_asia, in_africa


def test_replications_list_shows_original_and_what_changed(client, lineage):
    body = client.get(reverse("outcomes:replications")).content.decode()
    assert "Orientation in Jakarta" in body
    assert "Orientation in Nairobi" in body
    assert "Delivered online for remote islands." in body
    assert "Orientation in Manila" in body


def test_replications_filtered_by_region_of_the_adaptation(client, lineage):
    body = client.get(reverse("outcomes:replications"), {"region": "035"}).content.decode()
    assert "Orientation in Jakarta" in body
    assert "Orientation in Nairobi" not in body


def test_unknown_region_answers_400(client, lineage):
    assert client.get(reverse("outcomes:replications"), {"region": "999"}).status_code == 400


def test_case_study_page_lists_where_it_was_replicated(client, lineage):
    original, *_ = lineage
    body = client.get(original.url).content.decode()
    assert "Where it has been replicated" in body
    assert "Kenya" in body


def test_unpublished_adaptations_are_not_listed(client, lineage):
    _original, in_asia, _ = lineage
    in_asia.unpublish()
    body = client.get(reverse("outcomes:replications")).content.decode()
    assert "Orientation in Jakarta" not in body
