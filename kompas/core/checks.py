"""System checks that catch misconfiguration before a request does."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.urls import URLPattern, URLResolver, get_resolver

OIDC_REQUIRED = (
    "OIDC_RP_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
)


@register(Tags.security)
def check_oidc(app_configs, **kwargs):
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
def check_accessibility_statement(app_configs, **kwargs):
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


def iter_views(resolver=None, namespace=""):
    """Yield (qualified url name, view callable) for every named URL pattern of the project."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            yield from iter_views(entry, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry.callback


@register(Tags.urls)
def check_views_declare_access(app_configs, **kwargs):
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
