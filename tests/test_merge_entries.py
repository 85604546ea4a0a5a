"""One instrument, one entity: a curator merges a duplicate into the entry it repeats, and the duplicate's
address then leads to the entry (issue 13), over HTTP against a real server on the demo data."""

from __future__ import annotations

import httpx
import pytest

from curation_site import csrf_of, open_site, practice_json, review_round

API = "/api/curation"
BASE = "https://w3id.org/gcmkg/"
INTO, MERGED = "practice/phl-pre-departure-orientation-seminar", "practice/kor-employment-permit-system"
ENABLER = "norm/kor-act-on-the-employment-of-foreign-workers"     # a published norm that enables MERGED


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    yield from open_site(tmp_path_factory.mktemp("merge-entries"))


def ask(site, query: str) -> bool:
    answer = httpx.post(site.url + "/sparql", data={"query": query},
                        headers={"Accept": "application/sparql-results+json"})
    assert answer.status_code == 200, answer.text
    return answer.json()["boolean"]


def preview(site, into: str, merged: str, who: str = "carlos_curator") -> httpx.Response:
    return httpx.get(f"{site.url}{API}/entries/{into}/merge", params={"from": merged}, headers=site.token(who))


def test_curator_merges_a_published_duplicate_and_its_address_moves_permanently(site):
    carlos = site.token("carlos_curator")
    seen = preview(site, INTO, MERGED)
    assert seen.status_code == 200, seen.text
    offers = {o["field"]: o for o in seen.json()["offers"]}
    # A practice has one source document: the duplicate's is offered instead of the entry's, unticked.
    assert offers["source"]["values"] == ["https://hrdkorea.or.kr/ENG/4/2"] and offers["source"]["replaces"]
    assert not offers["source"]["default"] and offers["implementingOrganisation"]["default"]
    assert {"value": "고용허가제", "lang": "ko"} in offers["title"]["values"]
    assert {"value": "Employment Permit System (EPS)", "lang": "en"} not in offers["title"]["values"]  # A keeps its own
    assert "abstract" not in offers                              # both summaries are in English: A keeps its own
    etag = seen.headers["ETag"]

    url = f"{site.url}{API}/entries/{INTO}/merge"
    assert httpx.post(url, json={"from": MERGED}, headers=carlos).status_code == 428
    stale = httpx.post(url, json={"from": MERGED}, headers={**carlos, "If-Match": '"0000"'})
    assert stale.status_code == 412 and stale.headers["ETag"] == etag
    unknown = httpx.post(url, json={"from": MERGED, "take": ["colour"]}, headers={**carlos, "If-Match": etag})
    assert unknown.status_code == 422 and unknown.json()["parameter"] == "take"
    done = httpx.post(url, json={"from": MERGED, "take": ["source", "title", "implementingOrganisation"]},
                      headers={**carlos, "If-Match": etag})
    assert done.status_code == 200, done.text

    for accept in ("text/html", "text/turtle", "application/ld+json"):
        moved = httpx.get(f"{site.url}/id/{MERGED}", headers={"Accept": accept})
        assert moved.status_code == 301 and moved.headers["Location"] == f"/id/{INTO}", accept
    assert httpx.get(f"{site.url}/id/{MERGED}?format=ttl").headers["Location"] == f"/id/{INTO}?format=ttl"
    api = httpx.get(f"{site.url}/api/practices/{MERGED.split('/')[1]}?lang=es")
    assert api.status_code == 301 and api.headers["Location"] == f"/api/practices/{INTO.split('/')[1]}?lang=es"
    followed = httpx.get(f"{site.url}/id/{MERGED}", headers={"Accept": "text/turtle"}, follow_redirects=True)
    assert followed.status_code == 200 and "hrdkorea.or.kr/ENG/4/2" in followed.text and "고용허가제" in followed.text
    assert "kor-ministry-of-employment-and-labor" in followed.text and "owwa.gov.ph" not in followed.text
    assert "Government-to-government labour migration" not in followed.text    # its summary was not taken

    a, b = f"<{BASE}id/{INTO}>", f"<{BASE}id/{MERGED}>"
    assert ask(site, f"ASK {{ {b} <http://purl.org/dc/terms/isReplacedBy> {a} ; <http://www.w3.org/2002/07/owl#sameAs> {a} }}")
    assert not ask(site, f"ASK {{ {b} a ?kind }}")                               # withdrawn from the public graph
    assert ask(site, f"ASK {{ <{BASE}id/{ENABLER}> <https://w3id.org/gcmkg/ontology#enablesPractice> {a} }}")
    assert not ask(site, f"ASK {{ ?s ?p {b} FILTER(?p != <http://www.w3.org/2002/07/owl#sameAs>) }}")
    found = httpx.get(f"{site.url}/api/practices", params={"q": "Employment Permit System"}).json()
    assert all(MERGED not in r["iri"] for r in found["results"])

    again = preview(site, INTO, MERGED)
    assert again.status_code == 409 and "already merged" in again.json()["detail"]


