"""The entry page of a practice written in Spanish with English and French translations, in Chromium:
axe-core finds no serious violation in the marks beside the translated texts (issue 13)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from harness import axe_violations, browser, new_page, screenshot  # noqa: F401 - fixtures

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from curation_site import open_site_with  # noqa: E402
from test_translations import DATA, SLUG  # noqa: E402


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    yield from open_site_with(tmp_path_factory.mktemp("translation-marks"), DATA)


@pytest.mark.parametrize("locale", ["en-GB", "fr-FR"])
def test_the_marks_beside_translated_texts_are_accessible(site, new_page, locale):
    page = new_page(base_url=site.url, locale=locale)
    page.goto(f"/id/practice/{SLUG}")
    assert page.locator(".translation-note").count() >= 2
    violations = axe_violations(page)
    screenshot(page, f"entry-translated-{locale}")
    assert violations == [], violations
