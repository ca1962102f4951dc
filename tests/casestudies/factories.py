"""Factories for case-study pages, taxonomy and comments.

Pages are created under the real index (``case_study_index_ensure``) and published
with a revision, as an editor would, so that first/last published dates are set.
"""

from __future__ import annotations

import io

import factory
import wagtail_factories
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from PIL import Image as PILImage
from wagtail.images.models import Image

from casestudies.models import CaseStudyPage, TestimonyPage, TourStop, VirtualTourPage
from casestudies.services import case_study_index_ensure
from taxonomy.models import Country, Organisation, Sector, Theme
from tests.community.factories import UserFactory


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Sector {n}")
    slug = factory.Sequence(lambda n: f"sector-{n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")


def country(code: str) -> Country:
    """Countries come from the data migration (all 249, with their M49 regions)."""
    return Country.objects.get(code=code)


def image(colour: str = "#2E7D9A", title: str = "Test image") -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 36), colour).save(buffer, format="PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name="test.png"))


def indicator(name: str = "Workers oriented", **values) -> dict:
    value = {
        "name": name,
        "baseline": None,
        "target": None,
        "achieved": None,
        "unit": "",
        "source": "",
        "year": None,
    }
    value.update(values)
    return {"type": "indicator", "value": value}


def _set_m2m(page, field: str, create: bool, values) -> None:
    if not (create and values):
        return
    getattr(page, field).set(values)
    if page.live:
        page.save_revision().publish()
    else:
        page.save()


class _PublishedPageFactory(wagtail_factories.PageFactory):
    class Meta:
        abstract = True
        skip_postgeneration_save = True

    parent = factory.LazyFunction(case_study_index_ensure)

    @classmethod
    def _create(cls, model_class, *args, publish=True, **kwargs):
        instance = super()._create(model_class, *args, **kwargs)
        if publish:
            instance.save_revision().publish()
            instance.refresh_from_db()
        else:
            model_class.objects.filter(pk=instance.pk).update(live=False)
            instance.refresh_from_db()
        return instance


class CaseStudyPageFactory(_PublishedPageFactory):
    class Meta:
        model = CaseStudyPage

    title = factory.Sequence(lambda n: f"Case study {n}")
    slug = factory.Sequence(lambda n: f"case-study-{n}")
    summary = "A practice described so that others can replicate it."
    period_start = 2015
    challenge = "<p>The challenge.</p>"
    approach = "<p>The approach.</p>"
    conditions_for_transfer = "<p>Works where workers are registered before departure.</p>"

    @factory.post_generation
    def countries(self, create, extracted, **kwargs):
        _set_m2m(self, "countries", create, extracted)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        _set_m2m(self, "themes", create, extracted)

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        _set_m2m(self, "sectors", create, extracted)

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        _set_m2m(self, "organisations", create, extracted)


class TestimonyFactory(_PublishedPageFactory):
    class Meta:
        model = TestimonyPage

    title = factory.Sequence(lambda n: f"Testimony {n}")
    slug = factory.Sequence(lambda n: f"testimony-{n}")
    speaker_role = "Community health worker"
    consent_recorded = True
    quote = "Orientation changed how I prepared."
    transcript = "I attended the seminar before leaving. It changed how I prepared."


class VirtualTourPageFactory(_PublishedPageFactory):
    class Meta:
        model = VirtualTourPage

    title = factory.Sequence(lambda n: f"Tour {n}")
    slug = factory.Sequence(lambda n: f"tour-{n}")
    intro = "Follow the path of a departing worker."


def tour_stop(page: VirtualTourPage, **kwargs) -> TourStop:
    defaults = {
        "title": "A stop",
        "caption": "Caption",
        "transcript": "The narrator describes the place.",
    }
    defaults.update(kwargs)
    stop = TourStop.objects.create(page=page, **defaults)
    return stop


def comment(page: CaseStudyPage, *, user=None, text: str = "Useful case.", parent=None, **extra):
    """A comment as the service would store it, bypassing its checks (for fixtures)."""
    user = user or UserFactory()
    values = {
        "content_type": ContentType.objects.get_for_model(CaseStudyPage),
        "object_pk": str(page.pk),
        "site_id": 1,
        "user": user,
        "user_name": user.display_name[:50],
        "user_email": user.email,
        "comment": text,
        "submit_date": timezone.now(),
        "is_public": True,
        "is_removed": False,
        "parent_id": parent.pk if parent else 0,
    }
    values.update(extra)
    obj = XtdComment(**values)
    obj.save()
    return obj
