"""Layout that reads well in every language: words whole, badges on one line (Chromium, real fonts)."""

from __future__ import annotations

import pytest

from harness import browser, new_page  # noqa: F401 - fixtures

# The words of each element that the browser split across lines (a word cut in the middle).
BROKEN_WORDS = """selector => [...document.querySelectorAll(selector)].flatMap(element => {
    const broken = [];
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const match of node.data.matchAll(/\\S+/g)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
            if (tops.size > 1) broken.push(match[0]);
        }
    }
    return broken;
})"""

# Badges whose text takes more than one line.
WRAPPED = """selector => [...document.querySelectorAll(selector)].filter(element => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1;
}).map(element => element.textContent)"""

WIDTHS = (1280, 1024, 768, 390)


@pytest.mark.parametrize("locale", ["es-ES", "fr-FR", "en-GB"])
def test_objective_tiles_never_cut_a_word(site, new_page, locale):
    for path in ("/country/ARG", "/"):
        for width in WIDTHS:
            page = new_page(width=width, locale=locale, base_url=site)
            page.goto(path)
            assert page.locator(".objective-name").count() >= 23
            assert page.evaluate(BROKEN_WORDS, ".objective-name") == [], (path, width)


@pytest.mark.parametrize("path", ["/country/ARG", "/norms?status=in-force", "/id/org/iom"])
def test_status_badges_stay_on_one_line(site, new_page, path):
    for locale in ("en-GB", "es-ES", "fr-FR"):
        for width in WIDTHS:
            page = new_page(width=width, locale=locale, base_url=site)
            page.goto(path)
            assert page.locator(".badge").count() > 0
            assert page.evaluate(WRAPPED, ".badge") == [], (locale, width)
