"""The workbench's pages, walked as each role over a real server: the desk, an entry, a review, submissions,
history and inbox (issue 8: Pages and API)."""

from __future__ import annotations

import re

import httpx
import pytest

from curation_site import csrf_of, open_site, practice_json

API = "/api/curation"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    yield from open_site(tmp_path_factory.mktemp("curation-pages"))


def submitted(site, entry_id: str, title: str = "Community interpreters in clinics") -> None:
    alice = site.token("alice_contributor")
    httpx.post(site.url + API + "/entries", json=practice_json(entry_id, title), headers=alice).raise_for_status()
    httpx.post(f"{site.url}{API}/entries/{entry_id}/transitions/submit", headers=alice).raise_for_status()


def assigned(site, entry_id: str, *reviewers: str) -> None:
    for who in reviewers:
        httpx.post(f"{site.url}{API}/entries/{entry_id}/assignments", headers=site.token("carlos_curator"),
                   json={"reviewer": site.people[who].email, "due": "2030-06-30"}).raise_for_status()


def post_form(client: httpx.Client, page_url: str, action: str, data: dict) -> httpx.Response:
    """Submit a form of the page at `page_url` as a browser does: with the CSRF token the page carries."""
    token = csrf_of(client.get(page_url).text)
    return client.post(action, data={"csrf": token, **data})


def buttons(html: str) -> set[str]:
    return set(re.findall(r'name="transition" value="([a-z_]+)"', html))


def test_a_curator_sees_the_queues_by_state_with_counts_and_narrows_them(site):
    submitted(site, "practice/page-desk-one", "Desk entry one")
    httpx.post(site.url + API + "/entries", json=practice_json("practice/page-desk-draft", "Desk draft"),
               headers=site.token("alice_contributor")).raise_for_status()
    carlos = site.browser("carlos_curator")
    desk = carlos.get("/curate/desk")
    assert desk.status_code == 200
    assert "Desk entry one" in desk.text and "Desk draft" in desk.text
    assert int(re.search(r'class="count-submitted">(\d+)<', desk.text).group(1)) >= 1
    only_submitted = carlos.get("/curate/desk", params={"state": "submitted"}).text
    assert "Desk entry one" in only_submitted and "Desk draft" not in only_submitted
    assert "Desk entry one" not in carlos.get("/curate/desk", params={"type": "norm"}).text
    assert "Desk entry one" not in carlos.get("/curate/desk", params={"objective": "3"}).text
    assert "Desk entry one" in carlos.get("/curate/desk", params={"objective": "15"}).text
    americas = "https://w3id.org/gcmkg/region/019"
    assert "Desk entry one" in carlos.get("/curate/desk", params={"region": americas}).text
    assert "Desk entry one" not in carlos.get("/curate/desk", params={"region": "https://w3id.org/gcmkg/region/150"}).text
    assert carlos.get("/curate/desk", params={"lang": "es"}).text.count("Mesa de curaduría") >= 1
    assert site.browser("alice_contributor").get("/curate/desk").status_code == 403
    nav = re.search(r'<nav class="curate-nav".*?</nav>', desk.text, re.S).group(0)
    assert 'href="/curate/desk"' in nav and 'href="/curate/inbox"' in nav and 'href="/curate/reviews"' not in nav
    assert desk.headers["Cache-Control"] == "no-store"


def test_a_curator_assigns_reviewers_shown_as_un_or_external_and_sees_only_the_allowed_buttons(site):
    submitted(site, "practice/page-assign")
    carlos = site.browser("carlos_curator")
    page = carlos.get("/curate/entries/practice/page-assign").text
    assert "Una Naciones — UN" in page and "Esther Uno — external" in page
    assert buttons(page) == {"start_review", "request_changes", "reject", "withdraw"}
    una = site.people["una_reviewer"]
    done = post_form(carlos, "/curate/entries/practice/page-assign", "/curate/entries/practice/page-assign/assign",
                     {"reviewer": str(una.id), "due": "2030-01-31"})
    assert done.status_code == 303
    page = carlos.get("/curate/entries/practice/page-assign").text
    assert "Una Naciones (UN)" in page and "31 January 2030" in page and "has not declared yet" in page
    assert "publish" in buttons(page)
    alice = site.browser("alice_contributor").get("/curate/entries/practice/page-assign").text
    assert buttons(alice) == {"withdraw"} and "Una Naciones" not in alice


def test_publishing_before_the_review_rule_holds_is_refused_on_the_page_with_the_reason(site):
    submitted(site, "practice/page-too-early")
    assigned(site, "practice/page-too-early", "una_reviewer")
    carlos = site.browser("carlos_curator")
    refused = post_form(carlos, "/curate/entries/practice/page-too-early",
                        "/curate/entries/practice/page-too-early/transition", {"transition": "publish"})
    assert refused.status_code == 409 and 'role="alert"' in refused.text
    assert "in review" in httpx.get(site.url + API + "/entries/practice/page-too-early",
                                    headers=site.token("carlos_curator")).json()["state"].replace("_", " ")


