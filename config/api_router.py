"""The whole JSON API in one place, mounted once at ``/api/v1/`` by ``config.urls``
outside the language prefixes (as cookiecutter-django's ``config/api_router.py``).

Each app keeps its views and serializers in its own ``api.py``; this module only decides
where they are mounted and under which names (``api:<name>``), so that the OpenAPI
schema, the URL resolver and this file list the same endpoints.
"""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from core.ratelimit import ratelimit
from inventory.api import InventoryItemViewSet, RecommendationViewSet
from search.api import RelatedAPIView, SearchAPIView

app_name = "api"

router = SimpleRouter()
router.register("inventory", InventoryItemViewSet, basename="item")
router.register("recommendations", RecommendationViewSet, basename="recommendation")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "search/",
        ratelimit("search", methods=["GET"], as_json=True)(SearchAPIView.as_view()),
        name="search",
    ),
    path("related/<slug:type_name>/<int:pk>/", RelatedAPIView.as_view(), name="related"),
    *router.urls,
]
