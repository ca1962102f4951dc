from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import health_report


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    report, serving = health_report()
    statuses = [report["database"], report["cache"], report["channel_layer"]]
    statuses.append(report["search"]["status"])
    if not serving:
        report["status"] = "error"
    else:
        report["status"] = "ok" if all(s == "ok" for s in statuses) else "degraded"
    return JsonResponse(report, status=200 if serving else 503)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """A styled 500 rendered without a request context: no database, no session,
    nothing about the failure."""
    return HttpResponseServerError(loader.get_template("500.html").render())
