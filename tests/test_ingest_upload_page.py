"""A contributor uploads a document on the workbench and the ingest assistant files it as their draft, with
suggestions a curator then sees beside the entry (issue 9: "an upload page"), over a real server."""

from __future__ import annotations

from pathlib import Path

import pytest

from curation_site import csrf_of, open_site

DOCUMENTS = Path(__file__).resolve().parents[1] / "gcmkg" / "demo" / "documents"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    yield from open_site(tmp_path_factory.mktemp("ingest-upload"))


def upload(client, name: str, body: bytes, **fields):
    form = client.get("/curate/ingest")
    assert form.status_code == 200
    return client.post("/curate/ingest", data={"csrf": csrf_of(form.text), **fields},
                       files={"file": (name, body)})


def test_a_contributor_uploads_a_report_and_lands_on_their_draft_with_its_suggestions(site):
    alice, carlos = site.browser("alice_contributor"), site.browser("carlos_curator")
    answer = upload(alice, "remittance-pilot-report.md", (DOCUMENTS / "remittance-pilot-report.md").read_bytes(),
                    kind="practice")
    assert answer.status_code == 303
    entry_page = answer.headers["location"]
    assert entry_page.startswith("/curate/entries/practice/")
    mine = alice.get("/curate/mine").text
    assert entry_page.rsplit("/", 1)[-1] in mine                      # filed under the uploader
    seen = carlos.get(entry_page)
    assert seen.status_code == 200
    assert "Suggestions from the document" in seen.text and "Nepal" in seen.text   # with its evidence


def test_a_norm_in_french_is_filed_as_a_norm(site):
    alice = site.browser("alice_contributor")
    answer = upload(alice, "decret.md", (DOCUMENTS / "decret-titre-de-sejour.md").read_bytes(),
                    kind="norm", language="fr")
    assert answer.status_code == 303 and answer.headers["location"].startswith("/curate/entries/norm/")


def test_an_unreadable_file_is_refused_with_its_name_and_files_nothing(site):
    alice = site.browser("alice_contributor")
    before = alice.get("/curate/mine").text.count("/curate/entries/")
    answer = upload(alice, "scan.pdf", b"%PDF-1.4 not really a pdf", kind="practice")
    assert answer.status_code == 422
    assert "scan.pdf" in answer.text and 'role="alert"' in answer.text
    assert alice.get("/curate/mine").text.count("/curate/entries/") == before


def test_the_upload_needs_the_forms_csrf_token_and_a_role_that_files_drafts(site):
    alice = site.browser("alice_contributor")
    forged = alice.post("/curate/ingest", data={"kind": "practice"},
                        files={"file": ("x.txt", b"A pilot on remittances to Nepal.")})
    assert forged.status_code == 403
    reviewer = site.browser("ext_one")
    refused = upload(reviewer, "x.txt", b"A pilot project that lowers the cost of remittances to Nepal.",
                     kind="practice")
    assert refused.status_code == 403
    import httpx
    anonymous = httpx.get(site.url + "/curate/ingest", headers={"Accept": "text/html"})
    assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/login")


def test_a_file_name_cannot_reach_outside_the_upload_folder(site):
    alice = site.browser("alice_contributor")
    answer = upload(alice, "../../etc/passwd.txt", b"Remittances to Nepal cost less with this pilot project.",
                    kind="practice")
    assert answer.status_code == 303           # read as passwd.txt inside its own temporary folder
    evidence = site.browser("carlos_curator").get(answer.headers["location"]).text
    assert "passwd.txt" in evidence and "../" not in evidence and "etc/passwd" not in evidence


def test_a_curator_corrects_a_suggested_title_before_accepting_it(site):
    import re
    alice, carlos = site.browser("alice_contributor"), site.browser("carlos_curator")
    answer = upload(alice, "report.md", (DOCUMENTS / "remittance-pilot-report.md").read_bytes(), kind="practice")
    entry_page = answer.headers["location"]
    page = carlos.get(entry_page).text
    # The first suggestion with a value to correct, and its field.
    item = next(li for li in re.findall(r'<li class="suggestion status-pending".*?</li>', page, re.S)
                if 'name="value"' in li)
    suggestion = re.search(r'name="suggestion" value="([^"]+)"', item).group(1)
    decided = carlos.post(entry_page + "/suggestions", data={
        "csrf": csrf_of(page), "suggestion": suggestion, "decision": "accept",
        "value": "Cheaper remittances pilot (title corrected by the curator)"})
    assert decided.status_code in (200, 303)
    after = carlos.get(entry_page).text
    assert "Accepted with a change" in after
    assert "title corrected by the curator" in after                  # the draft holds the corrected value
