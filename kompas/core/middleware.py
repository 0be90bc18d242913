"""Refuse oversized requests with a clear page (413) before any view reads the body; the site's language; its
Permissions-Policy and Content-Security-Policy headers."""

from collections.abc import Callable
from http import HTTPStatus
from typing import TYPE_CHECKING

from csp import middleware as csp_middleware
from csp.constants import HEADER as CSP_HEADER
from csp.constants import HEADER_REPORT_ONLY as CSP_HEADER_REPORT_ONLY
from csp.utils import build_policy
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

    An empty list switches the feature off (``camera=()``); ``["self"]`` allows it for the site itself. The
    header is written once for each value of the setting, not for every response.
    """

    def __init__(self, get_response: "Callable[[HttpRequest], HttpResponseBase]") -> None:
        self.get_response = get_response
        self._written: tuple[object, str] = (None, "")

    def __call__(self, request: "HttpRequest") -> "HttpResponseBase":
        response = self.get_response(request)
        policy = getattr(settings, "KOMPAS_PERMISSIONS_POLICY", {})
        if policy and "Permissions-Policy" not in response:
            source, header = self._written
            if source is not policy:
                header = ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in policy.items())
                self._written = (policy, header)
            response["Permissions-Policy"] = header
        return response


_PER_RESPONSE_CSP = tuple(
    f"_csp_{part}{suffix}" for part in ("config", "update", "replace") for suffix in ("", "_ro")
)


class CSPMiddleware(csp_middleware.CSPMiddleware):
    """django-csp's middleware, with the site's policies (``CONTENT_SECURITY_POLICY`` and its report-only twin)
    built once for each value of the settings instead of for every response: building them cost as much as a
    small view. A response that changes its policy (django-csp's decorators, ``_csp_update`` …) or a page
    that used ``request.csp_nonce`` goes through django-csp unchanged."""

    def __init__(self, get_response: "Callable[[HttpRequest], HttpResponseBase]") -> None:
        super().__init__(get_response)
        self._built: tuple[object, object, str, str] = (None, None, "", "")

    def process_response(self, request: "HttpRequest", response: "HttpResponseBase") -> "HttpResponseBase":
        if getattr(request, "_csp_nonce", None) is not None or any(
            hasattr(response, name) for name in _PER_RESPONSE_CSP
        ):
            return super().process_response(request, response)
        if settings.DEBUG and response.status_code in (
            HTTPStatus.INTERNAL_SERVER_ERROR,
            HTTPStatus.NOT_FOUND,
        ):
            return response  # as django-csp: Django's debug pages keep their inline styles
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", None)
        report_only = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        if self._built[0] is not policy or self._built[1] is not report_only:
            self._built = (policy, report_only, build_policy(), build_policy(report_only=True))
        for header, value, exempt, config in (
            (CSP_HEADER, self._built[2], "_csp_exempt", policy),
            (CSP_HEADER_REPORT_ONLY, self._built[3], "_csp_exempt_ro", report_only),
        ):
            if not value or header in response or getattr(response, exempt, False) is not False:
                continue
            excluded = tuple((config or {}).get("EXCLUDE_URL_PREFIXES", None) or ())
            if not request.path_info.startswith(excluded):
                response[header] = value
        # as django-csp: a nonce asked for after the header was written is an error, not a silent gap
        request.csp_nonce = csp_middleware.CheckableLazyObject(self._csp_nonce_post_response)  # type: ignore[attr-defined]
        return response
