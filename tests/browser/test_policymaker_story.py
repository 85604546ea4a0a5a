"""A policymaker's visit in a real browser (Debian's Chromium, headless, driven by Playwright)."""

from __future__ import annotations

import csv
import re
from urllib.parse import parse_qs, urlsplit

from harness import browser, new_page, screenshot  # noqa: F401 - fixtures

OBJECTIVE = "5"
COUNTRY = "ARG"


def shown_total(page) -> int:
    return int(page.locator(".result-count").get_attribute("data-total"))


def sparql_count(page, query: str) -> int:
    r = page.request.get("/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"})
    assert r.ok, r.text()
    return len({b["e"]["value"] for b in r.json()["results"]["bindings"]})


def test_policymaker_finds_reads_compares_and_shares(site, new_page):
    page = new_page(base_url=site)

    # The home page: the 23 objectives with their counts; choose one.
    page.goto("/")
    assert page.locator(".objective-grid > li").count() == 23
    page.locator(f'a.objective-tile[href="/search?objective={OBJECTIVE}"]').click()
    page.wait_for_url(re.compile(rf"/search\?objective={OBJECTIVE}$"))
    by_objective = shown_total(page)

    # Add a country from the region → sub-region → country facet (the box narrows the long list).
    page.locator(".facet-region .facet-filter").fill("Argentina")
    page.locator(".facet-region a", has_text=re.compile(r"^Argentina\b")).click()
    page.wait_for_url(re.compile(rf"country={COUNTRY}"))
    params = parse_qs(urlsplit(page.url).query)
    assert params == {"objective": [OBJECTIVE], "country": [COUNTRY]}
    total = shown_total(page)
    assert 0 < total < by_objective

    # The same filter through the JSON API and the SPARQL endpoint gives the same count.
    api = page.request.get("/api/search", params={"objective": OBJECTIVE, "country": COUNTRY}).json()
    assert api["total"] == total
    query = parse_qs(urlsplit(page.locator("a.sparql-link").get_attribute("href")).query)["edit"][0]
    assert sparql_count(page, query) == total
    english_heading = page.locator("#facet-objective").inner_text()
    english_label = page.locator(".facet-objective a.on").inner_text()
    screenshot(page, "search-filtered-en")

    # Switch to Spanish: labels change, the filters stay.
    page.locator('nav.languages a[hreflang="es"]').click()
    page.wait_for_url(re.compile(r"lang=es"))
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("#facet-objective").inner_text() != english_heading
    assert page.locator(".facet-objective a.on").inner_text() != english_label
    assert "Objetivo" in page.locator("#facet-objective").inner_text()
    params = parse_qs(urlsplit(page.url).query)
    assert params["objective"] == [OBJECTIVE] and params["country"] == [COUNTRY]
    assert shown_total(page) == total
    screenshot(page, "search-filtered-es")

    # Download the current results as CSV.
    with page.expect_download() as download:
        page.locator('a.download[data-format="csv"]').click()
    with open(download.value.path(), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == total and all(r["iri"].startswith("https://w3id.org/gcmkg/id/") for r in rows)

    # Open an entry from the results (still in Spanish: the choice is remembered).
    first = page.locator(".result-list .entry-title a").first
    title = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == title
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator('script[type="application/ld+json"]').count() == 1
    assert page.locator(".citation").inner_text()
    page.go_back()

    # Follow "show as SPARQL" and run it in the query page's editor.
    page.locator("a.sparql-link").click()
    page.wait_for_url(re.compile(r"/sparql\?edit="))
    run = page.locator(".yasqe_queryButton")
    run.wait_for()
    with page.expect_response(lambda r: urlsplit(r.url).path == "/sparql" and r.request.method == "POST") as answer:
        run.click()
    bindings = answer.value.json()["results"]["bindings"]
    assert len({b["e"]["value"] for b in bindings}) == total
    page.locator(".yasr").wait_for()
    screenshot(page, "sparql-from-search")


def test_the_sparql_page_works_without_javascript(site, new_page):
    page = new_page(base_url=site, java_script_enabled=False)
    page.goto("/search?objective=20")
    total = shown_total(page)
    page.locator("a.sparql-link").click()
    assert "GROUP BY ?e" in page.locator("#query").input_value()
    with page.expect_navigation():
        page.locator("#plain-form button[type=submit]").click()
    assert page.url.split("?")[0].endswith("/sparql")
    assert page.content().count('"e"') >= total          # the JSON results, one binding of ?e per entry


def test_facets_work_without_javascript_and_on_a_phone(site, new_page):
    page = new_page(width=390, height=844, base_url=site, java_script_enabled=False, is_mobile=True)
    page.goto("/practices?objective=7")
    assert page.evaluate("window.scrollTo(2000, 0) || window.scrollX === 0")
    before = shown_total(page)
    page.locator(".facet-principle a").first.click()
    assert "principle=" in page.url and shown_total(page) <= before
    screenshot(page, "phone-practices")
