import factory
from django.conf import settings
from wagtail.models import Locale

from inventory.models import GFMDMeeting, InventoryItem, Recommendation
from taxonomy.models import Audience, Organisation, Sector, Theme


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"theme-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())


class SectorFactory(ThemeFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"sector-{n}")


class AudienceFactory(ThemeFactory):
    class Meta:
        model = Audience
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"audience-{n}")


class OrganisationFactory(ThemeFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"org-{n}")


def default_locale() -> Locale:
    """The default language's locale (a transactional test may have flushed it)."""
    return Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]


def _relation(name):
    """A post-generation hook taking a list of objects for a ParentalManyToManyField
    (modelcluster commits the list when the item is saved)."""

    def set_relation(obj, create, extracted, **kwargs):
        if create and extracted is not None:
            setattr(obj, name, list(extracted))
            obj.save()

    return factory.PostGeneration(set_relation)


class InventoryItemFactory(factory.django.DjangoModelFactory):
    """A published item: ``InventoryItemFactory(target_countries=[ph], themes=[t])``."""

    class Meta:
        model = InventoryItem
        skip_postgeneration_save = True

    external_id = factory.Sequence(lambda n: f"item-{n}")
    title = factory.Sequence(lambda n: f"Training activity {n}")
    kind = InventoryItem.Kind.TRAINING_ACTIVITY
    status = InventoryItem.Status.EXISTING
    delivery_mode = InventoryItem.DeliveryMode.ONLINE
    languages = factory.LazyFunction(lambda: ["en"])
    summary = "A short summary."
    live = True
    locale = factory.LazyFunction(default_locale)

    providers = _relation("providers")
    target_countries = _relation("target_countries")
    target_regions = _relation("target_regions")
    sectors = _relation("sectors")
    themes = _relation("themes")
    audiences = _relation("audiences")


class GFMDMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GFMDMeeting
        django_get_or_create = ("year",)

    year = 2019
    host = "Ecuador (Quito)"


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation
        skip_postgeneration_save = True

    external_id = factory.Sequence(lambda n: f"rec-{n}")
    title = factory.Sequence(lambda n: f"Recommendation {n}")
    text = "Governments should cooperate on skills recognition."
    meeting = factory.SubFactory(GFMDMeetingFactory)
    follow_up_status = Recommendation.FollowUp.IN_PROGRESS
    live = True
    locale = factory.LazyFunction(default_locale)

    themes = _relation("themes")
    inventory_items = _relation("inventory_items")
