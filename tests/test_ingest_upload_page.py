"""A contributor uploads a document on the workbench and the ingest assistant files it as their draft, with
suggestions a curator then sees beside the entry (issue 9: "an upload page"), over a real server."""

from __future__ import annotations

from pathlib import Path

import httpx

import pytest

from conftest import gcmkg
from curation_site import csrf_of, open_site

DOCUMENTS = Path(__file__).resolve().parents[1] / "gcmkg" / "demo" / "documents"


# An organisation a curator stored (not in the demo files the ingest assistant knows without a store).
STORED_ORGANISATION = """@prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/gcmkg/id/org/ecu-fundacion-migrantes-unidos> a org:Organization ;
    skos:prefLabel "Fundación Migrantes Unidos"@es ; skos:altLabel "FMU"@es ;
    org:classification <https://w3id.org/gcmkg/organisation-type/civil-society> .
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ingest-upload")

    def store_an_organisation(store):
        (folder / "fmu.ttl").write_text(STORED_ORGANISATION, encoding="utf-8")
        assert gcmkg("--store", str(store), "load", str(folder / "fmu.ttl")).returncode == 0

    yield from open_site(folder, before_serving=store_an_organisation)


def upload(client, name: str, body: bytes, **fields):
    form = client.get("/curate/ingest")
    assert form.status_code == 200
    return client.post("/curate/ingest", data={"csrf": csrf_of(form.text), **fields},
                       files={"file": (name, body)})


def pending_item(page: str, wanted) -> str:
    """The markup of the first pending suggestion on `page` for which `wanted(markup)` holds."""
    import re
    return next(li for li in re.findall(r'<li class="suggestion status-pending".*?</li>', page, re.S) if wanted(li))


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
    item = pending_item(page, lambda li: 'name="value"' in li)
    suggestion = re.search(r'name="suggestion" value="([^"]+)"', item).group(1)
    decided = carlos.post(entry_page + "/suggestions", data={
        "csrf": csrf_of(page), "suggestion": suggestion, "decision": "accept",
        "value": "Cheaper remittances pilot (title corrected by the curator)"})
    assert decided.status_code in (200, 303)
    after = carlos.get(entry_page).text
    assert "Accepted with a change" in after
    assert "title corrected by the curator" in after                  # the draft holds the corrected value


def test_a_curator_picks_another_country_than_the_one_suggested(site):
    import re
    alice, carlos = site.browser("alice_contributor"), site.browser("carlos_curator")
    answer = upload(alice, "pilot.md", (DOCUMENTS / "remittance-pilot-report.md").read_bytes(), kind="practice")
    entry_page = answer.headers["location"]
    page = carlos.get(entry_page).text
    item = pending_item(page, lambda li: 'name="concept"' in li and "Nepal" in li)
    assert 'list="picker-countries"' in item and '<datalist id="picker-countries">' in page
    suggestion = re.search(r'name="suggestion" value="([^"]+)"', item).group(1)
    form = {"csrf": csrf_of(page), "suggestion": suggestion, "decision": "accept", "scheme": "countries"}
    # A name that is no single country is refused at the suggestion, and nothing is decided.
    refused = carlos.post(entry_page + "/suggestions", data={**form, "concept": "Neverland"})
    assert refused.status_code == 422 and "Neverland" in refused.text
    assert "Accepted with a change" not in carlos.get(entry_page).text
    decided = carlos.post(entry_page + "/suggestions", data={**form, "concept": "IND"})
    assert decided.status_code in (200, 303)
    after = carlos.get(entry_page).text
    assert "Accepted with a change" in after
    draft = carlos.get("/api/curation/entries/" + entry_page.split("/curate/entries/", 1)[1]).json()
    assert "https://w3id.org/gcmkg/country/IND" in str(draft), "the draft holds the country the curator chose"


def test_a_script_reads_the_suggestions_as_json_and_decides_them_with_a_token(site):
    alice = site.browser("alice_contributor")
    answer = upload(alice, "pilot-api.md", (DOCUMENTS / "remittance-pilot-report.md").read_bytes(), kind="practice")
    entry_id = answer.headers["location"].split("/curate/entries/", 1)[1]
    api = f"{site.url}/api/curation/entries/{entry_id}/suggestions"
    curator = site.token("carlos_curator")
    found = httpx.get(api, headers=curator, timeout=60).json()
    nepal = next(s for s in found if s["value"].get("iri") == "https://w3id.org/gcmkg/country/NPL")
    assert nepal["status"] == "pending" and nepal["evidence"][0]["selector"]
    assert {"TextQuoteSelector", "TextPositionSelector"} <= {sel["type"] for sel in nepal["evidence"][0]["selector"]}
    # Someone who is neither the submitter nor a curator reads nothing of the draft's suggestions.
    assert httpx.get(api, headers=site.token("ext_one"), timeout=60).status_code == 403
    # Another country than the one suggested: the decision says "edited" and the draft holds the choice.
    decided = httpx.post(api + "/decisions", headers=curator, timeout=60, json={
        "suggestion": nepal["iri"], "decision": "accept", "value": {"iri": "https://w3id.org/gcmkg/country/BTN"}})
    assert decided.status_code == 200 and decided.json()["status"] == "edited"
    draft = httpx.get(f"{site.url}/api/curation/entries/{entry_id}", headers=curator, timeout=60).json()
    assert "https://w3id.org/gcmkg/country/BTN" in str(draft)
    again = httpx.post(api + "/decisions", headers=curator, timeout=60,
                       json={"suggestion": nepal["iri"], "decision": "reject"})
    assert again.status_code == 409, "a suggestion is decided once"
    unknown = httpx.post(api + "/decisions", headers=curator, timeout=60,
                         json={"suggestion": "https://example.org/nope", "decision": "reject"})
    assert unknown.status_code == 422 and unknown.json()["parameter"] == "suggestion"
    rejected = next(s for s in found if s["status"] == "pending" and s["iri"] != nepal["iri"])
    assert httpx.post(api + "/decisions", headers=curator, timeout=60, json={
        "suggestion": rejected["iri"], "decision": "reject"}).json()["status"] == "rejected"


def test_the_upload_links_an_organisation_stored_in_the_repository(site):
    alice, carlos = site.browser("alice_contributor"), site.browser("carlos_curator")
    report = ("El programa de acogida fue ejecutado por la Fundación Migrantes Unidos (FMU) en Ecuador desde marzo "
              "de 2020, con la OIM como socia.").encode()
    entry_page = upload(alice, "informe.txt", report, kind="practice", language="es").headers["location"]
    api = f"{site.url}/api/curation/entries/{entry_page.split('/curate/entries/', 1)[1]}/suggestions"
    found = httpx.get(api, headers=site.token("carlos_curator"), timeout=60).json()
    linked = {s["value"].get("iri") for s in found}
    assert "https://w3id.org/gcmkg/id/org/ecu-fundacion-migrantes-unidos" in linked, "known by its stored name"
    assert "https://w3id.org/gcmkg/id/org/iom" in linked, "and the demo's organisations still"
    assert "Fundación Migrantes Unidos" in carlos.get(entry_page).text


def test_an_organisation_the_repository_lacks_becomes_a_draft_organisation_when_accepted(site):
    import re
    alice = site.browser("alice_contributor")
    report = ("# Accueil des saisonniers\n\nLe programme a été mis en œuvre par l'Association Solidarité Migrants "
              "Wallonie en Belgique depuis 2019, avec l'OIM.\n").encode()
    entry_page = upload(alice, "rapport.md", report, kind="practice", language="fr").headers["location"]
    page = alice.get(entry_page).text
    item = pending_item(page, lambda li: "<strong>proposed new organisation</strong>: Association Solidarité Migrants Wallonie" in li)
    assert "statistical model" in item
    assert "Add as a new organisation" in item and 'name="field"' not in item, "no role to choose: no link yet"
    suggestion = re.search(r'name="suggestion" value="([^"]+)"', item).group(1)
    decided = alice.post(entry_page + "/suggestions", data={
        "csrf": csrf_of(page), "suggestion": suggestion, "decision": "accept",
        "value": "Association Solidarité Migrants Wallonie (ASMW)"})
    assert decided.status_code == 303
    after = alice.get(entry_page).text
    link = re.search(r'Added as a new organisation: <a href="(/curate/entries/org/[a-z0-9-]+)/edit">', after)
    assert link, "the decision links to the organisation draft it filed"
    organisation = alice.get(link.group(1) + "/edit")
    assert organisation.status_code == 200 and "Association Solidarité Migrants Wallonie (ASMW)" in organisation.text
    assert link.group(1).rsplit("/", 1)[-1] in alice.get("/curate/mine").text, "filed under the contributor"
    draft = httpx.get(f"{site.url}/api/curation/entries/{entry_page.split('/curate/entries/', 1)[1]}",
                      headers=site.token("carlos_curator"), timeout=60).json()
    assert "Wallonie" not in str(draft), "the entry links the organisation only once it is published"
