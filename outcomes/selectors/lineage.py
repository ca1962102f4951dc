"""Replication lineage: case studies adapted from others, found by where they were
replicated ("practices replicated in my region")."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from casestudies.models import CaseStudyPage
from casestudies.selectors import public_pages
from community.models import Profile
from taxonomy.models import Country, Region


def replications(
    *, region: Region | None = None, country: Country | None = None
) -> QuerySet[CaseStudyPage]:
    """Published adaptations (with a published original), filtered by the countries
    of the *adapting* case study."""
    qs = public_pages(CaseStudyPage).filter(
        adapted_from__in=public_pages(CaseStudyPage).values("pk")
    )
    through = CaseStudyPage.countries.through
    if region is not None:
        qs = qs.filter(
            pk__in=through.objects.filter(
                country__in=Country.objects.filter(region.country_q())
            ).values("casestudypage_id")
        )
    if country is not None:
        qs = qs.filter(pk__in=through.objects.filter(country=country).values("casestudypage_id"))
    return (
        qs.select_related("adapted_from")
        .prefetch_related(
            Prefetch("countries", queryset=Country.objects.select_related("subregion")),
            Prefetch("adapted_from__countries"),
        )
        .order_by("title", "pk")
    )


def replication_regions() -> list[Region]:
    """Regions where at least one adaptation took place, for the filter."""
    adaptations = public_pages(CaseStudyPage).filter(adapted_from__isnull=False)
    countries = Country.objects.filter(case_studies__in=adaptations.values("pk"))
    ids = set()
    for region_id, sub_id, inter_id in countries.values_list(
        "region_id", "subregion_id", "intermediate_region_id"
    ):
        ids.update(i for i in (region_id, sub_id, inter_id) if i)
    return list(Region.objects.filter(pk__in=ids).order_by("level", "name"))


def home_region(*, viewer) -> Region | None:
    """The most specific M49 region of the country in the viewer's profile (e.g. Eastern
    Africa for Kenya): "my region" for the one-click "replicated in my region" filter.
    ``None`` for visitors and for members who have not given a country."""
    if viewer is None or not viewer.is_authenticated:
        return None
    profile = (
        Profile.objects.filter(user=viewer)
        .select_related("country__region", "country__subregion", "country__intermediate_region")
        .first()
    )
    country = profile.country if profile else None
    if country is None:
        return None
    regions = country.regions
    return regions[-1] if regions else None
