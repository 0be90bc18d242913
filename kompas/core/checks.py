"""System checks that catch misconfiguration before a request does."""

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.urls import URLPattern, URLResolver, get_resolver

if TYPE_CHECKING:
    from django.apps import AppConfig

OIDC_REQUIRED = (
    "OIDC_RP_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
)


@register(Tags.security)
def check_oidc(app_configs: "Sequence[AppConfig] | None", **kwargs: Any) -> Sequence[CheckMessage]:
    if not getattr(settings, "USE_OIDC", False):
        return []
    missing = [name for name in OIDC_REQUIRED if not getattr(settings, name, "")]
    if settings.OIDC_RP_SIGN_ALGO.startswith("RS") and not settings.OIDC_OP_JWKS_ENDPOINT:
        missing.append("OIDC_OP_JWKS_ENDPOINT")
    return [
        Error(
            f"USE_OIDC is on but {name} is not set.",
            hint="Set it in the environment, or turn USE_OIDC off to use local accounts only.",
            id="kompas.E001",
        )
        for name in missing
    ]


@register(Tags.security)
def check_accessibility_statement(
    app_configs: "Sequence[AppConfig] | None", **kwargs: Any
) -> Sequence[CheckMessage]:
    url = getattr(settings, "KOMPAS_ACCESSIBILITY_STATEMENT_URL", "")
    if not url.startswith(("https://", "/")):
        return [
            Warning(
                "KOMPAS_ACCESSIBILITY_STATEMENT_URL should be an https address or a path on this site.",
                hint="Danish public websites must link to their accessibility statement (was.digst.dk).",
                id="kompas.W002",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_site_url(app_configs: "Sequence[AppConfig] | None", **kwargs: Any) -> Sequence[CheckMessage]:
    url = str(getattr(settings, "KOMPAS_SITE_URL", ""))
    host = urlsplit(url).hostname or ""
    if not url.startswith("https://") or host in ("localhost", "127.0.0.1", "::1"):
        return [
            Warning(
                "KOMPAS_SITE_URL should be the site's public https address.",
                hint="The links in the daily digest and in other e-mails sent outside a request are built from it.",
                id="kompas.W005",
            )
        ]
    return []


PROCESS_LOCAL_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)
# Shared, but incr reads and writes back (counts lost between processes) and resets the expiry.
NON_ATOMIC_CACHES = (
    "django.core.cache.backends.db.DatabaseCache",
    "django.core.cache.backends.filebased.FileBasedCache",
)


@register(Tags.security, Tags.caches)
def check_shared_cache(app_configs: "Sequence[AppConfig] | None", **kwargs: Any) -> Sequence[CheckMessage]:
    """Rate limits (login lockout, password reset) need one count for all web processes (ADR 0016)."""
    if not getattr(settings, "KOMPAS_REQUIRE_SHARED_CACHE", False):
        return []
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in PROCESS_LOCAL_CACHES:
        return [
            Error(
                f"The default cache ({backend}) lives inside each process, so every web worker counts failed "
                "logins and password resets on its own and the lockout never triggers.",
                hint="Set REDIS_URL, or use kompas.core.cache_backends.DatabaseCache (production's default "
                "without REDIS_URL).",
                id="kompas.E010",
            )
        ]
    if backend in NON_ATOMIC_CACHES:
        return [
            Error(
                f"The default cache ({backend}) does not increment atomically, so rate-limit counts are lost "
                "when processes count at the same time.",
                hint="Use kompas.core.cache_backends.DatabaseCache or Redis (REDIS_URL).",
                id="kompas.E011",
            )
        ]
    return []


@register(Tags.security)
def check_trusted_proxy(app_configs: "Sequence[AppConfig] | None", **kwargs: Any) -> Sequence[CheckMessage]:
    header = getattr(settings, "KOMPAS_TRUSTED_PROXY_HEADER", "") or ""
    errors = []
    if header and not header.startswith("HTTP_"):
        errors.append(
            Error(
                f"KOMPAS_TRUSTED_PROXY_HEADER is {header!r}, which is not a request header's META name.",
                hint='Write it as Django names it in request.META, e.g. "HTTP_X_FORWARDED_FOR".',
                id="kompas.E012",
            )
        )
    if int(getattr(settings, "KOMPAS_TRUSTED_PROXY_COUNT", 1) or 0) < 1:
        errors.append(
            Error(
                "KOMPAS_TRUSTED_PROXY_COUNT must be 1 or more (the number of your proxies that append to the header).",
                id="kompas.E013",
            )
        )
    return errors


def iter_views(
    resolver: URLResolver | None = None, namespace: str = ""
) -> Iterator[tuple[str, Callable[..., Any]]]:
    """Yield (qualified url name, view callable) for every named URL pattern of the project."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            yield from iter_views(entry, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry.callback


@register(Tags.urls)
def check_views_declare_access(
    app_configs: "Sequence[AppConfig] | None", **kwargs: Any
) -> Sequence[CheckMessage]:
    """Every Kompas view must declare who may see it (see kompas.core.access)."""
    errors = []
    for name, view in iter_views():
        module = getattr(view, "__module__", "") or ""
        if not module.startswith("kompas.") or name.startswith("api:"):
            continue
        if getattr(view, "kompas_access", None) is None:
            errors.append(
                Error(
                    f"The view behind '{name}' does not declare who may see it.",
                    hint="Wrap it with one of the decorators in kompas.core.access.",
                    id="kompas.E003",
                )
            )
    return errors
