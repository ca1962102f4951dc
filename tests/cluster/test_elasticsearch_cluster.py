"""A real three-node Elasticsearch cluster that loses a node (issue: scale-out for real).

``scripts/test-cluster.sh`` (``make test-cluster``) starts the cluster
(``scripts/services.sh es-cluster-start``) and runs these tests with ``-m cluster``; each
test kills a node with SIGKILL, as a lost machine, and starts it again. Nothing here is
mocked: the site's own settings, client, indexing and search run against the cluster.
"""

import os
import subprocess
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from elasticsearch import Elasticsearch

from search import backends
from search.documents import alias_name
from tests.conftest import _reachable
from tests.search.factories import InventoryItemFactory, RecommendationFactory

pytestmark = [pytest.mark.cluster, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[2]
TYPES = ("inventoryitem", "recommendation")


@pytest.fixture(scope="module")
def cluster_urls() -> list[str]:
    value = os.environ.get("ELASTICSEARCH_CLUSTER_URL", "")
    urls = [url for url in value.split(",") if url]
    if len(urls) < 3 or not all(_reachable(url) for url in urls):
        pytest.fail(
            "the three-node cluster is not running (ELASTICSEARCH_CLUSTER_URL="
            f"{value!r}): run `make test-cluster`, or "
            "`scripts/services.sh es-cluster-start` and "
            "`eval $(scripts/services.sh es-cluster-env)`."
        )
    return urls


def _services(*args: str) -> None:
    subprocess.run([str(ROOT / "scripts" / "services.sh"), *args], cwd=ROOT, check=True)  # noqa: S603


def _admin(urls: list[str]) -> Elasticsearch:
    return Elasticsearch(urls, request_timeout=30, max_retries=3, retry_on_timeout=True)


def _wait(admin: Elasticsearch, prefix: str, status: str, nodes: int) -> None:
    admin.cluster.health(
        index=f"{prefix}-*",
        wait_for_status=status,
        wait_for_nodes=str(nodes),
        wait_for_no_initializing_shards=True,
        timeout="120s",
    )


@pytest.fixture
def on_cluster(settings, cluster_urls, django_capture_on_commit_callbacks):
    """The site configured with the list of nodes, as in docker/compose.yaml, and a
    corpus of 20 items about remittances across two types, each index with one replica."""
    prefix = f"test_cluster_{os.getpid()}_{time.monotonic_ns() % 10**6}"
    settings.SEARCH = {
        **settings.SEARCH,
        "ELASTICSEARCH_URL": ",".join(cluster_urls),
        "INDEX_PREFIX": prefix,
        "TIMEOUT": 10.0,
        "MAX_RETRIES": 2,
        "REFRESH_ON_WRITE": True,
        "NUMBER_OF_REPLICAS": None,
        "AUTO_EXPAND_REPLICAS": "0-1",
    }
    backends.get_client.cache_clear()
    backends.circuit.reset()
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(12):
            InventoryItemFactory(title=f"Remittance training {n}")
        for n in range(8):
            RecommendationFactory(title=f"Remittance recommendation {n}", text="Lower costs.")
    admin = _admin(cluster_urls)
    _wait(admin, prefix, "green", 3)
    yield admin, prefix
    _services("es-cluster-start")  # whichever node a test killed comes back
    _wait(admin, prefix, "green", 3)
    names = list(admin.indices.get(index=f"{prefix}-*", allow_no_indices=True))
    if names:
        admin.indices.delete(index=",".join(names), ignore_unavailable=True)
    backends.get_client.cache_clear()


def _node_holding_primaries(admin: Elasticsearch, prefix: str) -> int:
    """The cluster node (1-3) that holds the most primaries of the site's indexes."""
    counts: dict[int, int] = {}
    for shard in admin.cat.shards(index=f"{prefix}-*", format="json", h="prirep,node"):
        if shard["prirep"] == "p" and shard["node"]:
            node = int(shard["node"].rsplit("-", 1)[1])
            counts[node] = counts.get(node, 0) + 1
    return max(counts, key=counts.get)


def _search(client) -> dict:
    return client.get("/api/v1/search/", {"q": "remittance"}).json()


def test_every_index_has_a_copy_on_a_second_node(on_cluster):
    admin, prefix = on_cluster
    for type_name in TYPES:
        (index,) = admin.indices.get_alias(name=alias_name(type_name))
        copies = admin.cat.shards(index=index, format="json", h="prirep,state")
        assert sorted(c["prirep"] for c in copies) == ["p", "r"]
        assert {c["state"] for c in copies} == {"STARTED"}


def test_losing_a_node_loses_no_result_and_indexing_goes_on(
    on_cluster, client, django_capture_on_commit_callbacks
):
    admin, prefix = on_cluster
    before = _search(client)
    assert before["total"] == 20
    assert before["backend"] == "elasticsearch"
    assert before["incomplete"] is False

    lost = _node_holding_primaries(admin, prefix)
    _services("es-node-stop", str(lost))
    # Every answer while the cluster notices and after: all 20, from Elasticsearch.
    for _ in range(10):
        body = _search(client)
        assert body["backend"] == "elasticsearch"
        assert body["total"] == 20, body
        assert body["incomplete"] is False
    health = client.get("/healthz").json()["search"]
    assert health["active"] == "elasticsearch"
    assert not health["status"].startswith("error")

    # Members keep posting: new content is indexed on the remaining nodes.
    with django_capture_on_commit_callbacks(execute=True):
        InventoryItemFactory(title="Remittance training added during the outage")
    assert _search(client)["total"] == 21

    _services("es-node-start", str(lost))
    _wait(admin, prefix, "green", 3)
    assert _search(client)["total"] == 21
    for type_name in TYPES:
        call_command("search_index", "--check", "--type", type_name)


def test_without_replicas_a_lost_node_is_reported_not_hidden(
    on_cluster, settings, client, django_capture_on_commit_callbacks
):
    """The old default (no replica): the lost node's shards have no copy. The answer must
    say so (``incomplete``) and the health report must agree with it."""
    admin, prefix = on_cluster
    for type_name in TYPES:
        (index,) = admin.indices.get_alias(name=alias_name(type_name))
        admin.indices.put_settings(
            index=index, settings={"auto_expand_replicas": False, "number_of_replicas": 0}
        )
    _wait(admin, prefix, "green", 3)
    lost = _node_holding_primaries(admin, prefix)
    _services("es-node-stop", str(lost))
    _wait(admin, prefix, "red", 2)

    body = _search(client)
    assert body["total"] < 20, body
    assert body["incomplete"] is True
    health = client.get("/healthz").json()
    assert health["search"]["status"].startswith("degraded: cluster red")
    assert health["status"] == "degraded"
