"""Absolute links for what is read outside the site: e-mails sent by a task, a command or a service that was not
given the request's own address builder. ``KOMPAS_SITE_URL`` says where the site is (``check --deploy`` warns
while it is not an https address)."""

from urllib.parse import urlsplit

from django.conf import settings


def absolute(path: str) -> str:
    """``path`` (``/hearings/3/note/``) as an address a mail reader can open; an absolute address, or "", stays
    as it is."""
    if not path or urlsplit(path).scheme:
        return path
    base = str(getattr(settings, "KOMPAS_SITE_URL", "")).rstrip("/")
    return f"{base}{path if path.startswith('/') else '/' + path}"
