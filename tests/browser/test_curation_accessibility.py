"""The workbench's pages in Chromium: axe-core finds no serious violation, they fit a phone, and a reviewer
declares and reviews with the keyboard alone (issue 8: accessible, usable on a phone)."""

from __future__ import annotations

import sys
from pathlib import Path

import httpx
import pytest

from harness import axe_violations, browser, new_page, screenshot  # noqa: F401 - fixtures

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from curation_site import open_site, practice_json  # noqa: E402
from gcmkg.curation.gate import SESSION_COOKIE  # noqa: E402

API = "/api/curation"
ENTRY = "practice/a11y-entry"
LINKING = "norm/a11y-linking-draft"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    for found in open_site(tmp_path_factory.mktemp("curation-a11y")):
        alice, carlos = found.token("alice_contributor"), found.token("carlos_curator")
        httpx.post(found.url + API + "/entries", json=practice_json(ENTRY), headers=alice).raise_for_status()
        changed = practice_json(ENTRY, "Interpreters in every clinic")
        httpx.put(f"{found.url}{API}/entries/{ENTRY}", json=changed, headers={**alice, "If-Match": '"1"'}
                  ).raise_for_status()
        httpx.post(f"{found.url}{API}/entries/{ENTRY}/transitions/submit", headers=alice).raise_for_status()
        for who in ("una_reviewer", "ext_one"):
            httpx.post(f"{found.url}{API}/entries/{ENTRY}/assignments", headers=carlos,
                       json={"reviewer": found.people[who].email, "due": "2030-03-01"}).raise_for_status()
        httpx.post(f"{found.url}{API}/entries/{ENTRY}/conflict-declaration", headers=found.token("una_reviewer"),
                   json={"conflict": False}).raise_for_status()
        # A draft whose link a merge re-points: its history page lists the merge.
        into, merged = "practice/ita-humanitarian-corridors", "practice/bel-family-units-alternative-to-detention"
        httpx.post(found.url + API + "/entries", headers=alice, json={
            "type": "norm", "id": LINKING, "title": {"en": "A norm drafted with a link"},
            "enablesPractice": [f"https://w3id.org/gcmkg/id/{merged}"]}).raise_for_status()
        etag = httpx.get(f"{found.url}{API}/entries/{into}/merge", params={"from": merged}, headers=carlos
                         ).headers["ETag"]
        httpx.post(f"{found.url}{API}/entries/{into}/merge", json={"from": merged},
                   headers={**carlos, "If-Match": etag}).raise_for_status()
        yield found


def signed_in(site, new_page, who: str, **options):
    page = new_page(base_url=site.url, **options)
    page.context.add_cookies([{"name": SESSION_COOKIE, "value": site.sessions.open_session(site.people[who]),
                               "url": site.url}])
    return page


PAGES = {
    "desk": ("carlos_curator", "/curate/desk"),
    "curation-entry": ("carlos_curator", f"/curate/entries/{ENTRY}"),
    "history": ("carlos_curator", f"/curate/entries/{ENTRY}/history?from=1&to=2"),
    "history-after-a-merge": ("carlos_curator", f"/curate/entries/{LINKING}/history"),
    "submissions": ("alice_contributor", "/curate/mine"),
    "inbox": ("ext_one", "/curate/inbox"),
    "reviews": ("ext_one", "/curate/reviews"),
    "declaration": ("ext_one", f"/curate/reviews/{ENTRY}"),
    "review-form": ("una_reviewer", f"/curate/reviews/{ENTRY}"),
    "document-upload": ("alice_contributor", "/curate/ingest"),
    "merge": ("carlos_curator", "/curate/merge?into=practice/mex-regional-visitor-card"
                                "&from=practice/can-private-sponsorship-of-refugees"),
    "instrument-form": ("alice_contributor", "/curate/new/instrument"),
}


@pytest.mark.parametrize("name", PAGES)
def test_workbench_page_has_no_serious_accessibility_violations(site, new_page, name):
    who, path = PAGES[name]
    page = signed_in(site, new_page, who)
    page.goto(path)
    assert page.locator("h1").count() == 1
    violations = axe_violations(page)
    screenshot(page, f"curate-{name}")
    assert violations == [], violations


@pytest.mark.parametrize("name", ("desk", "review-form", "history"))
def test_workbench_page_fits_a_phone_in_french(site, new_page, name):
    who, path = PAGES[name]
    page = signed_in(site, new_page, who, width=390, height=844, locale="fr-FR", is_mobile=True, has_touch=True)
    page.goto(path)
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.evaluate("window.scrollTo(2000, 0) || window.scrollX === 0"), "sideways scrolling"
    assert axe_violations(page) == []
    screenshot(page, f"phone-curate-{name}-fr")


def test_a_reviewer_declares_no_conflict_with_the_keyboard_alone_and_then_sees_the_entry(site, new_page):
    page = signed_in(site, new_page, "ext_one")
    page.goto(f"/curate/reviews/{ENTRY}")
    assert page.get_by_text("accompany migrants to health clinics").count() == 0
    for _ in range(60):                      # Tab through the page to the "No conflict" choice
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "conflict-no":
            break
    else:
        pytest.fail("the declaration cannot be reached with Tab")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")               # a radio group is one stop: the next is the button
    assert page.evaluate("document.activeElement.textContent.trim()") == "Declare"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("accompany migrants to health clinics").count() >= 1
    assert page.locator("#why-implemented").count() == 1
