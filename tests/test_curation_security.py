"""What the workbench refuses, however it is asked, over a real server (issue 8: Security tests).

Each story is an attack a real user could try from a browser or a script: a
forged form without the CSRF token, a reviewer peeking at an entry not theirs,
a contributor approving their own work, a publication the review rule does not
allow, script smuggled into a title, and personal data leaking to the public.
"""

from __future__ import annotations

import gzip
import re

import httpx
import pytest

from curation_site import csrf_of, open_site, practice_json, review_json

API = "/api/curation"
SCRIPT = "<script>alert('pwned')</script>"
IMAGE = '<img src=x onerror="alert(1)">'


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    yield from open_site(tmp_path_factory.mktemp("curation-security"))


def submit(site, entry_id: str, who: str = "alice_contributor", **changes) -> None:
    headers = site.token(who, "contributor" if "contributor" in site.people[who].roles else None)
    made = httpx.post(site.url + API + "/entries", json={**practice_json(entry_id), **changes}, headers=headers)
    assert made.status_code == 201, made.text
    httpx.post(f"{site.url}{API}/entries/{entry_id}/transitions/submit", headers=headers).raise_for_status()


def reviewed_by(site, entry_id: str, *reviewers: str) -> None:
    for who in reviewers:
        httpx.post(f"{site.url}{API}/entries/{entry_id}/assignments", headers=site.token("carlos_curator"),
                   json={"reviewer": site.people[who].email}).raise_for_status()
        headers = site.token(who)
        httpx.post(f"{site.url}{API}/entries/{entry_id}/conflict-declaration", headers=headers,
                   json={"conflict": False}).raise_for_status()
        httpx.post(f"{site.url}{API}/entries/{entry_id}/reviews", headers=headers, json=review_json()).raise_for_status()


def test_a_form_posted_without_its_csrf_token_is_refused(site):
    submit(site, "practice/sec-csrf")
    carlos = site.browser("carlos_curator")
    page = "/curate/entries/practice/sec-csrf"
    assert carlos.post(page + "/transition", data={"transition": "reject"}).status_code == 403
    assert carlos.post(page + "/transition", data={"transition": "reject", "csrf": "forged"}).status_code == 403
    # the same session's cookie on the JSON API, without the header a page's script would send
    assert carlos.post(f"{API}/entries/practice/sec-csrf/transitions/reject").status_code == 403
    assert httpx.get(site.url + API + "/entries/practice/sec-csrf",
                     headers=site.token("carlos_curator")).json()["state"] == "submitted"
    token = csrf_of(carlos.get(page).text)
    assert carlos.post(page + "/transition", data={"transition": "reject", "csrf": token}).status_code == 303


def test_a_reviewer_cannot_open_an_entry_not_assigned_to_them(site):
    submit(site, "practice/sec-not-yours")
    reviewed_by(site, "practice/sec-not-yours", "una_reviewer")
    ext, headers = site.browser("ext_three"), site.token("ext_three")
    assert ext.get("/curate/reviews/practice/sec-not-yours").status_code == 403
    assert ext.get("/curate/entries/practice/sec-not-yours").status_code == 403
    for path in ("", "/review-copy", "/history"):
        assert httpx.get(f"{site.url}{API}/entries/practice/sec-not-yours{path}", headers=headers).status_code == 403
    assert httpx.post(f"{site.url}{API}/entries/practice/sec-not-yours/reviews", headers=headers,
                      json=review_json()).status_code == 403
    assert "accompany migrants" not in ext.get("/curate/reviews/practice/sec-not-yours").text


def test_an_assigned_reviewer_cannot_read_the_entry_before_declaring_no_conflict(site):
    submit(site, "practice/sec-declare-first")
    httpx.post(f"{site.url}{API}/entries/practice/sec-declare-first/assignments", headers=site.token("carlos_curator"),
               json={"reviewer": site.people["ext_one"].email}).raise_for_status()
    headers = site.token("ext_one")
    assert httpx.get(f"{site.url}{API}/entries/practice/sec-declare-first/review-copy",
                     headers=headers).status_code == 403
    assert httpx.post(f"{site.url}{API}/entries/practice/sec-declare-first/reviews", headers=headers,
                      json=review_json()).status_code == 403


def test_a_contributor_cannot_assign_approve_or_publish(site):
    submit(site, "practice/sec-contributor")
    httpx.post(f"{site.url}{API}/entries/practice/sec-contributor/assignments", headers=site.token("carlos_curator"),
               json={"reviewer": site.people["una_reviewer"].email}).raise_for_status()     # now in review
    alice = site.token("alice_contributor")
    for name in ("publish", "reject", "request_changes"):
        refused = httpx.post(f"{site.url}{API}/entries/practice/sec-contributor/transitions/{name}", headers=alice)
        assert refused.status_code == 403, (name, refused.text)
    assert httpx.post(f"{site.url}{API}/entries/practice/sec-contributor/assignments", headers=alice,
                      json={"reviewer": site.people["alice_contributor"].email}).status_code in (403, 422)
    assert httpx.post(f"{site.url}{API}/entries/practice/sec-contributor/reviews", headers=alice,
                      json=review_json()).status_code == 403
    page = site.browser("alice_contributor").get("/curate/entries/practice/sec-contributor").text
    assert 'value="publish"' not in page and 'value="reject"' not in page and "/assign" not in page


