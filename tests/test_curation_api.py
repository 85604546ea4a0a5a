"""Scripts drive the curators' workbench through /api/curation, against a real server (issue 8: Pages and API)."""

from __future__ import annotations

import httpx
import pytest

from curation_site import open_site, practice_json, review_round

API = "/api/curation"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    yield from open_site(tmp_path_factory.mktemp("curation-api"))


def create(site, entry_id: str, who: str = "alice_contributor", **changes) -> httpx.Response:
    body = {**practice_json(entry_id), **changes}
    return httpx.post(site.url + API + "/entries", json=body, headers=site.token(who))


def test_a_script_creates_a_draft_by_field_names_and_reads_it_back_with_its_version_as_etag(site):
    made = create(site, "practice/api-json-draft")
    assert made.status_code == 201, made.text
    assert made.headers["Location"] == API + "/entries/practice/api-json-draft"
    assert made.headers["ETag"] == '"1"'
    got = httpx.get(site.url + made.headers["Location"], headers=site.token("alice_contributor"))
    doc = got.json()
    assert got.headers["ETag"] == '"1"' and doc["state"] == "draft" and "submit" in doc["actions"]
    assert doc["title"] == [{"value": "Community interpreters in clinics", "lang": "en"}]
    assert doc["startDate"] == ["2020-03-01"] and doc["ongoing"] == [True]
    turtle = httpx.get(site.url + made.headers["Location"],
                       headers={**site.token("alice_contributor"), "Accept": "text/turtle"})
    assert "Community interpreters in clinics" in turtle.text and turtle.headers["ETag"] == '"1"'


def test_a_draft_sent_as_turtle_or_json_ld_is_taken_as_it_is(site):
    iri = "https://w3id.org/gcmkg/id/practice/api-turtle-draft"
    turtle = (f'<{iri}> a <https://w3id.org/gcmkg/ontology#Practice> ; '
              '<http://purl.org/dc/terms/title> "Sent as Turtle"@en .')
    made = httpx.post(site.url + API + "/entries", content=turtle,
                      headers={**site.token("alice_contributor"), "Content-Type": "text/turtle"})
    assert made.status_code == 201, made.text
    assert made.json()["id"] == "practice/api-turtle-draft"
    jsonld = {"@id": iri, "@type": "https://w3id.org/gcmkg/ontology#Practice",
              "http://purl.org/dc/terms/title": {"@value": "Sent as JSON-LD", "@language": "en"}}
    import json
    saved = httpx.put(site.url + API + "/entries/practice/api-turtle-draft", content=json.dumps(jsonld),
                      headers={**site.token("alice_contributor"), "Content-Type": "application/ld+json",
                               "If-Match": made.headers["ETag"]})
    assert saved.status_code == 200, saved.text
    assert saved.json()["title"] == [{"value": "Sent as JSON-LD", "lang": "en"}] and saved.json()["version"] == 2


def test_a_draft_sent_as_rdf_speaks_of_its_own_entry_only(site):
    iri = "https://w3id.org/gcmkg/id/practice/api-stray"
    turtle = (f'<{iri}> a <https://w3id.org/gcmkg/ontology#Practice> ; <http://purl.org/dc/terms/title> "Mine"@en .'
              '<https://w3id.org/gcmkg/id/org/iom> <http://www.w3.org/2004/02/skos/core#prefLabel> "Hijacked"@en .')
    refused = httpx.post(site.url + API + "/entries", content=turtle,
                         headers={**site.token("alice_contributor"), "Content-Type": "text/turtle"})
    assert refused.status_code == 422 and "/id/org/iom" in refused.json()["detail"]
    assert httpx.post(site.url + API + "/entries", json={"type": "practice", "id": 7},
                      headers=site.token("alice_contributor")).json()["parameter"] == "id"


def test_a_save_from_a_stale_version_gets_412_with_the_latest_etag_and_nothing_is_lost(site):
    create(site, "practice/api-stale")
    url, alice = site.url + API + "/entries/practice/api-stale", site.token("alice_contributor")
    first = httpx.put(url, json=practice_json("practice/api-stale", "First edit"), headers={**alice, "If-Match": '"1"'})
    assert first.status_code == 200 and first.headers["ETag"] == '"2"'
    second = httpx.put(url, json=practice_json("practice/api-stale", "Second edit"),
                       headers={**alice, "If-Match": '"1"'})
    assert second.status_code == 412 and second.headers["ETag"] == '"2"'
    assert second.json()["type"].endswith("/precondition-failed") and second.json()["latest"] == 2
    assert httpx.get(url, headers=alice).json()["title"][0]["value"] == "First edit"
    missing = httpx.put(url, json=practice_json("practice/api-stale"), headers=alice)
    assert missing.status_code == 428


