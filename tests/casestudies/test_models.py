"""Page models: where they can be created, the admin forms, and their invariants."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from casestudies.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    TestimonyPage,
    TourStop,
    VirtualTourPage,
)
from casestudies.services import case_study_index_ensure
from core.models import HomePage
from tests.casestudies.factories import CaseStudyPageFactory, TestimonyFactory, country
from tests.community.factories import UserFactory


class CaseStudyPageModelTests(WagtailPageTestCase):
    def setUp(self):
        self.index = case_study_index_ensure()
        self.client.force_login(UserFactory(is_staff=True, is_superuser=True))

    def test_index_lives_only_under_the_home_page(self):
        self.assertAllowedParentPageTypes(CaseStudyIndexPage, {HomePage})
        self.assertCanCreateAt(HomePage, CaseStudyIndexPage)
        # ...but only once per site (max_count = 1): the migration already made it.
        assert not CaseStudyIndexPage.can_create_at(
            HomePage.objects.get(locale__language_code="en")
        )

    def test_index_accepts_case_studies_testimonies_and_tours_only(self):
        self.assertAllowedSubpageTypes(
            CaseStudyIndexPage, {CaseStudyPage, TestimonyPage, VirtualTourPage}
        )

    def test_case_study_pages_cannot_have_children(self):
        for model in (CaseStudyPage, TestimonyPage, VirtualTourPage):
            self.assertAllowedSubpageTypes(model, set())
            self.assertCanNotCreateAt(Page, model)

    def test_editor_can_create_a_case_study_with_indicators_through_the_admin(self):
        philippines = country("PH")
        data = nested_form_data(
            {
                "title": "Pre-departure orientation",
                "slug": "pdos",
                "summary": "Orientation before departure.",
                "period_start": 1995,
                "cost_range": "over_1m",
                "results": streamfield(
                    [
                        (
                            "indicator",
                            {
                                "name": "Workers oriented",
                                "baseline": "0",
                                "target": "100",
                                "achieved": "95",
                                "unit": "%",
                                "source": "OWWA",
                                "year": "2023",
                            },
                        )
                    ]
                ),
                "resources": streamfield([]),
                "media": streamfield([]),
            }
        )
        data["countries"] = [philippines.pk]
        self.assertCanCreate(self.index, CaseStudyPage, data)
        page = CaseStudyPage.objects.get(slug="pdos")
        assert page.live
        assert list(page.countries.all()) == [philippines]
        assert page.results[0].value["achieved"] == 95

    def test_editor_can_create_a_testimony_through_the_admin(self):
        self.assertCanCreate(
            self.index,
            TestimonyPage,
            nested_form_data(
                {
                    "title": "What I wish I had known",
                    "speaker_role": "First-time worker",
                    "consent_recorded": True,
                    "quote": "The seminar explained my contract line by line.",
                    "transcript": "I attended two days before my flight.",
                }
            ),
        )

    def test_editor_can_create_a_tour_with_stops_through_the_admin(self):
        self.assertCanCreate(
            self.index,
            VirtualTourPage,
            nested_form_data(
                {
                    "title": "From job offer to boarding gate",
                    "intro": "The path of a departing worker.",
                    "stops": inline_formset(
                        [
                            {
                                "title": "Checking the offer",
                                "caption": "Online",
                                "image_alt": "",
                                "latitude": "",
                                "longitude": "",
                                "transcript": "Our tour begins on a phone.",
                            },
                            {
                                "title": "The department",
                                "caption": "Processing",
                                "image_alt": "",
                                "latitude": "14.588",
                                "longitude": "121.057",
                                "transcript": "Contracts are verified here.",
                            },
                        ]
                    ),
                }
            ),
        )
        tour = VirtualTourPage.objects.get(slug="from-job-offer-to-boarding-gate")
        assert [s.title for s in tour.stops.all()] == ["Checking the offer", "The department"]

    def test_admin_refuses_a_testimony_without_consent_or_transcript(self):
        response = self.client.post(
            f"/admin/pages/add/casestudies/testimonypage/{self.index.pk}/",
            nested_form_data(
                {
                    "title": "No consent",
                    "slug": "no-consent",
                    "speaker_role": "Worker",
                    "quote": "A quote.",
                    "transcript": "",
                    "action-publish": "action-publish",
                }
            ),
        )
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert "consent_recorded" in errors
        assert "transcript" in errors
        assert not TestimonyPage.objects.filter(slug="no-consent").exists()


pytestmark = pytest.mark.django_db


def test_testimony_without_consent_cannot_be_saved(index):
    page = TestimonyPage(
        title="T",
        slug="t",
        speaker_role="Worker",
        quote="Q",
        transcript="Text",
        consent_recorded=False,
    )
    with pytest.raises(ValidationError) as excinfo:
        index.add_child(instance=page)
    assert "consent_recorded" in excinfo.value.message_dict


def test_testimony_without_transcript_cannot_be_saved(index):
    page = TestimonyPage(
        title="T",
        slug="t",
        speaker_role="Worker",
        quote="Q",
        transcript="  ",
        consent_recorded=True,
    )
    with pytest.raises(ValidationError) as excinfo:
        index.add_child(instance=page)
    assert "transcript" in excinfo.value.message_dict


def test_testimony_with_recording_must_say_whether_video_or_audio(index):
    page = TestimonyFactory.build(media_url="https://example.org/a.mp4", media_kind="")
    with pytest.raises(ValidationError) as excinfo:
        page.full_clean(exclude=["path", "depth", "url_path"])
    assert "media_kind" in excinfo.value.message_dict


def test_case_study_period_cannot_end_before_it_starts(index):
    page = CaseStudyPageFactory.build(period_start=2020, period_end=2010)
    with pytest.raises(ValidationError) as excinfo:
        page.full_clean(exclude=["path", "depth", "url_path"])
    assert "period_end" in excinfo.value.message_dict


def test_tour_stop_needs_both_coordinates_or_neither(index):
    stop = TourStop(title="Stop", transcript="Text", latitude=14.5)
    with pytest.raises(ValidationError) as excinfo:
        stop.clean()
    assert "longitude" in excinfo.value.message_dict


def test_case_study_period_label_shows_ongoing_practices(index):
    assert CaseStudyPageFactory.build(period_start=1995, period_end=None).period_label == (
        "1995–ongoing"
    )
    assert CaseStudyPageFactory.build(period_start=2008, period_end=2012).period_label == (
        "2008–2012"
    )


def test_editorial_links_use_the_related_names_the_inventory_shows(index):
    page = CaseStudyPageFactory()
    assert CaseStudyPage._meta.get_field("inventory_items").remote_field.related_name == (
        "case_studies"
    )
    assert CaseStudyPage._meta.get_field("recommendations").remote_field.related_name == (
        "case_studies"
    )
    adaptation = CaseStudyPageFactory(adapted_from=page, adaptation_note="Shorter modules.")
    assert list(page.adaptations.all()) == [adaptation]
