"""A curator works through the ingest assistant's suggestions on a draft filed from a document (issue 9), in
Chromium against a real server: each suggestion shows the words it came from; one accepted enters the draft,
one rejected stays out, and each decision is recorded with who took it and when."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from harness import axe_violations, browser, new_page, screenshot  # noqa: F401 - fixtures

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from conftest import gcmkg  # noqa: E402
from curation_site import open_site  # noqa: E402
from gcmkg.curation.gate import SESSION_COOKIE  # noqa: E402

REPORT = Path(__file__).resolve().parents[2] / "gcmkg" / "demo" / "documents" / "remittance-pilot-report.md"


def ingested(store: Path) -> None:
    """The report filed as the demo contributor's draft, as `make run` does."""
    done = gcmkg("--store", str(store), "ingest", str(REPORT), "--as", "alice.contributor@example.org")
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    yield from open_site(tmp_path_factory.mktemp("ingest-story"), before_serving=ingested)


def suggestion(page, field: str, value: str):
    return page.locator(".suggestion").filter(has=page.locator(".suggestion-value", has_text=f"{field}: {value}"))


def test_a_curator_accepts_one_suggestion_rejects_another_and_the_draft_follows(site, new_page):
    page = new_page(base_url=site.url)
    page.context.add_cookies([{"name": SESSION_COOKIE, "url": site.url,
                               "value": site.sessions.open_session(site.people["carlos_curator"])}])
    page.goto("/curate/desk?state=draft")
    page.locator("a", has_text="cheaper-remittances").first.click()
    page.wait_for_url(re.compile(r"/curate/entries/practice/cheaper-remittances[a-z0-9-]+$"))
    entry_page = page.url

    # Each suggestion shows its value and, highlighted, the words of the report it came from.
    nepal, qatar = suggestion(page, "geographic scope", "Nepal"), suggestion(page, "geographic scope", "Qatar")
    assert nepal.count() == 1 and qatar.count() == 1
    assert nepal.locator(".evidence mark").first.inner_text() == "Nepal"
    assert "remittance-pilot-report.md" in nepal.locator(".evidence footer").first.inner_text()
    assert "Nepal" not in page.locator("#draft-heading").locator("..").inner_text(), "nothing is in the draft yet"
    assert axe_violations(page) == []
    screenshot(page, "curate-entry-suggestions")

    nepal.get_by_role("button", name="Accept").click()
    page.wait_for_url(entry_page)
    suggestion(page, "geographic scope", "Qatar").get_by_role("button", name="Reject").click()
    page.wait_for_url(entry_page)

    # The accepted country is in the draft (a new version); the rejected one is not.
    draft = page.locator("#draft-heading").locator("..").inner_text()
    assert "Nepal" in draft and "Qatar" not in draft
    assert "version 2" in page.locator(".entry-meta").inner_text()
    # Each decision, read back from its provenance record: what, who and when.
    decided = suggestion(page, "geographic scope", "Nepal").locator(".suggestion-decision").inner_text()
    assert re.fullmatch(r"Accepted — by Carlos Curado, \d{4}-\d\d-\d\d \d\d:\d\d UTC", decided)
    rejected = suggestion(page, "geographic scope", "Qatar").locator(".suggestion-decision").inner_text()
    assert rejected.startswith("Rejected — by Carlos Curado")
    assert suggestion(page, "geographic scope", "Nepal").get_by_role("button").count() == 0, "decided once"
    assert axe_violations(page) == []

    # A decision sent without the page's CSRF token is refused.
    forged = page.request.post(entry_page + "/suggestions", form={"suggestion": "x", "decision": "accept"})
    assert forged.status == 403


def pending(page, text: str):
    """The pending suggestion whose value reads `text`."""
    return page.locator(".suggestion.status-pending").filter(
        has=page.locator(".suggestion-value", has_text=text)).first


def test_a_contributor_uploads_a_report_accepts_and_corrects_suggestions_and_submits_the_draft(site, new_page):
    page = new_page(base_url=site.url)
    page.context.add_cookies([{"name": SESSION_COOKIE, "url": site.url,
                               "value": site.sessions.open_session(site.people["alice_contributor"])}])
    page.goto("/curate/ingest")
    assert axe_violations(page) == []
    page.set_input_files("#ingest-file", str(REPORT))
    with page.expect_navigation():
        page.get_by_role("button", name="Read it").click()
    page.wait_for_url(re.compile(r"/curate/entries/practice/cheaper-remittances[a-z0-9-]+$"))
    entry_page = page.url

    # Keyboard only for the first decision: the title, accepted as the report states it.
    title = pending(page, "Cheaper remittances for families in Nepal and Malaysia")
    title.get_by_role("button", name="Accept").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    for text in ("The Digital Remittance Pilot lets", "Nepal", "Malaysia", "International Organization for Migration",
                 "2022-03", "Promote faster, safer and cheaper transfer", "International cooperation"):
        with page.expect_navigation():
            pending(page, text).get_by_role("button", name="Accept").click()
    # Qatar is only where the workers' money comes from in the text: the contributor picks the country meant.
    qatar = pending(page, "Qatar")
    assert qatar.locator('input[name="concept"]').input_value() == "QAT Qatar"
    qatar.locator('input[name="concept"]').fill("BTN Bhutan")
    with page.expect_navigation():
        qatar.get_by_role("button", name="Accept").click()
    decided = page.locator(".suggestion", has=page.locator(".suggestion-value", has_text="Qatar"))
    assert decided.locator(".suggestion-decision").inner_text().startswith("Accepted with a change: Bhutan, "), "not by whom: Alice is not staff"
    draft = page.locator("#draft-heading").locator("..").inner_text()
    assert all(word in draft for word in ("Nepal", "Malaysia", "Bhutan", "International Organization for Migration"))
    assert axe_violations(page) == []

    # What the document could not say is filled in the form, and the draft is submitted.
    page.get_by_role("link", name="Edit the draft").click()
    page.wait_for_url(entry_page + "/edit")
    assert page.input_value("#input-title").startswith("Cheaper remittances for families")
    page.select_option("#input-language", "en")
    page.check('input[name="practiceType"][value$="/project-programme"]')
    page.fill("#input-source", "https://example.org/digital-remittance-pilot")
    page.focus("button[value=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?done=submitted$"))
    assert "Submitted for review" in page.locator(".notice").inner_text()
