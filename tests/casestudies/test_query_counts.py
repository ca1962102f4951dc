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

#: One budget for 1 and for 50 of everything (comments, indicators, countries, themes):
#: if a template starts querying per item, the 50 case goes over it. Site-wide data that
#: editors rarely change is read from the cache (``core.versioned``: the Site and its home
#: page, the locales, each page's children, privacy restrictions, the taxonomy, each case
#: study's editorial context and results frameworks), so what is left is what belongs to
#: this request. A signed-in member reading a case study (12):
#:
#: 1. their session; 2. their user row; 3. their profile (language, name in the header);
#: 4. the case-study index, as its own type with its language versions (one query:
#:    ``TranslatedPageMixin.fetch_specific``; its slug from the cached children of home);
#: 5. the case study, the same way, with its hero image;
#: 6–7. their permissions, direct and through groups (Django's ``ModelBackend``, once per
#:    request): site moderator of comments, the "Editor admin" link;
#: 8. the comment threads, with what the member may do to each (one query);
#: 9. their roles in groups (``community.rules.group_roles``, once per request: the
#:    navigation, Related's visibility key, the discussions panel);
#: 10. their unread notifications (the bell); 11. whether they follow the page;
#: 12. the discussions linked to the page that they may see.
#:
#: After an editor's change (a cache miss) the page also reads what the cache holds: the
#: site, locales and children, the restrictions, the page's terms (4), its testimonies,
#: tours and adaptations (3, 4 with "adapted from"), its frameworks (1 + 2 prefetches).
CASE_STUDY_PAGE_MAX_QUERIES = 12
#: A visitor on a filtered listing (7): 1. the index with its language versions; 2. the
#: chosen theme (the filter form's lookup by slug); 3. every facet's counts, each
#: applying the other filters, in one ``UNION ALL``; 4. the total and the range of
#: years; 5. one page of results with their hero images; 6. those images' renditions;
#: 7. the countries and themes of the results (which ones: one query; the terms from the
#: cached taxonomy).
LISTING_MAX_QUERIES = 7


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