def test_only_a_curator_merges_and_a_browser_needs_its_csrf_token(site):
    into, merged = "practice/mex-regional-visitor-card", "practice/can-private-sponsorship-of-refugees"
    assert preview(site, into, merged, who="alice_contributor").status_code == 403
    etag = preview(site, into, merged).headers["ETag"]
    refused = httpx.post(f"{site.url}{API}/entries/{into}/merge", json={"from": merged},
                         headers={**site.token("alice_contributor"), "If-Match": etag})
    assert refused.status_code == 403
    with site.browser("carlos_curator") as browser:
        no_token = browser.post(f"{API}/entries/{into}/merge", json={"from": merged}, headers={"If-Match": etag})
        assert no_token.status_code == 403
        page = browser.get("/curate/merge", params={"into": into, "from": merged})
        no_token = browser.post("/curate/merge", data={"into": into, "from": merged, "etag": etag, "take": "source"})
        assert no_token.status_code == 403
    assert httpx.get(f"{site.url}/id/{merged}", headers={"Accept": "text/turtle"}).status_code == 200
    assert 'name="csrf"' in page.text
    different = preview(site, into, "norm/mex-ley-de-migracion")
    assert different.status_code == 403 and "same kind" in different.json()["detail"]


def test_the_duplicate_warning_leads_the_curator_to_merge_a_draft_into_the_published_entry(site):
    kept = "practice/deu-recognition-in-germany-portal"
    source = next(o for o in preview(site, "practice/mex-regional-visitor-card", kept).json()["offers"]
                  if o["field"] == "source")["values"][0]
    draft = {**practice_json("practice/recognition-portal-again", "Recognition portal, again"), "source": [source]}
    made = httpx.post(site.url + API + "/entries", json=draft, headers=site.token("alice_contributor"))
    assert made.status_code == 201, made.text

    with site.browser("carlos_curator") as browser:
        page = browser.get("/curate/entries/practice/recognition-portal-again", headers={"Accept-Language": "es"})
        assert "Posibles duplicados" in page.text and "misma fuente" in page.text
        link = f"/curate/merge?into={kept.replace('/', '%2F')}&amp;from=practice%2Frecognition-portal-again"
        assert link in page.text
        form = browser.get(link.replace("&amp;", "&"), headers={"Accept-Language": "fr"})
        assert form.status_code == 200 and "Fusionner deux fiches" in form.text
        assert 'value="spatial" checked' in form.text and 'value="title"' not in form.text   # A keeps its English title
        etag = form.text.split('name="etag" value="')[1].split('"')[0]
        done = browser.post("/curate/merge", data={"csrf": csrf_of(form.text), "into": kept,
                                                   "from": "practice/recognition-portal-again", "etag": etag,
                                                   "take": ["spatial"]})
        assert done.status_code == 303 and done.headers["location"] == f"/id/{kept}"

    carlos = site.token("carlos_curator")
    state = httpx.get(f"{site.url}{API}/entries/practice/recognition-portal-again", headers=carlos).json()["state"]
    assert state == "merged"
    moved = httpx.get(f"{site.url}/id/practice/recognition-portal-again", headers={"Accept": "text/turtle"})
    assert moved.status_code == 301 and moved.headers["Location"] == f"/id/{kept}"
    assert ask(site, f"ASK {{ <{BASE}id/{kept}> <http://purl.org/dc/terms/spatial> <{BASE}country/ARG> }}")
    queue = httpx.get(f"{site.url}{API}/entries", params={"state": "merged"}, headers=carlos).json()
    assert [e["id"] for e in queue["entries"]] == ["practice/recognition-portal-again"]
    history = httpx.get(f"{site.url}{API}/entries/practice/recognition-portal-again/history", headers=carlos).json()
    assert history["merges"][0]["merged_into"] == f"{BASE}id/{kept}"
    assert history["merges"][0]["agent"] == site.people["carlos_curator"].iri


def test_a_changed_entry_refuses_the_merge_on_the_page_with_why(site):
    into, merged = "practice/mex-regional-visitor-card", "practice/can-private-sponsorship-of-refugees"
    with site.browser("carlos_curator") as browser:
        form = browser.get("/curate/merge", params={"into": into, "from": merged})
        stale = browser.post("/curate/merge", data={"csrf": csrf_of(form.text), "into": into, "from": merged,
                                                    "etag": "stale", "take": ["source"]})
        assert stale.status_code == 412 and "changed since you opened this page" in stale.text


