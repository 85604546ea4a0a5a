"""A policymaker tells a practice's primary objectives from its secondary ones, and filters by the
language entries are written in (issue 13: distinct facets; the objective page and the coverage
matrix can count primary objectives only, a URL parameter)."""

from __future__ import annotations

import html
import re

import httpx

HTML = {"Accept": "text/html"}
SPARQL_JSON = {"Accept": "application/sparql-results+json"}
COUNT = """PREFIX gcm: <https://w3id.org/gcmkg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?e a %s ; gcm:reviewStatus <https://w3id.org/gcmkg/review-status/approved> ; %s
}"""


def sparql_count(site: str, pattern: str, kind: str = "gcm:Practice") -> int:
    doc = httpx.get(site + "/sparql", params={"query": COUNT % (kind, pattern)}, headers=SPARQL_JSON).json()
    return int(doc["results"]["bindings"][0]["n"]["value"])


def test_policymaker_filters_practices_by_primary_objective_only(site):
    objective = "<https://w3id.org/gcmkg/gcm/objective/5>"
    primary = sparql_count(site, f"gcm:primaryObjective {objective} .")
    secondary = sparql_count(site, f"gcm:secondaryObjective {objective} .")
    either = sparql_count(site, f"gcm:primaryObjective|gcm:secondaryObjective {objective} .")
    assert primary and secondary and either > primary, "the demo has objective 5 both ways"
    api = site + "/api/practices"
    assert httpx.get(api, params={"primary_objective": "5"}).json()["total"] == primary
    assert httpx.get(api, params={"secondary_objective": "5"}).json()["total"] == secondary
    assert httpx.get(api, params={"objective": "5"}).json()["total"] == either


def test_secondary_objective_facet_is_headed_in_the_readers_language(site):
    text = html.unescape(httpx.get(site + "/practices", params={"lang": "fr"}, headers=HTML).text)
    assert re.search(r'<h3 id="facet-primary_objective">Objectif principal du Pacte mondial', text)
    assert re.search(r'<h3 id="facet-secondary_objective">Objectif secondaire du Pacte mondial', text)


def test_reader_filters_by_the_language_an_entry_is_written_in(site):
    spanish = sparql_count(site, 'dcterms:language ?l . FILTER(STR(?l) = "es") '
                                 'VALUES ?k { gcm:NationalNorm gcm:InternationalInstrument }', "?k")
    assert spanish
    doc = httpx.get(site + "/api/norms", params={"language": "es", "facets": "language"}).json()
    assert doc["total"] == spanish
    named = {v["short"]: v for v in doc["facets"]["language"]}
    assert named["es"]["selected"] and named["es"]["count"] == spanish
    page = html.unescape(httpx.get(site + "/norms", params={"lang": "es"}, headers=HTML).text)
    assert re.search(r'<h3 id="facet-language">Idioma', page) and ">español <span" in page


def _row_totals(text: str) -> dict[str, int]:
    """Objective number -> the row total of the coverage matrix."""
    rows = re.findall(r'<th scope="row"[^>]*>.*?(\d+)\..*?</th>.*?<td class="total[^"]*">(?:<a [^>]*>)?(\d+)', text, re.S)
    return {n: int(t) for n, t in rows}


def test_coverage_matrix_counts_primary_objectives_only_when_asked(site):
    every = httpx.get(site + "/coverage", params={"kind": "practice"}, headers=HTML).text
    primary = httpx.get(site + "/coverage", params={"kind": "practice", "objectives": "primary"}, headers=HTML).text
    assert 'aria-current="true">Primary objectives only<' in primary
    cells = re.findall(r'<td class="cell heat-\d"><a href="([^"]+)"[^>]*>(\d+)</a>', primary)
    assert cells and all("primary_objective=" in html.unescape(link) for link, _n in cells)
    for link, n in cells[:4]:
        doc = httpx.get(site + "/api/practices?" + html.unescape(link).split("?", 1)[1]).json()
        assert doc["total"] == int(n), link
    assert sum(int(n) for _l, n in cells) < sum(int(n) for _l, n in re.findall(
        r'<td class="cell heat-\d"><a href="([^"]+)"[^>]*>(\d+)</a>', every))


def test_objective_page_counts_primary_objectives_only_when_asked(site):
    every = httpx.get(site + "/gcm/objective/5", headers=HTML).text
    primary = httpx.get(site + "/gcm/objective/5", params={"objectives": "primary"}, headers=HTML).text
    assert 'aria-current="true">Primary objectives only<' in primary
    links = re.findall(r'href="(/search\?primary_objective=5&amp;region=[^"]+)"', primary)
    assert links
    assert "search?objective=5&amp;region=" in every and "primary_objective=5" not in every
