from django.urls import path, re_path

from . import views

app_name = "inventory"

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
]
