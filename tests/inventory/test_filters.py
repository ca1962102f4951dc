"""Every filter of the inventory query, through the selector the page, export and API share."""

import datetime as dt

import pytest

from inventory.regions import RegionTree
from inventory.selectors import item_filter, match_reasons

from .factories import AudienceFactory, InventoryItemFactory, SectorFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def ids(params):
    filterset = item_filter(params=params)
    assert filterset.is_valid(), filterset.errors
    return set(filterset.qs.values_list("external_id", flat=True))


def test_country_filter_matches_items_targeting_the_country_directly(philippines, france):
    InventoryItemFactory(external_id="direct", target_countries=[philippines])
    InventoryItemFactory(external_id="elsewhere", target_countries=[france])
    assert ids({"country": "PH"}) == {"direct"}


def test_country_filter_matches_items_targeting_a_region_that_contains_the_country(
    philippines, south_eastern_asia, asia
):
    InventoryItemFactory(external_id="subregion", target_regions=[south_eastern_asia])
    InventoryItemFactory(external_id="continent", target_regions=[asia])
    InventoryItemFactory(external_id="untargeted")
    assert ids({"country": "PH"}) == {"subregion", "continent"}


def test_country_filter_matches_worldwide_items_but_not_other_regions(world, philippines):
    from taxonomy.models import Region

    InventoryItemFactory(external_id="global", target_regions=[world])
    InventoryItemFactory(external_id="europe", target_regions=[Region.objects.get(code="150")])
    assert ids({"country": "PH"}) == {"global"}


def test_region_filter_matches_sub_regions_countries_inside_and_enclosing_regions(
    asia, south_eastern_asia, philippines, france, world
):
    InventoryItemFactory(external_id="asia", target_regions=[asia])
    InventoryItemFactory(external_id="sea", target_regions=[south_eastern_asia])
    InventoryItemFactory(external_id="ph", target_countries=[philippines])
    InventoryItemFactory(external_id="global", target_regions=[world])
    InventoryItemFactory(external_id="fr", target_countries=[france])
    assert ids({"region": "142"}) == {"asia", "sea", "ph", "global"}
    assert ids({"region": "035"}) == {"asia", "sea", "ph", "global"}
    assert ids({"region": "001"}) == {"global"}


def test_region_filter_does_not_match_a_sibling_sub_region(asia):
    from taxonomy.models import Region

    InventoryItemFactory(external_id="south-asia", target_regions=[Region.objects.get(code="034")])
    assert ids({"region": "035"}) == set()


def test_taxonomy_filters_match_any_of_the_chosen_values():
    labour, remittances, other = ThemeFactory.create_batch(3)
    InventoryItemFactory(external_id="a", themes=[labour])
    InventoryItemFactory(external_id="b", themes=[remittances, other])
    InventoryItemFactory(external_id="c", themes=[other])
    assert ids({"theme": [labour.slug, remittances.slug]}) == {"a", "b"}


def test_sector_and_audience_filters_combine_with_and():
    health = SectorFactory()
    local = AudienceFactory()
    InventoryItemFactory(external_id="both", sectors=[health], audiences=[local])
    InventoryItemFactory(external_id="sector-only", sectors=[health])
    assert ids({"sector": health.slug, "audience": local.slug}) == {"both"}


def test_kind_status_and_delivery_mode_filters():
    InventoryItemFactory(
        external_id="course", kind="course", status="planned", delivery_mode="blended"
    )
    InventoryItemFactory(external_id="tool", kind="tool", status="existing", delivery_mode="online")
    assert ids({"kind": "course"}) == {"course"}
    assert ids({"kind": ["course", "tool"]}) == {"course", "tool"}
    assert ids({"status": "planned"}) == {"course"}
    assert ids({"delivery_mode": "online"}) == {"tool"}


def test_language_filter_matches_items_offered_in_that_language():
    InventoryItemFactory(external_id="fr", languages=["en", "fr"])
    InventoryItemFactory(external_id="en", languages=["en"])
    InventoryItemFactory(external_id="fra", languages=["fra"])
    assert ids({"language": "fr"}) == {"fr"}
    assert ids({"language": "FR"}) == {"fr"}


