import factory
from django.utils.text import slugify

from community.models import Group, Membership
from inventory.models import GFMDMeeting, InventoryItem, Recommendation
from taxonomy.models import Country, Region, Sector, Theme


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Sector {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


def country(code: str) -> Country:
    """Countries are loaded by a data migration: look them up, never create them."""
    return Country.objects.select_related("region", "subregion", "intermediate_region").get(
        code=code
    )


def region(code: str) -> Region:
    return Region.objects.get(code=code)


class InventoryItemFactory(factory.django.DjangoModelFactory):
    """A published inventory item. Pass ``themes=[…]``, ``target_countries=[…]`` etc."""

    class Meta:
        model = InventoryItem
        skip_postgeneration_save = True

    external_id = factory.Sequence(lambda n: f"inv-{n}")
    title = factory.Sequence(lambda n: f"Training activity {n}")
    kind = InventoryItem.Kind.COURSE
    status = InventoryItem.Status.EXISTING
    live = True
    summary = ""
    description = ""
    languages = factory.LazyFunction(lambda: ["en"])

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)
            self.save()

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(extracted)
            self.save()

    @factory.post_generation
    def target_countries(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_countries.set(extracted)
            self.save()

    @factory.post_generation
    def target_regions(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_regions.set(extracted)
            self.save()


class GFMDMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GFMDMeeting
        django_get_or_create = ("year",)

    year = 2019
    host = "Ecuador"


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation
        skip_postgeneration_save = True

    external_id = factory.Sequence(lambda n: f"rec-{n}")
    meeting = factory.SubFactory(GFMDMeetingFactory)
    title = factory.Sequence(lambda n: f"Recommendation {n}")
    text = "Governments should work together."
    live = True

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)
            self.save()

    @factory.post_generation
    def inventory_items(self, create, extracted, **kwargs):
        if create and extracted:
            self.inventory_items.set(extracted)
            self.save()


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    name = factory.Sequence(lambda n: f"Working group {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Group.Kind.WORKING_GROUP
    privacy = Group.Privacy.PUBLIC
    description = ""


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    group = factory.SubFactory(GroupFactory)
    role = Membership.Role.MEMBER


def remittances_neighbourhood() -> dict:
    """The surroundings of "something about remittances in the Philippines": a
    remittance-related inventory item and recommendation, and unrelated (climate) ones.
    Call it inside ``django_capture_on_commit_callbacks(execute=True)`` so each is indexed."""
    remittances = ThemeFactory(name="Remittances")
    climate = ThemeFactory(name="Climate and mobility")
    return {
        "remittances": remittances,
        "climate": climate,
        "related_item": InventoryItemFactory(
            title="Remittance-linked microfinance in Manila",
            description="Remittances as collateral for small loans to families.",
            themes=[remittances],
            target_countries=[country("PH")],
        ),
        "unrelated_item": InventoryItemFactory(
            title="Glacier retreat and pastoral mobility",
            description="Herders adapting to climate change in the Andes.",
            themes=[climate],
            target_countries=[country("PE")],
        ),
        "remittance_rec": RecommendationFactory(
            title="Lower the cost of remittances",
            text="Reduce remittance transfer costs and support savings products for migrants.",
            themes=[remittances],
        ),
        "unrelated_rec": RecommendationFactory(
            title="Plan for climate displacement",
            text="Integrate human mobility into national adaptation plans.",
            themes=[climate],
        ),
    }