def test_a_reviewer_declares_any_conflict_before_seeing_the_entry_then_reviews_against_each_criterion(site):
    submitted(site, "practice/page-review", "Entry to review")
    assigned(site, "practice/page-review", "ext_one")
    ext = site.browser("ext_one")
    mine = ext.get("/curate/reviews").text
    assert "Entry to review" in mine and "30 June 2030" in mine and "declare any conflict of interest first" in mine
    before = ext.get("/curate/reviews/practice/page-review").text
    assert 'name="conflict"' in before and "accompany migrants to health clinics" not in before
    assert ext.get("/curate/entries/practice/page-review").status_code == 403
    assert post_form(ext, "/curate/reviews/practice/page-review", "/curate/reviews/practice/page-review/conflict",
                     {"conflict": "no"}).status_code == 303
    after = ext.get("/curate/reviews/practice/page-review").text
    assert "accompany migrants to health clinics" in after and 'name="why-implemented"' in after
    half = post_form(ext, "/curate/reviews/practice/page-review", "/curate/reviews/practice/page-review",
                     {"verdict": "approve", "met-implemented": "yes", "why-implemented": "It runs since 2020."})
    assert half.status_code == 422 and "Say whether the entry is" in half.text
    assert "It runs since 2020." in half.text           # what was typed is kept
    from gcmkg.curation.reviews import CRITERIA
    full = {"verdict": "approveWithChanges", "comment": "Please add the number of clinics."}
    for c in CRITERIA:
        full |= {f"met-{c}": "yes", f"why-{c}": f"Because it is {c}."}
    assert post_form(ext, "/curate/reviews/practice/page-review", "/curate/reviews/practice/page-review",
                     full).status_code == 303
    assert "reviewed" in ext.get("/curate/reviews").text
    curator_view = site.browser("carlos_curator").get("/curate/entries/practice/page-review").text
    assert "Esther Uno (external)" in curator_view and "approve with changes" in curator_view
    assert "Because it is timely." in curator_view


def test_a_reviewer_who_declares_a_conflict_is_withdrawn_and_never_sees_the_entry(site):
    submitted(site, "practice/page-conflict")
    assigned(site, "practice/page-conflict", "ext_two")
    ext = site.browser("ext_two")
    post_form(ext, "/curate/reviews/practice/page-conflict", "/curate/reviews/practice/page-conflict/conflict",
              {"conflict": "yes"})
    page = ext.get("/curate/reviews/practice/page-conflict").text
    assert "withdrawn" in page and "accompany migrants to health clinics" not in page
    assert "conflict declared: withdrawn" in site.browser("carlos_curator").get(
        "/curate/entries/practice/page-conflict").text


def test_a_contributor_sees_their_submissions_and_what_is_asked_of_them(site):
    submitted(site, "practice/page-changes", "Needs more detail")
    carlos = site.browser("carlos_curator")
    post_form(carlos, "/curate/entries/practice/page-changes", "/curate/entries/practice/page-changes/transition",
              {"transition": "request_changes", "note": "Say how many clinics take part."})
    alice = site.browser("alice_contributor")
    page = alice.get("/curate/mine").text
    assert "Needs more detail" in page and "changes requested" in page
    assert "Say how many clinics take part." in page
    assert "/curate/entries/practice/page-changes/edit" in page and "/curate/new/practice" in page
    inbox = alice.get("/curate/inbox").text
    assert "Changes are requested" in inbox and "Say how many clinics take part." in inbox


def test_the_history_page_shows_versions_and_the_difference_between_two_who_only_to_staff(site):
    alice_api = site.token("alice_contributor")
    httpx.post(site.url + API + "/entries", json=practice_json("practice/page-history", "First title"),
               headers=alice_api).raise_for_status()
    second = practice_json("practice/page-history", "Second title")
    second["spatial"] = ["https://w3id.org/gcmkg/country/CHL"]
    httpx.put(site.url + API + "/entries/practice/page-history", json=second,
              headers={**alice_api, "If-Match": '"1"'}).raise_for_status()
    staff = site.browser("carlos_curator").get("/curate/entries/practice/page-history/history",
                                              params={"from": 1, "to": 2}).text
    assert '<th scope="col">By</th>' in staff and "<td>Alice Contreras</td>" in staff
    assert re.search(r"<del>.*First title", staff) and re.search(r"<ins>.*Second title", staff)
    assert re.search(r"<ins>.*country/CHL", staff) and re.search(r"<del>.*country/ARG", staff)
    own = site.browser("alice_contributor").get("/curate/entries/practice/page-history/history").text
    assert "Second title" in own and '<th scope="col">By</th>' not in own      # who saved: staff only
    assert site.browser("ext_three").get("/curate/entries/practice/page-history/history").status_code == 403


def test_pages_need_a_session_and_send_browsers_to_sign_in(site):
    anonymous = httpx.get(site.url + "/curate/desk", headers={"Accept": "text/html"})
    assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/login?next=")


def test_every_workbench_word_is_translated(site):
    from gcmkg.web.catalogue import CATALOGUE
    from gcmkg.web.desk_pages import AFFILIATION_NAMES, TRANSITION_NAMES, sections
    account = site.people["carlos_curator"]
    import dataclasses
    everyone = dataclasses.replace(account, roles=frozenset({"curator", "reviewer", "contributor"}))
    words = {*TRANSITION_NAMES.values(), *AFFILIATION_NAMES.values(), *(t for _h, t in sections(everyone)),
             "Practice", "National norm", "Organisation"}
    assert not sorted(w for w in words if w not in CATALOGUE)
