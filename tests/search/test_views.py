"""The search page and autocomplete, as users see them — on Elasticsearch, on the
database, with the node stopped, and with bad input."""

import pytest

from .factories import GroupFactory, InventoryItemFactory, MembershipFactory, ThemeFactory, country

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(django_capture_on_commit_callbacks):
    remittances = ThemeFactory(name="Remittances")
    with django_capture_on_commit_callbacks(execute=True):
        InventoryItemFactory(
            title="Remittance cost calculator",
            description="Compare remittance fees before sending money to the Philippines.",
            themes=[remittances],
            target_countries=[country("PH")],
            cohort_year=2023,
        )
        InventoryItemFactory(
            title="Return and reintegration handbook",
            description="Support for returning migrants.",
            target_countries=[country("SN")],
            cohort_year=2022,
        )


BAD_QUERIES = [
    'remittance AND (cost OR "unclosed',
    "title:remittance^9 /[a-z]+/ ~~ \\",
    '{{!}} <script>alert(1)</script> && || ! ( ) { } [ ] ^ " ~ * ? : \\ /',
    "x" * 10_000,
    "remittance\x00cost",
]


def _search_page_contract(client, backend_name):
    response = client.get("/search/", {"q": "remittance"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "<mark>Remittance</mark> cost calculator" in html
    assert "Return and reintegration handbook" not in html
    assert 'name="theme" value="remittances"' in html
    assert "Philippines" in html
    return response


@pytest.mark.search
def test_search_page_shows_highlighted_results_and_facets_on_elasticsearch(es, items, client):
    response = _search_page_contract(client, "elasticsearch")
    assert response.context["results"].backend == "elasticsearch"
    assert "may be incomplete" not in response.content.decode()


def test_search_page_works_on_the_database_backend(db_backend, items, client):
    response = _search_page_contract(client, "database")
    assert response.context["results"].backend == "database"
    assert "may be incomplete" not in response.content.decode()


@pytest.mark.search
def test_search_page_falls_back_and_says_so_when_the_node_is_stopped(es_stopped, items, client):
    response = _search_page_contract(client, "database")

    assert response.context["results"].incomplete is True
    assert "may be incomplete" in response.content.decode()
    health = client.get("/healthz").json()["search"]
    assert health["configured"] == "elasticsearch"
    assert health["active"] == "database"


@pytest.mark.search
def test_facet_links_filter_and_can_be_removed(es, items, client):
    response = client.get("/search/", {"q": "", "country": "SN"})
    html = response.content.decode()

    assert "Return and reintegration handbook" in html
    assert "cost calculator" not in html
    assert "Remove filter Country: Senegal" in html


@pytest.mark.search
def test_no_results_offers_did_you_mean(es, items, client):
    """A misspelt word of the content (not of the glossary, which reads its own
    misspellings directly) is corrected, and the page says what it searched."""
    html = client.get("/search/", {"q": "calculatr"}).content.decode()

    assert "Nothing matched" in html or "Did you mean" in html
    assert "q=calculator" in html


@pytest.mark.search
@pytest.mark.parametrize("q", BAD_QUERIES, ids=["unbalanced", "lucene", "symbols", "10k", "nul"])
def test_search_page_survives_bad_queries_on_elasticsearch(es, items, client, q):
    response = client.get("/search/", {"q": q})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "Exception" not in html
    assert response.context["results"].incomplete is False


@pytest.mark.parametrize("q", BAD_QUERIES, ids=["unbalanced", "lucene", "symbols", "10k", "nul"])
def test_search_page_survives_bad_queries_on_the_database(db_backend, items, client, q):
    response = client.get("/search/", {"q": q})

    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


@pytest.mark.search
def test_long_queries_are_cut_to_500_characters(es, items, client):
    response = client.get("/search/", {"q": "remittance " * 1000})

    assert len(response.context["query"]) <= 500


@pytest.mark.search
@pytest.mark.parametrize("page", ["-3", "0", "abc", "999999999999999999999", "501"])
def test_odd_page_numbers_are_clamped(es, items, client, page):
    response = client.get("/search/", {"q": "remittance", "page": page})

    assert response.status_code == 200
    assert 1 <= response.context["params"].page <= 500


@pytest.mark.search
def test_unknown_facet_values_are_ignored_on_the_page(es, items, client):
    response = client.get("/search/", {"q": "remittance", "country": ["ZZ", "PH"], "theme": "nope"})

    assert response.status_code == 200
    assert response.context["params"].filters == {"country": ["PH"]}
    assert "cost calculator" in response.content.decode()


@pytest.mark.search
def test_non_utf8_bytes_in_the_query_string_are_harmless(es, items, client):
    response = client.get("/search/?q=remit%FF%FEtance&country=%C3%28")

    assert response.status_code == 200


@pytest.mark.search
def test_autocomplete_answers_json_titles(es, items, client):
    response = client.get("/search/autocomplete/", {"q": "remit"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    first = response.json()["results"][0]
    assert first["type"] == "inventoryitem"
    assert first["type_label"] == "Inventory item"
    assert first["title"] == "Remittance cost calculator"
    assert first["url"].startswith("/inventory/")


def test_autocomplete_on_the_database(db_backend, items, client):
    results = client.get("/search/autocomplete/", {"q": "return and"}).json()["results"]

    assert [r["title"] for r in results] == ["Return and reintegration handbook"]


@pytest.mark.search
def test_autocomplete_ignores_one_letter_and_bad_input(es, items, client):
    assert client.get("/search/autocomplete/", {"q": "r"}).json()["results"] == []
    assert client.get("/search/autocomplete/?q=%FF%00%2A").status_code == 200
    assert client.get("/search/autocomplete/", {"q": "(" * 5000}).status_code == 200


@pytest.mark.search
def test_autocomplete_on_a_stopped_node_answers_from_the_database(es_stopped, items, client):
    results = client.get("/search/autocomplete/", {"q": "remit"}).json()["results"]

    assert [r["title"] for r in results] == ["Remittance cost calculator"]


def test_search_page_hides_private_group_content_on_the_database(
    db_backend, group_content_type, client, member, other_member
):
    from search import indexing

    private = GroupFactory(name="Corridor peers", privacy="private", description="Ledger notes.")
    MembershipFactory(group=private, user=member)
    indexing.rebuild("groupcontent")

    client.force_login(other_member)
    assert (
        "Discussion in Corridor peers"
        not in client.get("/search/", {"q": "ledger"}).content.decode()
    )
    client.force_login(member)
    assert (
        "Discussion in Corridor peers" in client.get("/search/", {"q": "ledger"}).content.decode()
    )


def test_search_box_in_every_page_enables_autocomplete(client):
    html = client.get("/search/").content.decode()

    assert 'data-autocomplete="/search/autocomplete/"' in html
    assert "js/search-autocomplete.js" in html