@pytest.mark.parametrize(("changes", "field"), [
    ({"startDate": "soon"}, "startDate"), ({"colour": "blue"}, "colour"), ({"title": "no language"}, "title"),
    ({"primaryObjective": ["objective 15"]}, "primaryObjective"), ({"reviewStatus": "approved"}, "reviewStatus"),
    ({"type": "poem"}, "type")])
def test_a_field_the_api_cannot_read_gets_422_naming_it(site, changes, field):
    refused = create(site, "practice/api-unreadable", **changes)
    assert refused.status_code == 422, refused.text
    assert refused.json()["parameter"] == field and field in refused.json()["detail"]


def test_submitting_a_draft_the_shapes_refuse_gets_422_naming_the_field(site):
    body = practice_json("practice/api-incomplete")
    del body["primaryObjective"]
    assert httpx.post(site.url + API + "/entries", json=body, headers=site.token("alice_contributor")).status_code == 201
    refused = httpx.post(site.url + API + "/entries/practice/api-incomplete/transitions/submit",
                         headers=site.token("alice_contributor"))
    assert refused.status_code == 422
    assert refused.json()["parameter"] == "primaryObjective"
    assert any(p["field"] == "primaryObjective" for p in refused.json()["problems"])


def test_without_a_token_the_api_answers_401_and_an_unknown_entry_404(site):
    assert httpx.get(site.url + API + "/entries").status_code == 401
    assert httpx.post(site.url + API + "/entries", json=practice_json("practice/x")).status_code in (401, 403)
    missing = httpx.get(site.url + API + "/entries/practice/nothing-here", headers=site.token("carlos_curator"))
    assert missing.status_code == 404 and missing.json()["type"].endswith("/not-found")


def test_a_practice_goes_from_draft_to_published_through_the_api_and_back_out_with_a_public_note(site):
    create(site, "practice/api-full-round")
    review_round(site, "practice/api-full-round")
    carlos = site.token("carlos_curator")
    published = httpx.post(f"{site.url}{API}/entries/practice/api-full-round/transitions/publish", headers=carlos)
    assert published.status_code == 200 and published.json()["state"] == "approved"
    iri = "/id/practice/api-full-round"
    assert httpx.get(site.url + iri, headers={"Accept": "text/turtle"}).status_code == 200
    page = httpx.get(site.url + iri, headers={"Accept": "text/html"}).text
    import datetime as dt
    today = dt.datetime.now(dt.timezone.utc)
    assert f"reviewed by 3 experts (1 UN, 2 external), approved on {today.day} {today:%B %Y}" in page

    refused = httpx.post(f"{site.url}{API}/entries/practice/api-full-round/transitions/unpublish", headers=carlos)
    assert refused.status_code == 409 and "public note" in refused.json()["detail"]
    note = "Withdrawn at the implementing organisation's request; the programme ended."
    gone = httpx.post(f"{site.url}{API}/entries/practice/api-full-round/transitions/unpublish", headers=carlos,
                      json={"note": note})
    assert gone.status_code == 200 and gone.json()["state"] == "unpublished"


def test_an_unpublished_entry_answers_410_with_its_public_note_never_404(site):
    create(site, "practice/api-gone")
    review_round(site, "practice/api-gone")
    carlos = site.token("carlos_curator")
    httpx.post(f"{site.url}{API}/entries/practice/api-gone/transitions/publish", headers=carlos).raise_for_status()
    note = "Superseded by a national programme."
    httpx.post(f"{site.url}{API}/entries/practice/api-gone/transitions/unpublish", headers=carlos,
               json={"note": note}).raise_for_status()
    machine = httpx.get(site.url + "/id/practice/api-gone", headers={"Accept": "text/turtle"})
    assert machine.status_code == 410
    assert machine.json()["type"].endswith("/gone") and machine.json()["detail"] == note
    browser = httpx.get(site.url + "/id/practice/api-gone", headers={"Accept": "text/html"})
    assert browser.status_code == 410 and note in browser.text and "no longer published" in browser.text
    assert httpx.get(site.url + "/id/practice/never-existed", headers={"Accept": "text/turtle"}).status_code == 404


