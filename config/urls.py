from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from community.views import language as community_language
from core import views as core_views

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", include("config.api_router")),
    path("i18n/setlang/", community_language.set_language, name="set_language"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Pages readers see carry the language in the URL (/fr/…, /es/…); English has no prefix.
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("", include("community.urls")),
    path("", include("inventory.urls")),
    path("", include("casestudies.urls")),
    path("forums/", include("forums.urls")),
    path("", include("search.urls")),
    path("", include("outcomes.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
