import threading

import pytest
from django.core.management import call_command

from search import indexing
from search.backends import get_search_backend
from search.documents import alias_name
from search.models import PendingIndexUpdate, SearchEntry
from search.results import SearchParams

from .factories import InventoryItemFactory, RecommendationFactory, ThemeFactory, country

pytestmark = [pytest.mark.django_db, pytest.mark.search]


def _search(q: str, viewer=None, **filters):
    params = SearchParams(q=q, filters=filters)
    return get_search_backend().search(params, viewer=viewer)


def _titles(results) -> list[str]:
    return [hit.title for hit in results.hits]


def test_first_indexing_creates_index_behind_alias_with_core_mapping(
    es, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        InventoryItemFactory(title="Remittance literacy course")

    alias = alias_name("inventoryitem")
    indexes = es.indices.get_alias(name=alias)
    assert len(indexes) == 1
    (index_name,) = indexes
    assert index_name.startswith(f"{alias}-")
    mapping = es.indices.get_mapping(index=alias)[index_name]["mappings"]
    assert mapping["properties"]["title"]["analyzer"] == "standard"
    assert mapping["properties"]["countries"]["type"] == "keyword"
    assert mapping["dynamic"] == "strict"


def test_publishing_an_item_makes_it_searchable(es, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        item = InventoryItemFactory(title="Diaspora bonds toolkit", live=False)
    assert _search("diaspora").total == 0

    with django_capture_on_commit_callbacks(execute=True):
        item.live = True
        item.save()

    results = _search("diaspora")
    assert results.backend == "elasticsearch"
    assert _titles(results) == ["Diaspora bonds toolkit"]


def test_unpublishing_an_item_removes_it_from_search(es, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        item = InventoryItemFactory(title="Seasonal worker handbook")
    assert _search("seasonal").total == 1

    with django_capture_on_commit_callbacks(execute=True):
        item.live = False
        item.save()

    assert _search("seasonal").total == 0
    assert not SearchEntry.objects.filter(type="inventoryitem", object_id=item.pk).exists()


def test_wagtail_publish_and_unpublish_actions_update_the_index(
    es, django_capture_on_commit_callbacks, editor
):
    with django_capture_on_commit_callbacks(execute=True):
        item = InventoryItemFactory(title="Ethical recruitment toolkit", live=False)
        revision = item.save_revision(user=editor)
    assert _search("ethical").total == 0

    with django_capture_on_commit_callbacks(execute=True):
        revision.publish(user=editor)
    assert _titles(_search("ethical")) == ["Ethical recruitment toolkit"]

    item.refresh_from_db()  # the revision published its own copy of the item
    with django_capture_on_commit_callbacks(execute=True):
        item.unpublish(user=editor)
    assert _search("ethical").total == 0


def test_deleting_a_recommendation_removes_it_from_search(es, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        recommendation = RecommendationFactory(title="Portable pensions for returnees")
    assert _search("pensions").total == 1

    with django_capture_on_commit_callbacks(execute=True):
        recommendation.delete()

    assert _search("pensions").total == 0


def test_changing_a_theme_reindexes_the_item(es, django_capture_on_commit_callbacks):
    remittances = ThemeFactory(name="Remittances")
    with django_capture_on_commit_callbacks(execute=True):
        item = InventoryItemFactory(title="Cost of sending money")
    assert _search("", theme=["remittances"]).total == 0

    with django_capture_on_commit_callbacks(execute=True):
        item.themes.add(remittances)
        item.save()  # modelcluster writes many-to-many changes on save, as Wagtail does

    assert _titles(_search("", theme=["remittances"])) == ["Cost of sending money"]


def test_many_changes_in_one_transaction_are_indexed_in_one_bulk_task(
    es, django_capture_on_commit_callbacks, monkeypatch
):
    calls = []
    original = indexing.sync
    monkeypatch.setattr(
        indexing,
        "sync",
        lambda type_name, ids, **kw: (
            calls.append((type_name, list(ids))) or original(type_name, ids, **kw)
        ),
    )
    with django_capture_on_commit_callbacks(execute=True):
        items = InventoryItemFactory.create_batch(25, description="labour mobility")

    assert calls == [("inventoryitem", sorted(item.pk for item in items))]
    assert _search("mobility").total == 25


def test_rebuild_swaps_alias_atomically_while_search_keeps_answering(
    es, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        InventoryItemFactory.create_batch(40, description="skills partnership")
    old_indexes = set(es.indices.get_alias(name=alias_name("inventoryitem")))

    answers: list[int] = []
    errors: list[Exception] = []
    done = threading.Event()

    def query_during_rebuild():
        while not done.is_set():
            try:
                response = es.search(
                    index=alias_name("inventoryitem"),
                    query={"match": {"body": "skills"}},
                    track_total_hits=True,
                )
                answers.append(response["hits"]["total"]["value"])
            except Exception as exc:  # the test fails on any
                errors.append(exc)

    watcher = threading.Thread(target=query_during_rebuild)
    watcher.start()
    try:
        result = indexing.rebuild("inventoryitem")
    finally:
        done.set()
        watcher.join()

    assert errors == []
    assert answers
    assert set(answers) == {40}
    new_indexes = set(es.indices.get_alias(name=alias_name("inventoryitem")))
    assert new_indexes == {result.index}
    assert new_indexes.isdisjoint(old_indexes)
    assert result.removed_indexes == sorted(old_indexes)
    assert not es.indices.exists(index=",".join(old_indexes))


def test_updates_during_a_rebuild_reach_the_new_index(es, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        InventoryItemFactory.create_batch(3)

    def progress(_count):
        if not hasattr(progress, "done"):
            progress.done = True
            with django_capture_on_commit_callbacks(execute=True):
                InventoryItemFactory(title="Added while rebuilding", description="mid-rebuild")

    indexing.rebuild("inventoryitem", progress=progress)

    assert _titles(_search("rebuilding")) == ["Added while rebuilding"]


def test_search_index_rebuild_command_shows_progress_and_swaps(es, capsys):
    InventoryItemFactory.create_batch(3)
    RecommendationFactory()

    call_command("search_index", "--rebuild")

    out, err = capsys.readouterr()
    assert "inventoryitem: 3 documents" in out
    assert "alias swapped" in out
    assert "3/3" in err  # the tqdm progress bar
    assert es.count(index=alias_name("inventoryitem"))["count"] == 3


def test_search_index_check_reports_missing_and_stale_documents(es, capsys):
    item = InventoryItemFactory(title="Stale title")
    call_command("search_index", "--rebuild", "--no-progress")
    InventoryItem = type(item)
    InventoryItem.objects.filter(pk=item.pk).update(title="Fresh title")  # no signal
    missing = InventoryItemFactory()  # not committed: no indexing ran

    with pytest.raises(Exception, match="out of step"):
        call_command("search_index", "--check", "--type", "inventoryitem")

    out = capsys.readouterr().out
    assert "inventoryitem [elasticsearch]: 2 expected, 1 missing, 1 stale, 0 extra" in out
    assert f"missing: {missing.pk}" in out
    assert f"stale: {item.pk}" in out


def test_search_index_check_passes_after_rebuild(es, capsys):
    InventoryItemFactory.create_batch(2)
    call_command("search_index", "--rebuild", "--no-progress")

    call_command("search_index", "--check")

    assert "Search indexes match the database." in capsys.readouterr().out


def test_updates_made_while_the_node_is_down_are_replayed_when_it_returns(
    es, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        item = InventoryItemFactory(title="Before the outage")
    working = settings.SEARCH
    settings.SEARCH = {
        **working,
        "ELASTICSEARCH_URL": "http://127.0.0.1:9",
        "TIMEOUT": 0.5,
        "MAX_RETRIES": 0,
    }
    from search import backends

    backends.get_client.cache_clear()
    with django_capture_on_commit_callbacks(execute=True):
        item.title = "During the outage"
        item.save()
        InventoryItemFactory(title="Created during the outage")

    assert PendingIndexUpdate.objects.count() == 2
    results = _search("outage")  # the fallback still finds the new titles
    assert results.incomplete is True
    assert sorted(_titles(results)) == ["Created during the outage", "During the outage"]

    settings.SEARCH = working
    backends.get_client.cache_clear()
    backends.circuit.reset()
    call_command("search_index", "--catch-up")

    assert PendingIndexUpdate.objects.count() == 0
    results = _search("outage")
    assert results.backend == "elasticsearch"
    assert sorted(_titles(results)) == ["Created during the outage", "During the outage"]


def test_next_successful_indexing_replays_pending_updates(es, django_capture_on_commit_callbacks):
    item = InventoryItemFactory(title="Missed update")
    PendingIndexUpdate.objects.create(type="inventoryitem", object_id=item.pk)

    with django_capture_on_commit_callbacks(execute=True):
        RecommendationFactory(title="Unrelated save")

    assert PendingIndexUpdate.objects.count() == 0
    assert _titles(_search("missed")) == ["Missed update"]


def test_documents_carry_regions_of_their_countries(es, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        InventoryItemFactory(title="Manila remittance desk", target_countries=[country("PH")])

    # 035 South-eastern Asia, 142 Asia
    assert _search("", region=["035"]).total == 1
    assert _search("", region=["142"]).total == 1
    assert _search("", region=["150"]).total == 0
