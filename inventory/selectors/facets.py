"""Facet counts of the inventory and recommendation listings (shown through
``core.listings``), each over the query without that facet's own filter."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.listings import Facet, facet
from inventory.filters import InventoryItemFilter, RecommendationFilter
from inventory.models import GFMDMeeting, InventoryItem, Recommendation
from taxonomy.models import Audience, Sector, Theme

from .common import language_label


def item_facets(*, filterset: InventoryItemFilter) -> dict[str, Facet]:
    """Counts per value for the checkbox facets, each taken over the query without that
    facet's own filter (so choosing "course" does not make "tool" look empty)."""
    data = filterset.form.data
    facets: dict[str, Facet] = {}
    for name in ("kind", "status", "delivery_mode"):
        field = InventoryItem._meta.get_field(name)
        counts = dict(
            filterset.queryset_without(name)
            .order_by()
            .values_list(name)
            .annotate(n=Count("pk"))
            .values_list(name, "n")
        )
        facets[name] = facet(
            name=name,
            label=capfirst(str(field.verbose_name)),
            options=[(value, str(label), counts.get(value, 0)) for value, label in field.choices],
            selected=_getlist(data, name),
        )
    for name, attr, model in (
        ("theme", "themes", Theme),
        ("sector", "sectors", Sector),
        ("audience", "audiences", Audience),
    ):
        through = getattr(InventoryItem, attr).through
        fk = f"{model._meta.model_name}_id"
        counts = dict(
            through.objects.filter(
                inventoryitem_id__in=filterset.queryset_without(name).values("pk")
            )
            .order_by()
            .values(fk)
            .annotate(n=Count("pk"))
            .values_list(fk, "n")
        )
        facets[name] = facet(
            name=name,
            label=capfirst(str(model._meta.verbose_name)),
            options=sorted(
                ((obj.slug, obj.label, counts.get(obj.pk, 0)) for obj in model.objects.all()),
                key=lambda option: option[1],
            ),
            selected=_getlist(data, name),
        )
    languages: Counter[str] = Counter()
    for codes in (
        filterset.queryset_without("language").order_by().values_list("languages", flat=True)
    ):
        languages.update(set(codes or []))
    facets["language"] = facet(
        name="language",
        label=_("Language"),
        options=sorted(
            ((code, language_label(code), n) for code, n in languages.items()),
            key=lambda option: (-option[2], option[1]),
        ),
        selected=_getlist(data, "language"),
    )
    return facets


def _getlist(data, name: str) -> list[str]:
    return data.getlist(name) if hasattr(data, "getlist") else [data[name]] if name in data else []


def recommendation_facets(*, filterset: RecommendationFilter) -> dict[str, Facet]:
    data = filterset.form.data
    by_meeting = dict(
        filterset.queryset_without("meeting")
        .order_by()
        .values_list("meeting_id")
        .annotate(n=Count("pk"))
        .values_list("meeting_id", "n")
    )
    by_status = dict(
        filterset.queryset_without("follow_up_status")
        .order_by()
        .values_list("follow_up_status")
        .annotate(n=Count("pk"))
        .values_list("follow_up_status", "n")
    )
    through = Recommendation.themes.through
    by_theme = dict(
        through.objects.filter(
            recommendation_id__in=filterset.queryset_without("theme").values("pk")
        )
        .order_by()
        .values("theme_id")
        .annotate(n=Count("pk"))
        .values_list("theme_id", "n")
    )
    return {
        "meeting": facet(
            name="meeting",
            label=_("GFMD meeting"),
            options=[
                (str(m.year), f"{m.year} — {m.host}", by_meeting.get(m.pk, 0))
                for m in GFMDMeeting.objects.all()
            ],
            selected=_getlist(data, "meeting"),
        ),
        "theme": facet(
            name="theme",
            label=_("Theme"),
            options=sorted(
                ((t.slug, t.label, by_theme.get(t.pk, 0)) for t in Theme.objects.all()),
                key=lambda option: option[1],
            ),
            selected=_getlist(data, "theme"),
        ),
        "follow_up_status": facet(
            name="follow_up_status",
            label=_("Follow-up status"),
            options=[
                (value, str(label), by_status.get(value, 0))
                for value, label in Recommendation.FollowUp.choices
            ],
            selected=_getlist(data, "follow_up_status"),
        ),
    }
