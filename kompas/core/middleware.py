"""Refuse oversized requests with a clear page (413) before any view reads the body."""

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from .api_errors import error_response

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponseBase


class RequestTooLargeMiddleware:
    def __init__(self, get_response: "Callable[[HttpRequest], HttpResponseBase]") -> None:
        self.get_response = get_response

    def __call__(self, request: "HttpRequest") -> "HttpResponseBase":
        limit = self._limit_for(request)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            if request.path.startswith("/api/"):
                return error_response(413)  # the API answers in its own error shape
            response = TemplateResponse(
                request,
                "core/request_too_large.html",
                {"limit_mb": round(limit / (1024 * 1024), 1)},
                status=413,
            )
            return response.render()
        return self.get_response(request)

    @staticmethod
    def _limit_for(request: "HttpRequest") -> int:
        content_type = request.META.get("CONTENT_TYPE", "")
        if content_type.startswith("multipart/form-data"):
            return settings.KOMPAS_MAX_UPLOAD_BYTES
        return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


class LanguageMiddleware:
    """Danish unless the person chose otherwise.

    A Danish municipality's site speaks Danish by default, whatever the browser's Accept-Language says. The
    choice comes from the language cookie (the footer switch), else the signed-in user's preferred language,
    else ``LANGUAGE_CODE``. Place it after the authentication middleware.
    """

    def __init__(self, get_response: "Callable[[HttpRequest], HttpResponseBase]") -> None:
        self.get_response = get_response

    def __call__(self, request: "HttpRequest") -> "HttpResponseBase":
        code = self._choose(request)
        translation.activate(code)
        request.LANGUAGE_CODE = code
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", code)
        translation.deactivate()
        return response

    @staticmethod
    def _choose(request: "HttpRequest") -> str:
        available = dict(settings.LANGUAGES)
        cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if cookie in available:
            return cookie
        user = getattr(request, "user", None)
        preferred = (
            getattr(user, "preferred_language", "") if user is not None and user.is_authenticated else ""
        )
        return preferred if preferred in available else settings.LANGUAGE_CODE


class PermissionsPolicyMiddleware:
    """Send ``Permissions-Policy`` from ``settings.KOMPAS_PERMISSIONS_POLICY`` ({feature: [allowed origins]}).

    An empty list switches the feature off (``camera=()``); ``["self"]`` allows it for the site itself.
    """

    def __init__(self, get_response: "Callable[[HttpRequest], HttpResponseBase]") -> None:
        self.get_response = get_response

    def __call__(self, request: "HttpRequest") -> "HttpResponseBase":
        response = self.get_response(request)
        policy = getattr(settings, "KOMPAS_PERMISSIONS_POLICY", {})
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = ", ".join(
                f"{feature}=({' '.join(origins)})" for feature, origins in policy.items()
            )
        return response
