from typing import TYPE_CHECKING, Any

from django.conf import settings

if TYPE_CHECKING:
    from django.http import HttpRequest


def site(request: "HttpRequest") -> dict[str, Any]:
    """What every page needs: the site's name, the footer link and the navigation for this user."""
    from .navigation import navigation_for

    return {
        "site_name": settings.KOMPAS_SITE_NAME,
        "municipality": settings.KOMPAS_MUNICIPALITY,
        "accessibility_statement_url": settings.KOMPAS_ACCESSIBILITY_STATEMENT_URL,
        "use_oidc": settings.USE_OIDC,
        "navigation": navigation_for(request),
    }
