"""The demo seeder loads real practices idempotently, with generated images."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from casestudies.models import CaseStudyPage, TestimonyPage, TourStop, VirtualTourPage

pytestmark = pytest.mark.django_db


def test_seed_demo_loads_case_studies_testimonies_and_tours_once(client):
    call_command("seed_demo", stdout=io.StringIO())
    counts = (
        CaseStudyPage.objects.live().count(),
        TestimonyPage.objects.live().count(),
        VirtualTourPage.objects.live().count(),
        TourStop.objects.count(),
    )
    call_command("seed_demo", stdout=io.StringIO())
    assert counts == (
        CaseStudyPage.objects.live().count(),
        TestimonyPage.objects.live().count(),
        VirtualTourPage.objects.live().count(),
        TourStop.objects.count(),
    )
    assert counts[0] >= 12
    assert counts[1] >= 6
    assert counts[2] >= 3
    assert not TourStop.objects.filter(image__isnull=True).exists()
    assert not TourStop.objects.filter(image_alt="").exists()
    assert not CaseStudyPage.objects.filter(hero_image__isnull=True).exists()

    adapted = CaseStudyPage.objects.get(slug="add-ciop-orientation")
    assert adapted.adapted_from.slug == "ph-pdos"
    html = client.get("/case-studies/ph-pdos/").content.decode()
    assert "Where it has been replicated" in html
    assert client.get("/case-studies/manila-departure-path/stops/1/").status_code == 200
