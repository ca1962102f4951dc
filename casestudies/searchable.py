"""What of the case-studies section is searchable (see ``search.registry``).

Only pages a reader may open are indexed — live, without a privacy restriction and not
locked — which is ``casestudies.selectors.public_pages``, the section's one visibility
rule. Rich text and StreamField content is flattened to plain text here, so the search
app never needs to know about Wagtail blocks. Testimonies and tours carry the places and
taxonomy of the case study they belong to: that is how a reader filtering by country or
theme finds the voices and tours of a practice as well as its write-up.

Case studies also carry their replication lineage: ``replicated_in`` holds the places of
the published adaptations of a practice (and of the adaptations of those, down to
``LINEAGE_DEPTH`` generations) and, for an adaptation of a published practice, its own
places — so "Replicated in: Eastern Africa" finds both the original that travelled
there and the local adaptation that says what was changed and why.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.rich_text import get_text_for_indexing

from search.meta import (
    meta_fields,
    names_part,
    names_parts,
    period_part,
    stops_part,
    text_part,
    type_part,
)
from search.registry import Searchable, SearchDocument, register
from taxonomy.models import Country

from .models import CaseStudyPage, TestimonyPage, VirtualTourPage
from .selectors import public_pages

RELATED_TYPES = ("inventoryitem", "recommendation", "casestudy")
LINEAGE_DEPTH = 2


def plain(*parts: str | None) -> str:
    """Rich text (HTML from Wagtail's editor) as plain paragraphs, empty parts skipped."""
    texts = (get_text_for_indexing(part or "").strip() for part in parts)
    return "\n\n".join(text for text in texts if text)


def stream_text(field_name: str, page, value) -> str:
    """The searchable text of a StreamField value, as Wagtail's own indexing sees it
    (every text-bearing block, structured values included)."""
    field = type(page)._meta.get_field(field_name)
    return "\n".join(
        strip_tags(str(part)).strip()
        for part in field.get_searchable_content(value)
        if part and str(part).strip()
    )


def _countries() -> Prefetch:
    return Prefetch(
        "countries",
        queryset=Country.objects.select_related("region", "subregion", "intermediate_region"),
    )


def _date_of(page):
    return page.first_published_at.date() if page.first_published_at else None


def _languages(page) -> list[str]:
    return [page.locale.language_code] if page.locale_id else []


def _case_study_places(case_study: CaseStudyPage | None) -> dict[str, list[str]]:
    if case_study is None:
        return {"countries": [], "regions": [], "sectors": [], "themes": []}
    countries, regions = Searchable.places(case_study.countries.all())
    return {
        "countries": countries,
        "regions": regions,
        "sectors": [sector.slug for sector in case_study.sectors.all()],
        "themes": [theme.slug for theme in case_study.themes.all()],
    }


def _adaptations(depth: int = LINEAGE_DEPTH) -> Prefetch:
    """The published adaptations (``public_adaptations``) with their countries, nested
    ``depth`` generations deep, so that :meth:`CaseStudySearchable.document` runs no
    query of its own."""
    queryset = public_pages(CaseStudyPage).prefetch_related(_countries())
    if depth > 1:
        queryset = queryset.prefetch_related(_adaptations(depth - 1))
    return Prefetch("adaptations", queryset=queryset, to_attr="public_adaptations")


def _public_original() -> Prefetch:
    """The practice a case study was adapted from, only while readers may open it."""
    return Prefetch("adapted_from", queryset=public_pages(CaseStudyPage).only("pk"))


def replication_countries(page: CaseStudyPage, depth: int = LINEAGE_DEPTH) -> list[Country]:
    """The countries where ``page``'s practice was replicated: those of its published
    adaptations, generation by generation (prefetched by :func:`_adaptations`)."""
    countries: list[Country] = []
    for adaptation in getattr(page, "public_adaptations", ()):
        countries.extend(adaptation.countries.all())
        if depth > 1:
            countries.extend(replication_countries(adaptation, depth - 1))
    return countries


def lineage_ancestor_ids(page: CaseStudyPage, depth: int = LINEAGE_DEPTH) -> list[int]:
    """The practices ``page`` descends from (one query per generation): their
    documents carry ``page``'s places, so they are reindexed when it changes."""
    ids: list[int] = []
    current = page.adapted_from_id
    while current and len(ids) < depth and current not in ids and current != page.pk:
        ids.append(current)
        current = (
            CaseStudyPage.objects.filter(pk=current)
            .values_list("adapted_from_id", flat=True)
            .first()
        )
    return ids


@register
class CaseStudySearchable(Searchable):
    type = "casestudy"
    model = CaseStudyPage
    label = _("Case study")
    label_plural = _("Case studies")
    related_types = RELATED_TYPES

    def get_queryset(self):
        return (
            public_pages(CaseStudyPage)
            .select_related("locale")
            .prefetch_related(
                _countries(),
                "sectors",
                "themes",
                "organisations",
                _adaptations(),
                _public_original(),
            )
        )

    def document(self, obj: CaseStudyPage) -> SearchDocument:
        countries, regions = self.places(obj.countries.all())
        replicated = replication_countries(obj)
        if obj.adapted_from_id and obj.adapted_from is not None:
            replicated.extend(obj.countries.all())
        replicated_countries, replicated_regions = self.places(replicated)
        organisations = ", ".join(org.label for org in obj.organisations.all())
        return SearchDocument(
            type=self.type,
            id=obj.pk,
            title=obj.title,
            url=self.url_of(obj),
            summary=obj.summary,
            body="\n\n".join(
                part
                for part in (
                    plain(obj.challenge, obj.approach),
                    stream_text("results", obj, obj.results),
                    plain(obj.results_note),
                    obj.cost_notes,
                    plain(obj.conditions_for_transfer, obj.what_to_adapt),
                    obj.adaptation_note,
                    plain(obj.lessons),
                    organisations,
                )
                if part
            ),
            **meta_fields(
                self.type,
                [
                    type_part(),
                    period_part(obj.period_start, obj.period_end),
                    *names_parts(obj.organisations.all()),
                ],
            ),
            date=_date_of(obj),
            year=obj.period_start,
            languages=_languages(obj),
            language=obj.locale.language_code,
            translation_key=str(obj.translation_key),
            countries=countries,
            regions=regions,
            sectors=[sector.slug for sector in obj.sectors.all()],
            themes=[theme.slug for theme in obj.themes.all()],
            replicated_in=replicated_countries + replicated_regions,
        )

    def editor_links(self, obj: CaseStudyPage) -> Iterable:
        """The training, tools and GFMD recommendations the editors linked to the
        practice (``chosen_links`` keeps only the published ones)."""
        return [
            *obj.inventory_items.order_by("title"),
            *obj.recommendations.order_by("title"),
        ]

    def dependents(self, obj: CaseStudyPage) -> dict[str, list[int]]:
        """Testimonies and tours carry their case study's places and taxonomy (and
        only while it is public), so they are reindexed whenever it changes; the
        practices it was adapted from carry its places as "replicated in".

        A case study re-pointed from one original to another leaves the old original's
        document stale until its next change or ``search_index --check``: the previous
        value of ``adapted_from`` is no longer known when the save signal fires."""
        return {
            "casestudy": lineage_ancestor_ids(obj),
            "testimony": list(
                TestimonyPage.objects.filter(case_study=obj.pk).values_list("pk", flat=True)
            ),
            "tour": list(
                VirtualTourPage.objects.filter(case_study=obj.pk).values_list("pk", flat=True)
            ),
        }


def _linked_case_study() -> Prefetch:
    """The linked case study only while readers may open it: a testimony never reveals
    the title or taxonomy of a draft or locked practice (the attribute is ``None``)."""
    return Prefetch(
        "case_study",
        queryset=public_pages(CaseStudyPage).prefetch_related(_countries(), "sectors", "themes"),
    )


@register
class TestimonySearchable(Searchable):
    type = "testimony"
    model = TestimonyPage
    label = _("Testimony")
    label_plural = _("Testimonies")

    def get_queryset(self):
        return (
            public_pages(TestimonyPage)
            .select_related("locale", "organisation")
            .prefetch_related(_linked_case_study())
        )

    def document(self, obj: TestimonyPage) -> SearchDocument:
        organisation = obj.organisation.label if obj.organisation else ""
        case_study = obj.case_study
        return SearchDocument(
            type=self.type,
            id=obj.pk,
            title=obj.title,
            url=self.url_of(obj),
            summary=obj.quote,
            body="\n\n".join(
                part
                for part in (obj.transcript, obj.speaker_name, obj.speaker_role, organisation)
                if part
            ),
            **meta_fields(
                self.type,
                [
                    type_part(),
                    text_part(obj.speaker_label),
                    names_part(obj.organisation) if obj.organisation else "",
                ],
            ),
            date=_date_of(obj),
            year=case_study.period_start if case_study else None,
            languages=_languages(obj),
            language=obj.locale.language_code,
            translation_key=str(obj.translation_key),
            **_case_study_places(case_study),
        )


@register
class VirtualTourSearchable(Searchable):
    type = "tour"
    model = VirtualTourPage
    label = _("Virtual tour")
    label_plural = _("Virtual tours")

    def get_queryset(self):
        return (
            public_pages(VirtualTourPage)
            .select_related("locale")
            .prefetch_related("stops", _linked_case_study())
        )

    def document(self, obj: VirtualTourPage) -> SearchDocument:
        stops = list(obj.stops.all())
        case_study = obj.case_study
        return SearchDocument(
            type=self.type,
            id=obj.pk,
            title=obj.title,
            url=self.url_of(obj),
            summary=obj.intro,
            body="\n\n".join(
                "\n".join(part for part in (stop.title, stop.caption, stop.transcript) if part)
                for stop in stops
            ),
            **meta_fields(
                self.type,
                [
                    type_part(),
                    stops_part(len(stops)),
                    text_part(case_study.title if case_study else ""),
                ],
            ),
            date=_date_of(obj),
            year=case_study.period_start if case_study else None,
            languages=_languages(obj),
            language=obj.locale.language_code,
            translation_key=str(obj.translation_key),
            **_case_study_places(case_study),
        )