def test_date_range_filter_keeps_items_whose_dates_overlap_the_range():
    InventoryItemFactory(
        external_id="2024", start_date=dt.date(2024, 3, 1), end_date=dt.date(2024, 6, 30)
    )
    InventoryItemFactory(external_id="2026", start_date=dt.date(2026, 1, 10), end_date=None)
    InventoryItemFactory(external_id="cohort-2025", cohort_year=2025)
    InventoryItemFactory(external_id="undated")
    assert ids({"date_from": "2024-06-01", "date_to": "2024-12-31"}) == {"2024"}
    assert ids({"date_from": "2025-01-01"}) == {"2026", "cohort-2025"}
    assert ids({"date_to": "2025-06-30"}) == {"2024", "cohort-2025"}


def test_certification_filter():
    InventoryItemFactory(external_id="certified", certification=True)
    InventoryItemFactory(external_id="plain", certification=False)
    assert ids({"certification": "true"}) == {"certified"}
    assert ids({"certification": "false"}) == {"plain"}


def test_replicable_in_needs_replicable_parts_and_a_target_covering_the_country(
    philippines, south_eastern_asia, world, france
):
    InventoryItemFactory(
        external_id="notes", replication_notes="Reusable.", target_regions=[south_eastern_asia]
    )
    InventoryItemFactory(
        external_id="components", replicable_components=["module 1"], target_regions=[world]
    )
    InventoryItemFactory(external_id="nothing-to-replicate", target_countries=[philippines])
    InventoryItemFactory(
        external_id="wrong-place", replication_notes="Reusable.", target_countries=[france]
    )
    assert ids({"replicable_in": "PH"}) == {"notes", "components"}


def test_keyword_filter_needs_every_word():
    InventoryItemFactory(
        external_id="a", title="Pre-departure orientation", description="for seafarers"
    )
    InventoryItemFactory(
        external_id="b", title="Pre-departure orientation", description="for nurses"
    )
    assert ids({"q": "orientation seafarers"}) == {"a"}


def test_draft_items_are_never_listed():
    InventoryItemFactory(external_id="draft", live=False)
    InventoryItemFactory(external_id="live")
    assert ids({}) == {"live"}


def test_results_are_not_repeated_when_several_targets_match(philippines, south_eastern_asia, asia):
    InventoryItemFactory(
        external_id="many",
        target_countries=[philippines],
        target_regions=[south_eastern_asia, asia],
    )
    filterset = item_filter(params={"country": "PH", "region": "142"})
    assert filterset.is_valid()
    assert filterset.qs.count() == 1


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"country": "XX"}, "country"),
        ({"region": "999"}, "region"),
        ({"theme": "no-such-theme"}, "theme"),
        ({"kind": "seminar"}, "kind"),
        ({"date_from": "2024-13-01"}, "date_from"),
        ({"language": "French"}, "language"),
        ({"certification": "maybe"}, "certification"),
        ({"replicable_in": "ZZ"}, "replicable_in"),
    ],
)
def test_unknown_filter_values_are_reported_on_their_field(params, field):
    filterset = item_filter(params=params)
    assert not filterset.is_valid()
    assert list(filterset.errors) == [field]


def test_reasons_say_which_region_brought_the_country_in(philippines, south_eastern_asia):
    item = InventoryItemFactory(target_regions=[south_eastern_asia], certification=True)
    filterset = item_filter(params={"country": "PH", "certification": "true"})
    assert filterset.is_valid()
    [found] = filterset.qs
    reasons = match_reasons(
        item=found, criteria=filterset.form.cleaned_data, tree=RegionTree.load()
    )
    assert reasons == [
        "Targets South-eastern Asia, which includes Philippines.",
        "Offers certification.",
    ]
    assert found == item


def test_reasons_for_a_region_query_name_the_country_inside_it(philippines, south_eastern_asia):
    InventoryItemFactory(target_countries=[philippines])
    filterset = item_filter(params={"region": "035"})
    assert filterset.is_valid()
    [found] = filterset.qs
    assert match_reasons(
        item=found, criteria=filterset.form.cleaned_data, tree=RegionTree.load()
    ) == ["Targets Philippines, in South-eastern Asia."]
