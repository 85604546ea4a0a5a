"""What the browser tests share: the server on the demo data, Debian's Chromium driven by Playwright,
axe-core (vendored from npm) and the screenshot folder.

Chromium is Debian's package (`apt-get install chromium`, done by .ci/run where
it is missing), never a browser that Playwright downloads: it is launched
from /usr/bin/chromium, headless, with every background network feature off.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest


CHROMIUM = Path(os.environ.get("GCMKG_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
TESTS = Path(__file__).resolve().parent.parent
SCREENSHOTS = TESTS / "screenshots"
AXE = TESTS.parent / "web" / "static" / "vendor" / "axe" / "axe.min.js"


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium; missing, it fails in CI (which installs it) and is skipped elsewhere."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the playwright package is missing: pip install -e '.[test]'")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser):
    """A fresh page (own cookies) at a given viewport, English unless told."""
    contexts = []

    def make(width: int = 1280, height: int = 900, locale: str = "en-GB", **options):
        context = browser.new_context(viewport={"width": width, "height": height}, locale=locale,
                                      extra_http_headers={"Accept-Language": locale}, accept_downloads=True,
                                      **options)
        contexts.append(context)
        return context.new_page()
    yield make
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> Path:
    """A full-page screenshot in tests/screenshots/ (not committed) for a reviewer to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def axe_violations(page, *, exclude: tuple[str, ...] = ()) -> list[dict]:
    """Serious and critical axe-core violations of the page (WCAG 2.0/2.1 A and AA rules)."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: make setup vendors axe-core from npm")
    # Evaluated through the DevTools protocol: a <script> tag added to the page would break its CSP.
    page.evaluate(AXE.read_text() + "\n;undefined")
    context = {"exclude": [[selector] for selector in exclude]} if exclude else None
    result = page.evaluate("""async (context) => {
        const options = {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}};
        return await axe.run(context || document, options);
    }""", context)
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


__all__ = ["browser", "new_page", "screenshot", "axe_violations", "shutil"]
