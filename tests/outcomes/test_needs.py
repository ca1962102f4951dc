"""The needs board: posting, endorsing once, matching to the inventory and case
studies, and the editors' gap map."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from outcomes import services
from outcomes.models import Need, NeedEndorsement
from outcomes.selectors.needs import gap_map, need_matches
from taxonomy.models import Country, Region
from tests.casestudies.factories import CaseStudyPageFactory
from tests.inventory.factories import InventoryItemFactory, SectorFactory, ThemeFactory
from tests.outcomes.factories import NeedFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def recruitment():
    return ThemeFactory(slug="fair-recruitment", name="Fair recruitment")


def test_member_posts_a_need(client, member, recruitment):
    client.force_login(member)
    response = client.post(
        reverse("outcomes:need_create"),
        {
            "title": "Inspecting recruitment agencies",
            "organisation": "Department of Migrant Workers",
            "description": "Our inspectors need **training**.",
            "country": "PH",
            "theme": recruitment.pk,
            "urgency": "high",
        },
    )
    need = Need.objects.get()
    assert response.status_code == 302
    assert response["Location"] == need.get_absolute_url()
    page = client.get(need.get_absolute_url()).content.decode()
    assert "<strong>training</strong>" in page
    assert "High — now" in page


def test_need_with_missing_fields_gets_field_errors(client, member):
    client.force_login(member)
    response = client.post(reverse("outcomes:need_create"), {"title": "", "country": "XX"})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not Need.objects.exists()


def test_anonymous_cannot_post_a_need(client):
    assert client.get(reverse("outcomes:need_create")).status_code == 302


def test_endorsement_counts_once_per_member(client, member):
    need = NeedFactory()
    client.force_login(member)
    url = reverse("outcomes:need_endorse", args=[need.pk])
    client.post(url)
    client.post(url)
    assert NeedEndorsement.objects.filter(need=need).count() == 1
    page = client.get(need.get_absolute_url()).content.decode()
    assert "1 member endorses this need." in page
    assert "Withdraw my endorsement" in page


def test_author_cannot_endorse_own_need(member):
    need = NeedFactory(author=member)
    with pytest.raises(ValidationError):
        services.need_endorse(need=need, user=member)


def test_withdrawing_an_endorsement(client, member):
    need = NeedFactory()
    services.need_endorse(need=need, user=member)
    client.force_login(member)
    client.post(reverse("outcomes:need_endorse", args=[need.pk]), {"action": "withdraw"})
    assert not NeedEndorsement.objects.exists()


def test_list_filters_by_region_and_sorts_by_endorsements(client, member, other_member):
    ph = NeedFactory(title="Philippine need")
    fr = NeedFactory(title="French need", country=Country.objects.get(code="FR"))
    services.need_endorse(need=fr, user=member)
    services.need_endorse(need=fr, user=other_member)
    body = client.get(reverse("outcomes:need_list"), {"region": "035"}).content.decode()
    assert ph.title in body
    assert fr.title not in body
    body = client.get(reverse("outcomes:need_list"), {"sort": "endorsed"}).content.decode()
    assert body.index("French need") < body.index("Philippine need")


def test_bad_filter_value_answers_400(client):
    assert client.get(reverse("outcomes:need_list"), {"country": "ZZ"}).status_code == 400


def test_matches_rank_items_sharing_country_and_theme_first(recruitment):
    ph = Country.objects.get(code="PH")
    need = NeedFactory(theme=recruitment, title="Recruitment agency inspection")
    best = InventoryItemFactory(
        title="Inspecting recruitment agencies", target_countries=[ph], themes=[recruitment]
    )
    regional = InventoryItemFactory(
        title="Regional course",
        target_regions=[Region.objects.get(code="035")],
        themes=[recruitment],
    )
    InventoryItemFactory(title="Unrelated tool about pensions")
    InventoryItemFactory(title="Draft", target_countries=[ph], themes=[recruitment], live=False)
    matches = need_matches(need)
    titles = [m.obj.title for m in matches["inventory_items"]]
    assert titles == [best.title, regional.title]
    assert "same theme" in matches["inventory_items"][0].reasons


def test_matches_include_case_studies_by_sector_and_country():
    sector = SectorFactory(slug="recruitment-industry", name="Recruitment industry")
    ph = Country.objects.get(code="PH")
    need = NeedFactory(sector=sector)
    page = CaseStudyPageFactory(title="Licensing agencies", countries=[ph], sectors=[sector])
    CaseStudyPageFactory(title="Elsewhere", countries=[Country.objects.get(code="FR")])
    matches = need_matches(need)
    assert [m.obj.pk for m in matches["case_studies"]] == [page.pk]


def test_need_page_lists_matches(client, recruitment):
    ph = Country.objects.get(code="PH")
    need = NeedFactory(theme=recruitment)
    InventoryItemFactory(
        title="Recruitment inspection course", target_countries=[ph], themes=[recruitment]
    )
    body = client.get(need.get_absolute_url()).content.decode()
    assert "Recruitment inspection course" in body


def test_gap_map_marks_needs_without_training(recruitment):
    remittances = ThemeFactory(slug="remittances", name="Remittances")
    ph, np = Country.objects.get(code="PH"), Country.objects.get(code="NP")
    NeedFactory(theme=recruitment, country=ph)
    NeedFactory(theme=recruitment, country=np)
    NeedFactory(theme=remittances, country=ph)
    InventoryItemFactory(
        kind="course",
        target_regions=[Region.objects.get(code="035")],  # South-eastern Asia: PH, not NP
        themes=[recruitment],
    )
    InventoryItemFactory(kind="tool", target_countries=[ph], themes=[remittances])
    gaps = {(g["country"].code, g["theme"].slug) for g in gap_map()["gaps"]}
    assert gaps == {("NP", "fair-recruitment"), ("PH", "remittances")}


def test_gap_map_is_for_editors_only(client, member, editor, recruitment):
    NeedFactory(theme=recruitment)
    client.force_login(member)
    assert client.get(reverse("outcomes:gap_map")).status_code == 403
    client.force_login(editor)
    response = client.get(reverse("outcomes:gap_map"))
    assert response.status_code == 200
    assert "GAP" in response.content.decode()
