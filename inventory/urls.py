from django.urls import include, path, re_path
from rest_framework.routers import SimpleRouter

from . import api, views

app_name = "inventory"

router = SimpleRouter()
router.register("inventory", api.InventoryItemViewSet, basename="api-item")
router.register("recommendations", api.RecommendationViewSet, basename="api-recommendation")

urlpatterns = [
    path("inventory/", views.item_list, name="item_list"),
    re_path(r"^inventory/export\.(?P<fmt>csv|json)$", views.item_export, name="item_export"),
    path("inventory/<slug:external_id>/", views.item_detail, name="item_detail"),
    path("recommendations/", views.recommendation_list, name="recommendation_list"),
    re_path(
        r"^recommendations/export\.(?P<fmt>csv|json)$",
        views.recommendation_export,
        name="recommendation_export",
    ),
    path(
        "recommendations/<slug:external_id>/",
        views.recommendation_detail,
        name="recommendation_detail",
    ),
    path("api/v1/", include(router.urls)),
]
