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


@pytest.mark.django_db
def test_the_policies_follow_their_settings_and_api_answers_carry_them_too(client, settings):
    """The headers are built once per value of their settings (kompas.core.middleware): a changed setting is
    sent at once, and a JSON answer of the API carries the same policies as a page."""
    page = client.get(reverse("core:home"))
    api = client.get("/api/no-such-path")
    assert api.status_code == 404 and api["Content-Type"].startswith("application/json")
    assert directives(api["Content-Security-Policy"]) == directives(page["Content-Security-Policy"])
    assert api["Permissions-Policy"] == page["Permissions-Policy"]
    assert "Content-Security-Policy-Report-Only" not in page

    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {"default-src": ["'self'"], "img-src": ["'self'", "data:"]}
    }
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    settings.KOMPAS_PERMISSIONS_POLICY = {"camera": ["self"]}
    changed = client.get(reverse("core:home"))
    assert directives(changed["Content-Security-Policy"])["img-src"] == ["'self'", "data:"]
    assert directives(changed["Content-Security-Policy-Report-Only"])["default-src"] == ["'none'"]
    assert changed["Permissions-Policy"] == "camera=(self)"


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