def test_an_entry_published_through_the_workbench_keeps_what_it_took_in_its_next_update(site):
    made = httpx.post(site.url + API + "/entries", json=practice_json("practice/interpreters-kept"),
                      headers=site.token("alice_contributor"))
    assert made.status_code == 201, made.text
    review_round(site, "practice/interpreters-kept")
    carlos = site.token("carlos_curator")
    url = f"{site.url}{API}/entries/practice/interpreters-kept"
    assert httpx.post(url + "/transitions/publish", headers=carlos).status_code == 200
    merged = "practice/col-temporary-protection-statute-for-venezuelan-migrants"
    etag = preview(site, "practice/interpreters-kept", merged).headers["ETag"]
    done = httpx.post(url + "/merge", json={"from": merged, "take": ["spatial"]}, headers={**carlos, "If-Match": etag})
    assert done.status_code == 200, done.text
    assert not ask(site, f"ASK {{ ?norm <https://w3id.org/gcmkg/ontology#enablesPractice> <{BASE}id/{merged}> }}")
    assert httpx.post(url + "/transitions/request_update", headers=carlos, json={"note": "Add the dates."}
                      ).status_code == 200
    draft = httpx.get(url, headers=site.token("alice_contributor")).json()
    assert draft["state"] == "changes_requested" and draft["version"] == 2
    assert f"{BASE}country/COL" in draft["spatial"]
    history = httpx.get(url + "/history", headers=carlos).json()
    assert history["merges"][0]["absorbed"] == f"{BASE}id/{merged}"


def test_a_draft_in_the_review_queue_that_links_the_duplicate_links_the_merged_entry_after_with_why(site):
    into = "practice/aus-pacific-australia-labour-mobility-scheme"
    merged = "practice/nzl-recognised-seasonal-employer-scheme"
    alice, carlos = site.token("alice_contributor"), site.token("carlos_curator")
    draft = {"type": "norm", "id": "norm/seasonal-work-act-draft", "title": {"en": "Seasonal work act (draft)"},
             "enablesPractice": [f"{BASE}id/{merged}"]}
    made = httpx.post(site.url + API + "/entries", json=draft, headers=alice)
    assert made.status_code == 201, made.text
    url = f"{site.url}{API}/entries/norm/seasonal-work-act-draft"
    before = httpx.get(url, headers=alice).json()

    etag = preview(site, into, merged).headers["ETag"]
    done = httpx.post(f"{site.url}{API}/entries/{into}/merge", json={"from": merged},
                      headers={**carlos, "If-Match": etag})
    assert done.status_code == 200, done.text

    after = httpx.get(url, headers=alice).json()
    assert after["enablesPractice"] == [f"{BASE}id/{into}"] and after["version"] == before["version"] + 1
    assert after["state"] == before["state"] == "draft"
    history = httpx.get(f"{url}/history", params={"from": before["version"]}, headers=carlos).json()
    assert history["versions"][-1]["by"] == site.people["carlos_curator"].iri
    assert history["changes"] == [{"field": "enablesPractice", "added": [f"<{BASE}id/{into}>"],
                                   "removed": [f"<{BASE}id/{merged}>"]}]
    assert history["merges"] == [{"agent": site.people["carlos_curator"].iri, "at": history["merges"][0]["at"],
                                  "linked_to": f"{BASE}id/{merged}", "now_links_to": f"{BASE}id/{into}"}]
    # The history page tells it too, in the curator's language.
    with site.browser("carlos_curator") as browser:
        page = browser.get("/curate/entries/norm/seasonal-work-act-draft/history", headers={"Accept-Language": "es"})
    assert page.status_code == 200
    assert "Fusiones" in page.text and f'href="/id/{merged}"' in page.text and f'href="/id/{into}"' in page.text


def test_a_merge_that_would_leave_the_entry_invalid_is_refused_and_changes_nothing(site):
    # The Batticaloa centre opened in 2024; the UNESCO framework ended in 2023. Taking its end date would end
    # the centre before it began, which the shapes forbid: the curator is told so, and both entries stay.
    into, merged = "practice/lka-migrant-information-centre-batticaloa", \
        "practice/unesco-regional-monitoring-framework-students-on-the-move"
    seen = preview(site, into, merged)
    assert seen.status_code == 200, seen.text
    assert "endDate" in {o["field"] for o in seen.json()["offers"]}
    refused = httpx.post(f"{site.url}{API}/entries/{into}/merge", json={"from": merged, "take": ["endDate"]},
                         headers={**site.token("carlos_curator"), "If-Match": seen.headers["ETag"]})
    assert refused.status_code == 422 and refused.json()["parameter"] == "take"
    detail = refused.json()["detail"]
    assert "would not be valid" in detail and "no later than the end date" in detail
    assert httpx.get(f"{site.url}/id/{merged}", headers={"Accept": "text/turtle"}).status_code == 200
    assert not ask(site, f"ASK {{ <{BASE}id/{into}> <https://w3id.org/gcmkg/ontology#endDate> ?end }}")
    assert preview(site, into, merged).headers["ETag"] == seen.headers["ETag"]      # nothing was written
