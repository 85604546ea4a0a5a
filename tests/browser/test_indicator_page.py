"""A policymaker reads an indicator in Chromium: the chart, the table of the same numbers and the sentence
beside it, chooses countries with the form (no script needed), prints the page; axe finds nothing serious."""

from __future__ import annotations

import re

import pytest

from harness import axe_violations, browser, new_page, screenshot  # noqa: F401 - fixtures
from indicator_cubes import INDICATOR, YEARS, cube_site, value  # noqa: F401 - fixtures


def test_a_policymaker_reads_the_chart_its_table_and_its_summary_and_chooses_countries(cube_site, new_page):
    page = new_page(base_url=cube_site)
    page.goto(f"/indicators/{INDICATOR}?area=ARG&area=CHL&sex=F")
    chart = page.locator("svg.indicator-chart")
    assert chart.is_visible() and chart.get_attribute("role") == "img"
    box = chart.bounding_box()
    assert box["width"] > 300 and box["height"] > 120
    assert chart.locator("g.series").count() == 2
    labelled = chart.get_attribute("aria-labelledby").split()
    assert page.locator(f"#{labelled[1]}").text_content().startswith("Inbound mobility rate (percent): Argentina rose")
    rows = page.locator("table.indicator-table tbody tr")
    assert rows.count() == len(YEARS)
    assert rows.first.locator("td").all_text_contents() == [f"{value('ARG', 2010, 'F'):g}", f"{value('CHL', 2010, 'F'):g}"]
    summary = page.locator("#chart-summary")
    assert summary.is_visible() and "highest latest value: Chile" in summary.text_content()
    screenshot(page, "indicator-page")
    # Choose three countries and a later start with the form, as a reader without a script would.
    page.locator("#area").select_option(["BRA", "MEX", "URY"])
    page.locator("#from").select_option("2015")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(re.compile(r"area=BRA.*area=MEX.*area=URY.*from=2015"))
    assert page.locator("svg.indicator-chart g.series").count() == 3
    assert page.locator("table.indicator-table tbody tr").count() == 2020 - 2015 + 1
    assert "Uruguay rose from" in page.locator("#chart-summary").text_content()
    # Printed: the controls go, the chart and the table stay.
    page.emulate_media(media="print")
    assert not page.locator(".chart-controls").is_visible()
    assert page.locator("svg.indicator-chart").is_visible() and page.locator("table.indicator-table").is_visible()


@pytest.mark.parametrize("path", [f"/indicators/{INDICATOR}?area=ARG&area=CHL&area=URY", "/indicators",
                                  f"/indicators/{INDICATOR}/map?year=2015", "/indicators/availability",
                                  "/country/CHL", "/indicators/inbound-mobile-students"])
def test_the_indicator_pages_have_no_serious_accessibility_violations(cube_site, new_page, path):
    page = new_page(base_url=cube_site)
    page.goto(path)
    page.wait_for_load_state("networkidle")
    violations = axe_violations(page)
    assert not violations, violations
