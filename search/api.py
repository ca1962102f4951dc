"""``GET /api/v1/search/`` and ``GET /api/v1/related/<type>/<id>/`` (read-only JSON).

Bad input answers 400 with the field and the reason; an unreachable cluster answers from
the database with ``"incomplete": true``; nothing answers 500.
"""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .backends import get_search_backend
from .forms import parse_search_params
from .labels import facet_labels
from .registry import get_searchable
from .results import FACETS, MAX_PAGE, SORTS


class HitSerializer(serializers.Serializer):
    type = serializers.CharField()
    type_label = serializers.CharField()
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField()
    meta = serializers.CharField()
    date = serializers.DateField(allow_null=True)
    title_highlight = serializers.CharField(
        source="title_html", help_text="HTML, escaped, with <mark>"
    )
    snippet = serializers.CharField(source="snippet_html", help_text="HTML, escaped, with <mark>")
    language = serializers.CharField(help_text="The language it is written in; empty if unknown.")


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class FacetSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    values = FacetValueSerializer(many=True)


class RecognisedSerializer(serializers.Serializer):
    facet = serializers.CharField(help_text="The filter parameter, e.g. `theme`.")
    value = serializers.CharField()
    label = serializers.SerializerMethodField()

    def get_label(self, tag) -> str:
        return facet_labels(tag.facet, {tag.value: 0})[tag.value]


class SearchResponseSerializer(serializers.Serializer):
    query = serializers.CharField(source="params.q")
    page = serializers.IntegerField(source="params.page")
    pages = serializers.IntegerField()
    sort = serializers.CharField(source="params.sort")
    total = serializers.IntegerField()
    backend = serializers.CharField()
    incomplete = serializers.BooleanField(
        help_text="True when the search cluster could not answer and the database did."
    )
    suggestion = serializers.CharField(help_text="A corrected query when nothing matched.")
    relaxed = serializers.BooleanField(
        help_text="True when no result had every word: these match most of them "
        "(or close spellings)."
    )
    corrected_from = serializers.CharField(
        help_text="When nothing matched the query, the query as typed: the results are "
        "those of `suggestion`."
    )
    expansions = serializers.ListField(
        child=serializers.CharField(),
        help_text="Names in other languages of the concepts the query named, searched too.",
    )
    recognised = RecognisedSerializer(
        many=True, help_text="Themes, sectors, countries and regions the query named."
    )
    results = HitSerializer(many=True, source="hits")
    facets = FacetSerializer(many=True)


class RelatedItemSerializer(serializers.Serializer):
    type = serializers.CharField()
    type_label = serializers.CharField()
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField()
    chosen = serializers.BooleanField(help_text="Chosen by the editors.")
    reasons = serializers.ListField(child=serializers.CharField())


class RelatedSectionSerializer(serializers.Serializer):
    type = serializers.CharField()
    label = serializers.CharField()
    items = RelatedItemSerializer(many=True)


class RelatedResponseSerializer(serializers.Serializer):
    backend = serializers.CharField()
    incomplete = serializers.BooleanField()
    sections = RelatedSectionSerializer(many=True)


class ErrorSerializer(serializers.Serializer):
    field = serializers.ListField(child=serializers.CharField(), help_text="Messages per field.")


SEARCH_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Words to find (up to 500 characters)."),
    *[
        OpenApiParameter(
            name,
            OpenApiTypes.STR,
            many=True,
            description=f"Filter by {name}; repeat to combine values (any of them).",
        )
        for name in FACETS
    ],
    OpenApiParameter("sort", OpenApiTypes.STR, enum=list(SORTS)),
    OpenApiParameter("page", OpenApiTypes.INT, description=f"1 to {MAX_PAGE}."),
]


class SearchAPIView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="search",
        summary="Search everything the viewer may see",
        parameters=SEARCH_PARAMETERS,
        responses={200: SearchResponseSerializer, 400: ErrorSerializer},
    )
    def get(self, request: Request) -> Response:
        params, errors = parse_search_params(request.query_params, strict=True)
        if errors:
            return Response(errors, status=400)
        results = get_search_backend().search(params, viewer=request.user)
        return Response(SearchResponseSerializer(results).data)


class RelatedAPIView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="related",
        summary="Related items of a case study, inventory item or recommendation",
        responses={200: RelatedResponseSerializer, 404: None},
    )
    def get(self, request: Request, type_name: str, pk: int) -> Response:
        from .visibility import document_visible, visible_group_ids

        searchable = get_searchable(type_name)
        if searchable is None or not searchable.related_types or pk > 2**63 - 1:
            raise Http404
        obj = searchable.get_queryset().filter(pk=pk).first()
        if obj is None:
            raise Http404
        document = searchable.document(obj)
        if not document_visible(
            group_id=document.group_id,
            group_public=document.group_public,
            visible=visible_group_ids(request.user),
        ):
            raise Http404
        related = get_search_backend().related(obj, viewer=request.user)
        return Response(RelatedResponseSerializer(related).data)