def test_the_queue_lists_entries_by_state_with_counts_and_filters(site):
    create(site, "practice/api-queue-draft")
    create(site, "practice/api-queue-submitted")
    alice = site.token("alice_contributor")
    httpx.post(f"{site.url}{API}/entries/practice/api-queue-submitted/transitions/submit", headers=alice)
    carlos = site.token("carlos_curator")
    everything = httpx.get(site.url + API + "/entries", headers=carlos).json()
    assert everything["counts"]["submitted"] >= 1 and everything["counts"]["draft"] >= 1
    submitted = httpx.get(site.url + API + "/entries", params={"state": "submitted"}, headers=carlos).json()
    assert {e["state"] for e in submitted["entries"]} == {"submitted"}
    assert "practice/api-queue-submitted" in {e["id"] for e in submitted["entries"]}
    by_objective = httpx.get(site.url + API + "/entries", params={"objective": 15}, headers=carlos).json()
    assert "practice/api-queue-draft" in {e["id"] for e in by_objective["entries"]}
    assert not httpx.get(site.url + API + "/entries", params={"objective": 3}, headers=carlos).json()["entries"]
    americas = httpx.get(site.url + API + "/entries", params={"region": "019"}, headers=carlos).json()
    europe = httpx.get(site.url + API + "/entries", params={"region": "150"}, headers=carlos).json()
    assert "practice/api-queue-draft" in {e["id"] for e in americas["entries"]}
    assert "practice/api-queue-draft" not in {e["id"] for e in europe["entries"]}
    assert httpx.get(site.url + API + "/entries", params={"type": "norm"}, headers=carlos).json()["entries"] == []
    bad = httpx.get(site.url + API + "/entries", params={"region": "nowhere"}, headers=carlos)
    assert bad.status_code == 422 and bad.json()["parameter"] == "region"


def test_a_reviewer_lists_what_is_assigned_to_them_and_what_is_overdue(site):
    create(site, "practice/api-assigned")
    httpx.post(f"{site.url}{API}/entries/practice/api-assigned/transitions/submit",
               headers=site.token("alice_contributor"))
    r = httpx.post(f"{site.url}{API}/entries/practice/api-assigned/assignments", headers=site.token("carlos_curator"),
                   json={"reviewer": site.people["ext_three"].iri, "due": "2020-01-01"})
    assert r.status_code == 200, r.text
    mine = httpx.get(site.url + API + "/entries", params={"assigned": "me"}, headers=site.token("ext_three")).json()
    assert [e["id"] for e in mine["entries"]] == ["practice/api-assigned"]
    overdue = httpx.get(site.url + API + "/entries", params={"overdue": "true"},
                        headers=site.token("carlos_curator")).json()
    assert "practice/api-assigned" in {e["id"] for e in overdue["entries"]}
    assert httpx.get(site.url + API + "/entries", headers=site.token("ext_one")).json()["entries"] == [] or \
        "practice/api-assigned" not in {e["id"] for e in httpx.get(
            site.url + API + "/entries", headers=site.token("ext_one")).json()["entries"]}
    inbox = httpx.get(site.url + API + "/inbox", headers=site.token("ext_three")).json()
    assert inbox[0]["kind"] == "assigned" and "api-assigned" in inbox[0]["entry"]


def test_the_history_lists_versions_and_what_changed_between_two(site):
    create(site, "practice/api-history")
    alice = site.token("alice_contributor")
    changed = practice_json("practice/api-history", "A better title")
    changed["primaryObjective"] = ["https://w3id.org/gcmkg/gcm/objective/16"]
    httpx.put(site.url + API + "/entries/practice/api-history", json=changed,
              headers={**alice, "If-Match": '"1"'}).raise_for_status()
    mine = httpx.get(site.url + API + "/entries/practice/api-history/history", params={"from": 1, "to": 2},
                     headers=alice).json()
    assert [v["number"] for v in mine["versions"]] == [1, 2] and "by" not in mine["versions"][0]
    changes = {c["field"]: c for c in mine["changes"]}
    assert changes["primaryObjective"]["added"] == ["<https://w3id.org/gcmkg/gcm/objective/16>"]
    assert changes["primaryObjective"]["removed"] == ["<https://w3id.org/gcmkg/gcm/objective/15>"]
    assert '"A better title"@en' in changes["title"]["added"]
    staff = httpx.get(site.url + API + "/entries/practice/api-history/history",
                      headers=site.token("carlos_curator")).json()
    assert staff["versions"][0]["by"] == site.people["alice_contributor"].iri


def test_the_curation_api_is_documented_in_openapi_with_its_problems(site):
    spec = httpx.get(site.url + "/openapi.json").json()
    paths = {p for p in spec["paths"] if p.startswith(API)}
    assert {API + "/entries", API + "/entries/{kind}/{slug}", API + "/entries/{kind}/{slug}/transitions/{name}",
            API + "/entries/{kind}/{slug}/assignments", API + "/entries/{kind}/{slug}/reviews",
            API + "/entries/{kind}/{slug}/conflict-declaration", API + "/inbox"} <= paths
    put = spec["paths"][API + "/entries/{kind}/{slug}"]["put"]
    assert {"401", "403", "404", "409", "412", "422", "428"} <= set(put["responses"])
    assert {"application/json", "text/turtle", "application/ld+json"} <= set(put["requestBody"]["content"])
