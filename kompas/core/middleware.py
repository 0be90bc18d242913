"""Refuse oversized requests with a clear page (413) before any view reads the body."""

from django.conf import settings
from django.template.response import TemplateResponse


class RequestTooLargeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = self._limit_for(request)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            response = TemplateResponse(
                request,
                "core/request_too_large.html",
                {"limit_mb": round(limit / (1024 * 1024), 1)},
                status=413,
            )
            return response.render()
        return self.get_response(request)

    @staticmethod
    def _limit_for(request) -> int:
        content_type = request.META.get("CONTENT_TYPE", "")
        if content_type.startswith("multipart/form-data"):
            return settings.KOMPAS_MAX_UPLOAD_BYTES
        return settings.DATA_UPLOAD_MAX_MEMORY_SIZE
