import pytest

from taxonomy.models import Country, Region


@pytest.fixture
def philippines(db):
    return Country.objects.select_related("region", "subregion", "intermediate_region").get(
        code="PH"
    )


@pytest.fixture
def nepal(db):
    return Country.objects.get(code="NP")


@pytest.fixture
def france(db):
    return Country.objects.get(code="FR")


@pytest.fixture
def south_eastern_asia(db):
    return Region.objects.get(code="035")


@pytest.fixture
def asia(db):
    return Region.objects.get(code="142")


@pytest.fixture
def world(db):
    return Region.objects.get(code="001")
