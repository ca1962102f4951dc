from django.urls import path

from core.ratelimit import ratelimit

from . import api, views

app_name = "search"

urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("search/autocomplete/", views.autocomplete, name="autocomplete"),
    path(
        "api/v1/search/",
        ratelimit("search", methods=["GET"], as_json=True)(api.SearchAPIView.as_view()),
        name="api_search",
    ),
    path(
        "api/v1/related/<slug:type_name>/<int:pk>/",
        api.RelatedAPIView.as_view(),
        name="api_related",
    ),
]
