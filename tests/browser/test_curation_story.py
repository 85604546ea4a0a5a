"""Issue 8's story, end to end in Chromium against a real server: from a contributor's form to a published
entry that the public finds everywhere, reviewed by three experts whose names nobody public ever sees.

Each person signs in through the login page with the password the demo generated for them.
"""

from __future__ import annotations

import gzip
import re
import sys
import time
from pathlib import Path

import pytest

from harness import axe_violations, browser, new_page, screenshot  # noqa: F401 - fixtures

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from curation_site import open_site  # noqa: E402

TITLE = "Mobile legal clinics for seasonal workers"
UN, FIRST, CONFLICTED, REPLACEMENT = "una_reviewer", "ext_one", "ext_two", "ext_three"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    yield from open_site(tmp_path_factory.mktemp("curation-story"), passwords=True)


def signed_in(site, new_page, who: str, target: str):
    """A browser of its own for `who`, signed in through the login page, at `target`."""
    page = new_page(base_url=site.url)
    page.goto(target)
    page.wait_for_url(re.compile(r"/login\?next="))
    page.fill("#email", site.people[who].email)
    page.fill("#password", site.passwords[who])
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(target) + "$"))
    return page


def no_serious_violations(page, name: str) -> None:
    violations = axe_violations(page)
    screenshot(page, f"story-{name}")
    assert violations == [], (name, violations)


def contributor_submits(site, new_page) -> str:
    """Alice fills the form, is shown a date problem next to its field, fixes it and submits: the entry's id."""
    page = signed_in(site, new_page, "alice_contributor", "/curate/new/practice")
    page.fill("#input-title", TITLE)
    page.select_option("#input-language", "en")
    page.check('input[name="practiceType"][value$="/project-programme"]')
    page.check('input[name="primaryObjective"][value$="/objective/15"]')
    page.fill("#input-abstract", "Lawyers travel in a van to the farms where seasonal migrant workers live.")
    page.fill("#input-spatial", "ARG Argentina")
    page.fill("#input-implementingOrganisation", "IOM")
    page.fill("#input-startDate", "2022")
    page.fill("#input-endDate", "2020")
    page.check('input[name="ongoing"][value="false"]')
    page.fill("#input-source", "https://example.org/legal-clinics")
    problem = page.locator("#problems-startDate .field-error")
    problem.wait_for()
    assert "no later than the end date" in problem.inner_text()
    page.fill("#input-endDate", "2024")
    problem.wait_for(state="detached")
    page.locator("button[value=submit]").click()
    page.wait_for_url(re.compile(r"/curate/entries/practice/[a-z0-9-]+/edit\?done=submitted$"))
    return re.search(r"/curate/entries/(practice/[a-z0-9-]+)/edit", page.url).group(1)


def assign(page, who_name: str) -> None:
    value = page.locator("#reviewer option", has_text=who_name).get_attribute("value")
    page.select_option("#reviewer", value)
    page.fill("#due", "2030-06-30")
    page.get_by_role("button", name="Assign").click()
    page.wait_for_load_state()
    assert page.locator(".notice.error").count() == 0


def declares(site, new_page, who: str, entry: str, conflict: bool):
    page = signed_in(site, new_page, who, f"/curate/reviews/{entry}")
    page.check("#conflict-yes" if conflict else "#conflict-no")
    page.get_by_role("button", name="Declare").click()
    page.wait_for_load_state()
    return page


def reviews_and_approves(page) -> None:
    """The review form: every criterion met, with a justification, and the verdict approve."""
    for key in [k.removeprefix("why-") for k in page.locator("textarea[id^=why-]").evaluate_all(
            "areas => areas.map(a => a.id)")]:
        page.check(f"#met-{key}-yes")
        page.fill(f"#why-{key}", f"Checked against the report: the practice is {key}.")
    page.check("#verdict-approve")
    page.fill("#comment", "Well documented; thank you.")
    page.get_by_role("button", name="Send the review").click()
    page.wait_for_url(re.compile(r"/curate/reviews$"))
    assert page.locator("tr", has_text=TITLE).locator("td").last.inner_text() == "reviewed"


def found_in_search(page, words: str, deadline: float = 30) -> int:
    """The faceted search's count for `words`, polled until the entry shows (the index follows a publish)."""
    end = time.monotonic() + deadline
    while True:
        page.goto(f"/search?q={words}")
        total = int(page.locator(".result-count").get_attribute("data-total"))
        if page.locator(".result-list a", has_text=TITLE).count() or time.monotonic() > end:
            return total
        time.sleep(0.2)


