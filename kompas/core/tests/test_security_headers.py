"""Every page carries a Content-Security-Policy without inline script or style, and a Permissions-Policy."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

TEMPLATES = sorted(Path(__file__).resolve().parents[2].glob("*/templates/**/*.html"))
# Rendered to PDF or Word by the server, never served to a browser as a page.
# Templates that only WeasyPrint renders into a PDF, never served to a browser (so no CSP applies).
NOT_BROWSER_PAGES = {
    "fund/account_pdf.html",
    "proposals/export/proposal_print.html",
    "council/evaluation_print.html",
    "hearings/export/note_print.html",
}


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["core:home", "accounts:login"])
def test_pages_carry_a_strict_csp_and_a_permissions_policy(client, url_name):
    response = client.get(reverse(url_name))
    csp = directives(response["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"] and csp["form-action"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert not any("unsafe" in value for values in csp.values() for value in values)
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy
    # htmx is told not to inject its indicator <style> and not to evaluate attributes.
    assert '"includeIndicatorStyles": false' in response.content.decode()


def test_no_template_needs_inline_script_or_style():
    offenders = []
    for path in TEMPLATES:
        name = path.as_posix().split("/templates/", 1)[1]
        if name in NOT_BROWSER_PAGES:
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in (
            r"<script(?![^>]*\bsrc=)(?![^>]*application/json)",
            r"\son[a-z]+=",
            r"\sstyle=",
            r"<style",
            r"javascript:",
            r"\shx-on",
        ):
            if re.search(pattern, text):
                offenders.append(f"{name}: {pattern}")
    assert offenders == []
