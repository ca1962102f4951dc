"""The case-study page and the listing run a number of SQL queries that does not grow
with the number of comments, indicators, countries or themes."""

from __future__ import annotations

import pytest

from taxonomy.models import Country
from tests.casestudies.factories import (
    CaseStudyPageFactory,
    ThemeFactory,
    comment,
    image,
    indicator,
)

pytestmark = pytest.mark.django_db

#: One budget for 1 and for 50 of everything (the base layout with the signed-in member's
#: notification bell, the results framework, Related and the discussions panel are part
#: of it):
#: if a template starts querying per item, the 50 case goes over it.
#: Translated content (issue #10) costs a constant few (Wagtail's i18n routing, the
#: language versions of the index and the page); the privacy filter is a subquery, so
#: building a base queryset per facet costs nothing extra. The follow button asks once
#: whether the member follows the page.
CASE_STUDY_PAGE_MAX_QUERIES = 30
LISTING_MAX_QUERIES = 21


def _case_study(n: int, themes, countries, **kwargs):
    return CaseStudyPageFactory(
        countries=countries[:n],
        themes=themes[:n],
        results=[indicator(f"Indicator {i}", target=100, achieved=i) for i in range(n)],
        hero_image=image(),
        hero_image_alt="A hero image",
        **kwargs,
    )


@pytest.fixture
def vocabulary(db):
    themes = [ThemeFactory(name=f"Theme {i:02d}", slug=f"theme-{i:02d}") for i in range(50)]
    countries = list(Country.objects.order_by("code")[:50])
    return themes, countries


@pytest.mark.parametrize("n", [1, 50])
def test_case_study_page_queries_do_not_grow(
    client, member, index, vocabulary, n, django_assert_max_num_queries
):
    themes, countries = vocabulary
    page = _case_study(n, themes, countries)
    parent = None
    for i in range(n):
        parent = comment(page, text=f"Comment {i}", parent=parent if i % 3 else None)
    client.force_login(member)
    client.get(page.url)  # warm caches: renditions, content types, site root paths

    with django_assert_max_num_queries(CASE_STUDY_PAGE_MAX_QUERIES):
        response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<th scope="row">Indicator') == n
    assert html.count('class="comment"') + html.count('class="comment ') == n


@pytest.mark.parametrize("n", [1, 50])
def test_listing_queries_do_not_grow(client, index, vocabulary, n, django_assert_max_num_queries):
    themes, countries = vocabulary
    for i in range(n):
        _case_study(n, themes, countries, title=f"Case {i:02d}")
    client.get("/case-studies/?theme=theme-00&sort=title")  # warm renditions and caches

    with django_assert_max_num_queries(LISTING_MAX_QUERIES):
        response = client.get("/case-studies/?theme=theme-00&sort=title")
    assert response.status_code == 200
    assert "Case 00" in response.content.decode()
