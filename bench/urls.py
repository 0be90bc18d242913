"""The project's URLs plus the floor: the least a Django view can do, served by the same server."""

from django.http import HttpResponse
from django.urls import include, path


def floor(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/floor/", floor), path("", include("config.urls"))]