def sparql_values(page, query: str) -> set[str]:
    answer = page.request.get("/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"})
    assert answer.ok, answer.text()
    return {b["o"]["value"] for b in answer.json()["results"]["bindings"]}


def test_a_practice_goes_from_the_form_through_three_expert_reviews_to_every_public_door(site, new_page):
    entry = contributor_submits(site, new_page)
    people = {who: site.people[who] for who in (UN, FIRST, CONFLICTED, REPLACEMENT, "alice_contributor",
                                                "carlos_curator")}

    # The curator finds it on the desk and assigns one UN and two external reviewers.
    carlos = signed_in(site, new_page, "carlos_curator", "/curate/desk")
    no_serious_violations(carlos, "desk")
    carlos.locator("a", has_text=TITLE).first.click()
    carlos.wait_for_url(re.compile(re.escape(f"/curate/entries/{entry}") + "$"))
    no_serious_violations(carlos, "entry-submitted")
    for who in (UN, FIRST, CONFLICTED):
        assign(carlos, people[who].name)
    assert carlos.locator("#reviewers-heading ~ ul li").count() == 3

    # One external reviewer declares a conflict of interest before seeing the entry: withdrawn.
    withdrawn = declares(site, new_page, CONFLICTED, entry, conflict=True)
    assert "withdrawn from this review" in withdrawn.locator("main").inner_text()
    assert withdrawn.get_by_text("Lawyers travel in a van").count() == 0
    carlos.reload()
    assert "conflict declared: withdrawn" in carlos.locator("#reviewers-heading ~ ul").inner_text()
    # Publishing now is refused by the server: the rule wants two external approvals.
    carlos.get_by_role("button", name="Publish").click()
    carlos.wait_for_load_state()
    assert carlos.locator(".notice.error").count() == 1
    carlos.goto(f"/curate/entries/{entry}")
    assign(carlos, people[REPLACEMENT].name)
    no_serious_violations(carlos, "entry-reviewers")

    # The three others declare no conflict, then review against the criteria and approve.
    for who in (UN, FIRST, REPLACEMENT):
        reviewer = declares(site, new_page, who, entry, conflict=False)
        assert reviewer.get_by_text("Lawyers travel in a van").count() >= 1
        reviews_and_approves(reviewer)

    # The curator publishes.
    carlos.goto(f"/curate/entries/{entry}")
    assert carlos.locator(".given-review").count() == 3
    no_serious_violations(carlos, "entry-reviewed")
    carlos.get_by_role("button", name="Publish").click()
    carlos.wait_for_load_state()
    assert carlos.locator(".notice.error").count() == 0
    public_path = carlos.get_by_role("link", name="Public page").get_attribute("href")

    # The public finds it in the faceted search, with its count...
    visitor = new_page(base_url=site.url)
    assert found_in_search(visitor, "seasonal workers legal clinics") >= 1
    assert visitor.locator(".result-list a", has_text=TITLE).count() == 1
    # ...on its page, with its public provenance and nobody's name...
    visitor.goto(public_path)
    public_text = visitor.locator("body").inner_text()
    assert TITLE in public_text
    assert "reviewed by 3 experts (1 UN, 2 external)" in public_text
    personal = {s for a in people.values() for s in (a.email, a.name)}
    page_html = visitor.content()
    assert [s for s in personal if s in page_html] == []
    # ...in a SPARQL query over the union graph at /sparql, which holds no reviewer's name or e-mail...
    iri = f"https://w3id.org/gcmkg/id/{entry}"
    title = f"SELECT ?o WHERE {{ <{iri}> <http://purl.org/dc/terms/title> ?o }}"
    assert sparql_values(visitor, title) == {TITLE}
    needles = " || ".join(f'CONTAINS(LCASE(STR(?o)), "{s.lower()}")' for s in (*personal, TITLE))
    anywhere = f"SELECT DISTINCT ?o WHERE {{ {{ ?s ?p ?o }} UNION {{ GRAPH ?g {{ ?s ?p ?o }} }} FILTER({needles}) }}"
    assert sparql_values(visitor, anywhere) == {TITLE}, "the query finds the title, and no person"
    # ...and in the dumps, which hold no reviewer's name or e-mail either.
    dump = visitor.request.get("/dumps/gcmkg.nq.gz")
    assert dump.ok
    quads = gzip.decompress(dump.body()).decode()
    assert f"<{iri}>" in quads
    assert [s for s in personal if s in quads] == []
