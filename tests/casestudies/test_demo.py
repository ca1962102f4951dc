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


def test_seed_demo_publishes_french_and_spanish_case_studies(client):
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    for language in ("fr", "es"):
        translated = CaseStudyPage.objects.live().filter(locale__language_code=language)
        assert translated.count() >= 3
    html = client.get("/fr/case-studies/mx-3x1-migrants/").content.decode()
    assert "Mexique : le Programme 3x1 pour les migrants" in html
    html = client.get("/es/case-studies/mx-3x1-migrants/").content.decode()
    assert "México: el Programa 3x1 para Migrantes" in html
    # The originals keep their titles (a relevance set refers to them).
    assert CaseStudyPage.objects.get(slug="mx-3x1-migrants", locale__language_code="en").title == (
        "Mexico: the 3x1 Programme for Migrants"
    )


def test_seed_demo_threads_comments_under_case_studies(client):
    from django_comments_xtd.models import XtdComment

    call_command("seed_demo", stdout=io.StringIO())
    count = XtdComment.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert XtdComment.objects.count() == count >= 6
    assert XtdComment.objects.filter(level=2).exists()  # a reply to a reply
    html = client.get("/case-studies/mx-3x1-migrants/").content.decode()
    assert "Staggering over two budget years" in html


def test_seed_demo_gives_each_testimony_an_illustrative_portrait(client):
    call_command("seed_demo", stdout=io.StringIO())
    testimonies = TestimonyPage.objects.live()
    assert testimonies.exists()
    assert not testimonies.filter(portrait__isnull=True).exists()
    assert not testimonies.filter(portrait_illustrative=False).exists()
    html = client.get(testimonies.first().url).content.decode()
    assert "Illustration, not a photograph of the speaker." in html
    assert 'alt="A plain silhouette standing in for the speaker."' in html
