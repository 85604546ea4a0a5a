"""Every page type works under the Content-Security-Policy the server sends: no violation in Chromium."""

from __future__ import annotations

import pytest

from harness import browser, new_page  # noqa: F401 - fixtures
from test_accessibility import PAGE_TYPES

# Chromium reports each blocked script, style, image or request as a `securitypolicyviolation` event.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", e => window.__violations.push(
    e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber));
"""
EXTRA_PAGES = {"api-docs": "/docs"}


@pytest.mark.parametrize("name", [*PAGE_TYPES, *EXTRA_PAGES])
def test_page_type_runs_under_the_content_security_policy(site, new_page, name):
    page = new_page(base_url=site)
    page.add_init_script(RECORD_VIOLATIONS)
    console = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    response = page.goto(PAGE_TYPES.get(name) or EXTRA_PAGES[name])
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    if name == "sparql":
        page.locator(".yasqe .CodeMirror").first.wait_for()          # the editor ran
    if name == "api-docs":
        page.locator(".swagger-ui .opblock").first.wait_for()        # Swagger UI drew the operations
    assert page.evaluate("window.__violations") == [] and console == []
