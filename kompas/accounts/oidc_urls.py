"""The OIDC routes under /oidc/, always present; each view answers 404 unless USE_OIDC is on (ADR 0019).

Kompas's own classes rather than ``mozilla_django_oidc.urls``, which picks its classes from settings when it is
imported. The names are mozilla-django-oidc's, which its session-refresh middleware reverses.
"""

from django.urls import path

from kompas.core.access import public

from .oidc import KompasOIDCCallbackView, KompasOIDCLogoutView, KompasOIDCRequestView

urlpatterns = [
    path("callback/", KompasOIDCCallbackView.as_view(), name="oidc_authentication_callback"),
    path("authenticate/", public(KompasOIDCRequestView.as_view()), name="oidc_authentication_init"),
    path("logout/", public(KompasOIDCLogoutView.as_view()), name="oidc_logout"),
]
