"""The read-only JSON API: ``/api/v1/inventory/`` and ``/api/v1/recommendations/``.

The same FilterSets as the public pages (``inventory.filters``) turn query parameters into
queries; an unknown value is a 400 naming the parameter, never a 500. The querysets come
from ``inventory.selectors`` with everything prefetched, so a page costs the same number
of queries whatever its size (the page size itself is capped at 100).
"""

from __future__ import annotations

from django.utils.translation import get_language_from_request
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from . import selectors
from .filters import InventoryItemFilter, RecommendationFilter
from .models import InventoryItem, Recommendation


class CodeNameSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField(source="label")


class SlugNameSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField(source="label")


class MeetingSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    host = serializers.CharField()


class ItemLinkSerializer(serializers.Serializer):
    external_id = serializers.SlugField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, obj) -> str:
        return _absolute(self.context, obj.get_absolute_url())


def _absolute(context: dict, path: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(path) if request else path


class InventoryItemSerializer(serializers.ModelSerializer):
    providers = SlugNameSerializer(many=True)
    target_countries = CodeNameSerializer(many=True)
    target_regions = CodeNameSerializer(many=True)
    sectors = SlugNameSerializer(many=True)
    themes = SlugNameSerializer(many=True)
    audiences = SlugNameSerializer(many=True)
    languages = serializers.ListField(child=serializers.CharField())
    replicable_components = serializers.ListField(child=serializers.CharField())
    url = serializers.SerializerMethodField()
    web_address = serializers.URLField(source="url")
    matched_because = serializers.SerializerMethodField()

    class Meta:
        model = InventoryItem
        fields = [
            "external_id",
            "url",
            "title",
            "kind",
            "status",
            "delivery_mode",
            "providers",
            "languages",
            "target_countries",
            "target_regions",
            "sectors",
            "themes",
            "audiences",
            "start_date",
            "end_date",
            "cohort_year",
            "certification",
            "summary",
            "description",
            "replication_notes",
            "replicable_components",
            "cost_notes",
            "contact",
            "web_address",
            "updated_at",
            "matched_because",
        ]

    def get_url(self, obj: InventoryItem) -> str:
        return _absolute(self.context, obj.get_absolute_url())

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_matched_because(self, obj: InventoryItem) -> list[str]:
        criteria = self.context.get("criteria")
        if not criteria:
            return []
        return selectors.match_reasons(item=obj, criteria=criteria, tree=self.context["tree"])


class RecommendationSerializer(serializers.ModelSerializer):
    meeting = MeetingSerializer()
    themes = SlugNameSerializer(many=True)
    inventory_items = ItemLinkSerializer(many=True, source="published_items")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Recommendation
        fields = [
            "external_id",
            "url",
            "title",
            "meeting",
            "roundtable",
            "text",
            "themes",
            "follow_up_status",
            "inventory_items",
            "updated_at",
        ]

    def get_url(self, obj: Recommendation) -> str:
        return _absolute(self.context, obj.get_absolute_url())


class FilterBackend(DjangoFilterBackend):
    """Keeps the validated filterset on the view, so results can say why they matched."""

    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        view.filterset = filterset
        return filterset


class ReadOnlyPublicViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AllowAny]
    throttle_classes = [AnonRateThrottle, UserRateThrottle]
    filter_backends = [FilterBackend]
    lookup_field = "external_id"

    def content_language(self) -> str:
        """The API sits outside the language prefixes: the reader's language comes from
        their language cookie or ``Accept-Language``; records are returned in it where a
        published translation exists, else in the original."""
        return get_language_from_request(self.request._request)


class InventoryItemViewSet(ReadOnlyPublicViewSet):
    """Published inventory items: training activities, courses, tools, handbooks and
    knowledge products. Filters combine; each result says why it matched."""

    serializer_class = InventoryItemSerializer
    filterset_class = InventoryItemFilter

    def get_queryset(self):
        return selectors.item_queryset(language=self.content_language())

    def get_serializer_context(self):
        context = super().get_serializer_context()
        filterset = getattr(self, "filterset", None)
        if filterset is not None and filterset.is_valid():
            context["criteria"] = filterset.form.cleaned_data
            context["tree"] = filterset.tree
        return context

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)


class RecommendationViewSet(ReadOnlyPublicViewSet):
    """Published GFMD recommendations with their meeting, themes and the published
    inventory items that respond to them."""

    serializer_class = RecommendationSerializer
    filterset_class = RecommendationFilter

    def get_queryset(self):
        return selectors.recommendation_queryset(language=self.content_language())

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)
