"""Related items: editors' choices first, then Elasticsearch (more_like_this boosted by
shared taxonomy) or, without a cluster, shared taxonomy — each with its reason."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from search.backends import get_search_backend

from .factories import (
    GroupFactory,
    InventoryItemFactory,
    RecommendationFactory,
    country,
    remittances_neighbourhood,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def remittances_in_the_philippines(django_capture_on_commit_callbacks):
    """The shape of "a case study about remittances in the Philippines": a source about
    remittances in the Philippines, remittance-related items and recommendations, and
    unrelated ones."""
    with django_capture_on_commit_callbacks(execute=True):
        around = remittances_neighbourhood()
        remittances = around["remittances"]
        source = InventoryItemFactory(
            title="Philippine remittance savings scheme",
            description="Channelling remittances from overseas Filipino workers into savings.",
            themes=[remittances],
            target_countries=[country("PH")],
        )
        regional_item = InventoryItemFactory(
            title="Digital remittance channels in Viet Nam",
            description="Mobile money for remittances.",
            themes=[remittances],
            target_countries=[country("VN")],
        )
    return {
        "source": source,
        "related_item": around["related_item"],
        "regional_item": regional_item,
        "unrelated_item": around["unrelated_item"],
        "remittance_rec": around["remittance_rec"],
        "unrelated_rec": around["unrelated_rec"],
    }


def _section(related, type_name):
    return next(s for s in related.sections if s.type == type_name)


def _ids(section):
    return [item.id for item in section.items]


def _assert_remittances_first(data, related):
    items = _section(related, "inventoryitem")
    recommendations = _section(related, "recommendation")
    item_ids = _ids(items)
    assert data["source"].pk not in item_ids
    assert item_ids[:2] == [data["related_item"].pk, data["regional_item"].pk]
    if data["unrelated_item"].pk in item_ids:
        assert item_ids.index(data["unrelated_item"].pk) > 1
    rec_ids = _ids(recommendations)
    assert rec_ids[0] == data["remittance_rec"].pk
    if data["unrelated_rec"].pk in rec_ids:
        assert rec_ids.index(data["unrelated_rec"].pk) > 0
    first = items.items[0]
    assert "Shared theme: Remittances" in first.reasons
    assert "Same country: Philippines" in first.reasons
    assert "Same region: South-eastern Asia" in items.items[1].reasons


@pytest.mark.search
def test_remittances_in_the_philippines_relate_to_remittance_items_first_on_elasticsearch(
    es, remittances_in_the_philippines
):
    related = get_search_backend().related(remittances_in_the_philippines["source"], viewer=None)

    assert related.backend == "elasticsearch"
    _assert_remittances_first(remittances_in_the_philippines, related)


def test_remittances_in_the_philippines_relate_to_remittance_items_first_on_the_database(
    db_backend, remittances_in_the_philippines
):
    related = get_search_backend().related(remittances_in_the_philippines["source"], viewer=None)

    assert related.backend == "database"
    _assert_remittances_first(remittances_in_the_philippines, related)


@pytest.mark.search
def test_a_recommendation_relates_to_remittance_items_first(es, remittances_in_the_philippines):
    data = remittances_in_the_philippines
    related = get_search_backend().related(data["remittance_rec"], viewer=None)

    item_ids = _ids(_section(related, "inventoryitem"))
    assert set(item_ids[:3]) == {
        data["source"].pk,
        data["related_item"].pk,
        data["regional_item"].pk,
    }
    assert data["remittance_rec"].pk not in _ids(_section(related, "recommendation"))


@pytest.mark.search
def test_editor_chosen_links_come_first_even_when_unrelated(
    es, remittances_in_the_philippines, django_capture_on_commit_callbacks
):
    data = remittances_in_the_philippines
    with django_capture_on_commit_callbacks(execute=True):
        data["unrelated_rec"].inventory_items.add(data["source"])
        data["unrelated_rec"].save()

    related = get_search_backend().related(data["source"], viewer=None)
    recommendations = _section(related, "recommendation").items

    assert recommendations[0].id == data["unrelated_rec"].pk
    assert recommendations[0].chosen is True
    assert recommendations[0].reasons == ["Chosen by the editors"]
    assert [r.id for r in recommendations].count(data["unrelated_rec"].pk) == 1


@pytest.mark.search
def test_unpublished_editor_links_are_not_shown(
    es, remittances_in_the_philippines, django_capture_on_commit_callbacks
):
    data = remittances_in_the_philippines
    draft = RecommendationFactory(title="Draft recommendation", live=False)
    draft.inventory_items.add(data["source"])
    draft.save()

    related = get_search_backend().related(data["source"], viewer=None)

    assert draft.pk not in _ids(_section(related, "recommendation"))


@pytest.mark.search
def test_related_items_never_include_private_group_content(
    es, group_content_type, remittances_in_the_philippines, member, other_member
):
    from community.models import Membership
    from search import indexing

    private = GroupFactory(name="Corridor peers", privacy="private", description="Remittances.")
    Membership.objects.create(group=private, user=member)
    indexing.rebuild("groupcontent")
    group_content_type.related_types = ("groupcontent",)
    try:
        source = remittances_in_the_philippines["source"]
        from search.registry import get_searchable

        get_searchable("inventoryitem").related_types = ("inventoryitem", "groupcontent")
        for_member = get_search_backend().related(source, viewer=member)
        for_other = get_search_backend().related(source, viewer=other_member)
    finally:
        get_searchable("inventoryitem").related_types = (
            "inventoryitem",
            "recommendation",
            "casestudy",
        )

    assert _ids(_section(for_member, "groupcontent")) == [private.pk]
    assert _ids(_section(for_other, "groupcontent")) == []


def test_related_items_tag_renders_sections_with_reasons(
    db_backend, remittances_in_the_philippines
):
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    html = Template("{% load search_tags %}{% related_items obj %}").render(
        Context({"obj": remittances_in_the_philippines["source"], "request": request})
    )

    assert '<h2 id="related-heading">Related</h2>' in html
    assert "Inventory items" in html
    assert "GFMD recommendations" in html
    assert "Remittance-linked microfinance in Manila" in html
    assert "Shared theme: Remittances" in html
    assert "may be incomplete" not in html


@pytest.mark.search
def test_related_items_fall_back_to_shared_taxonomy_when_the_node_is_down(
    es_stopped, remittances_in_the_philippines
):
    related = get_search_backend().related(remittances_in_the_philippines["source"], viewer=None)

    assert related.backend == "database"
    assert related.incomplete is True
    _assert_remittances_first(remittances_in_the_philippines, related)


def test_related_items_tag_says_when_results_may_be_incomplete(
    es_stopped, remittances_in_the_philippines
):
    html = Template("{% load search_tags %}{% related_items obj %}").render(
        Context({"obj": remittances_in_the_philippines["source"]})
    )

    assert "related items may be incomplete" in html
    assert "Remittance-linked microfinance in Manila" in html