def test_nobody_reviews_or_publishes_their_own_submission(site):
    from gcmkg.curation import db
    from gcmkg.curation.accounts import Accounts
    accounts = Accounts(db.open_database(str(site.store)))
    both = accounts.add("rita.both@example.org", "Rita Ambos", ["contributor", "reviewer", "curator"],
                        affiliation="external")
    site.people["rita_both"] = both
    submit(site, "practice/sec-own", who="rita_both")
    assign = httpx.post(f"{site.url}{API}/entries/practice/sec-own/assignments", headers=site.token("carlos_curator"),
                        json={"reviewer": both.email})
    assert assign.status_code == 403 and "own submission" in assign.json()["detail"]
    reviewed_by(site, "practice/sec-own", "una_reviewer", "ext_one", "ext_two")
    own = httpx.post(f"{site.url}{API}/entries/practice/sec-own/transitions/publish", headers=site.token("rita_both",
                                                                                                     "curator"))
    assert own.status_code == 403 and "own submission" in own.json()["detail"]


def test_publication_without_one_un_and_two_external_approvals_is_refused_by_the_api(site):
    submit(site, "practice/sec-rule")
    reviewed_by(site, "practice/sec-rule", "una_reviewer", "ext_one")
    carlos = site.token("carlos_curator")
    refused = httpx.post(f"{site.url}{API}/entries/practice/sec-rule/transitions/publish", headers=carlos)
    assert refused.status_code == 409 and refused.json()["type"].endswith("/conflict")
    assert httpx.get(site.url + "/id/practice/sec-rule", headers={"Accept": "text/turtle"}).status_code == 404
    reviewed_by(site, "practice/sec-rule", "ext_two")
    httpx.post(f"{site.url}{API}/entries/practice/sec-rule/conflict-declaration", headers=site.token("ext_two"),
               json={"conflict": True}).raise_for_status()            # a conflict declared after reviewing
    assert httpx.post(f"{site.url}{API}/entries/practice/sec-rule/transitions/publish",
                      headers=carlos).status_code == 409
    assert httpx.get(site.url + "/id/practice/sec-rule", headers={"Accept": "text/turtle"}).status_code == 404


def test_script_in_submitted_text_is_shown_as_text_on_every_page(site):
    entry = "practice/sec-script"
    submit(site, entry, title={"en": SCRIPT}, abstract={"en": IMAGE})
    reviewed_by(site, entry, "una_reviewer", "ext_one", "ext_two")
    curator, contributor, reviewer = (site.browser(w) for w in ("carlos_curator", "alice_contributor", "ext_one"))
    pages = [curator.get("/curate/desk"), curator.get(f"/curate/entries/{entry}"),
             curator.get(f"/curate/entries/{entry}/history"), contributor.get("/curate/mine"),
             contributor.get(f"/curate/entries/{entry}"), reviewer.get("/curate/reviews"),
             reviewer.get(f"/curate/reviews/{entry}")]
    httpx.post(f"{site.url}{API}/entries/{entry}/transitions/publish",
               headers=site.token("carlos_curator")).raise_for_status()
    pages += [httpx.get(site.url + f"/id/{entry}", headers={"Accept": "text/html"}),
              httpx.get(site.url + "/search", params={"q": "pwned"}, headers={"Accept": "text/html"})]
    for response in pages:
        assert response.status_code == 200, response.url
        assert SCRIPT not in response.text and IMAGE not in response.text, response.url
    assert "&lt;script&gt;" in pages[0].text and "&lt;img src=x" in pages[1].text
    assert "&lt;script&gt;" in pages[-2].text


def test_no_name_or_email_reaches_public_pages_sparql_or_dumps_after_publication(site):
    entry = "practice/sec-personal"
    submit(site, entry)
    reviewed_by(site, entry, "una_reviewer", "ext_one", "ext_two")
    httpx.post(f"{site.url}{API}/entries/{entry}/transitions/publish",
               headers=site.token("carlos_curator")).raise_for_status()
    personal = {s for a in site.people.values() for s in (a.name, a.email) if s}
    published = httpx.get(site.url + f"/id/{entry}", headers={"Accept": "text/html"}).text
    assert "reviewed by 3 experts (1 UN, 2 external)" in published
    public = [published,
              httpx.get(site.url + f"/id/{entry}", headers={"Accept": "text/turtle"}).text,
              httpx.get(site.url + f"/api/practices/{entry.split('/')[1]}").text,
              httpx.get(site.url + "/search", params={"q": "interpreters"}, headers={"Accept": "text/html"}).text,
              httpx.get(site.url + "/practices.csv").text]
    for name in sorted(personal):
        hits = httpx.post(site.url + "/sparql", headers={"Accept": "application/sparql-results+json"}, data={
            "query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(CONTAINS(LCASE(STR(?o)), LCASE(?name))) } "
                     "VALUES ?name { " + '"' + name.replace('"', "") + '" }'})
        assert hits.json()["results"]["bindings"][0]["n"]["value"] == "0", name
    dump = gzip.decompress(httpx.get(site.url + "/dumps/gcmkg.nq.gz").content).decode()
    assert f"/id/{entry}>" in dump
    for text in [*public, dump]:
        found = [p for p in personal if re.search(re.escape(p), text, re.I)]
        assert not found, found
