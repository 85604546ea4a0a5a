"""A ministry analyst in Chromium: compares the region's education norms, opens a provision, reads her
country's implementation analysis and downloads it; both pages axe clean, in English and Spanish."""

from __future__ import annotations

import csv
import io

import pytest

from harness import axe_violations, browser, new_page, screenshot  # noqa: F401 - fixtures


@pytest.mark.parametrize("locale", ["en-GB", "es-ES"])
def test_analyst_compares_norms_and_opens_the_provision_behind_a_cell(site, new_page, locale):
    page = new_page(base_url=site, locale=locale)
    page.goto("/profiles/education/compare")
    grid = page.locator("table.profile-grid")
    brazil = grid.locator("tr", has=page.locator('th[scope="row"] a[href="/country/BRA"]'))
    provision = brazil.locator("blockquote.provision")
    assert not provision.is_visible(), "the provision waits behind its summary"
    brazil.locator("details summary").first.click()
    assert provision.is_visible() and "língua materna" in provision.inner_text()
    assert provision.get_attribute("lang") == "pt"
    screenshot(page, f"education-compare-{locale}")
    assert axe_violations(page) == []
    brazil.locator('a[href^="/id/norm/bra-resolucao-cne-ceb-1-2020"]').first.click()
    page.wait_for_url("**/id/norm/bra-resolucao-cne-ceb-1-2020#assessment-language-support")
    assert page.locator("#assessment-language-support blockquote").is_visible()
    assert axe_violations(page) == []


def test_analyst_reads_chiles_implementation_analysis_and_downloads_it(site, new_page):
    page = new_page(base_url=site)
    page.goto("/profiles/education/analysis?country=CHL")
    assert page.locator("h1").inner_text() == "Analysis of implementation: Chile"
    findings = page.locator("span.finding").all_inner_texts()
    assert "Practices, no norm" in findings
    screenshot(page, "education-analysis-CHL")
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as CSV").click()
    rows = list(csv.reader(io.StringIO(open(download.value.path(), encoding="utf-8").read())))
    assert rows[0][0] == "Country" and {r[0] for r in rows[1:]} == {"CHL"}


def test_regional_analysis_prints_without_the_page_controls(site, new_page):
    page = new_page(base_url=site)
    page.goto("/profiles/education/analysis?region=419")
    assert axe_violations(page) == []
    page.emulate_media(media="print")
    assert not page.locator(".profile-tools").first.is_visible(), "links to other pages are not printed"
    assert page.locator("table.analysis-table").first.is_visible()
