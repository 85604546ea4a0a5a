"""Every page type checked by axe-core (WCAG 2.1 A/AA rules) in Chromium, and photographed for review."""

from __future__ import annotations

import pytest

from harness import axe_violations, browser, new_page, screenshot  # noqa: F401 - fixtures

PAGE_TYPES = {
    "home": "/",
    "search": "/search?objective=5&region=019",
    "practices": "/practices",
    "norms": "/norms?status=in-force",
    "practice": "/id/practice/mda-diaspora-succeeds-at-home-dar-1-3",
    "norm": "/id/norm/arg-ley-25871-migraciones",
    "instrument": "/id/norm/ecowas-protocol-free-movement-1979?at=2025-01-28",
    "amended-norm": "/id/norm/deu-aufenthaltsgesetz-2004",
    "organisation": "/id/org/iom",
    "objective": "/gcm/objective/20",
    "principle": "/gcm/principle/human-rights",
    "sdg-goal": "/sdg/10",
    "sdg-target": "/sdg/10.7",
    "country": "/country/ARG",
    "country-at-a-date": "/country/MLI?at=2024-06-01",
    "region": "/region/150",
    "coverage": "/coverage",
    "profiles": "/profiles",
    "coverage-region": "/coverage?region=150",
    "coverage-primary": "/coverage?objectives=primary&kind=practice",
    "coverage-by-grouping": "/coverage?by=grouping",
    "country-with-places": "/country/BRA",
    "place": "/place/BRA-sao-paulo",
    "grouping": "/grouping/eclac-caribbean",
    "groupings": "/groupings",
    "search-on-a-day": "/search?country=ARG&at=2024-06-01&wider=yes",
    "search-few-results": "/search?country=MLI",   # every organisation at 0: the scrolling list is still reachable
    "vocabularies": "/vocabularies",
    "scheme": "/countries",
    "places": "/places",
    "places-of-a-country": "/places?country=BRA",
    "ontology": "/ontology",
    "sparql": "/sparql",
    "downloads": "/dumps/",
    "not-found": "/id/practice/no-such-entry",
}
PHONE = ("home", "search", "practice", "country", "coverage")


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_page_type_has_no_serious_accessibility_violations(site, new_page, name):
    page = new_page(base_url=site)
    page.goto(PAGE_TYPES[name])
    page.wait_for_load_state("networkidle")
    violations = axe_violations(page)
    screenshot(page, name)
    assert violations == [], violations


@pytest.mark.parametrize("name", PHONE)
def test_page_type_fits_a_phone_in_spanish(site, new_page, name):
    page = new_page(width=390, height=844, locale="es-ES", base_url=site, is_mobile=True, has_touch=True)
    page.goto(PAGE_TYPES[name])
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.evaluate("window.scrollTo(2000, 0) || window.scrollX === 0"), "sideways scrolling"
    assert axe_violations(page) == []
    screenshot(page, f"phone-{name}-es")


def test_keyboard_users_can_skip_to_the_content(site, new_page):
    page = new_page(base_url=site)
    page.goto("/search")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("e => e === document.activeElement") and skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
