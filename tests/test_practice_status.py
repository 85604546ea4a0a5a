"""A policymaker sees whether a practice is planned, ongoing or completed on a day, computed from its dates
(issue 13), never stored: a facet "Status of the practice", and the value on the entry page and in its JSON.

A practice that states no date and is not stated ongoing has no status (nothing says whether it ran).
The facet is checked against the same rule written independently in SPARQL, on several days.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from gcmkg.graph.practice_status import COMPLETED, ONGOING, PLANNED, status_of
from gcmkg.graph.search import SearchRequest
from gcmkg.graph.search_queries import facet_counts_query

sys.path.insert(0, str(Path(__file__).parent))
from search_library import indexed, practice  # noqa: E402

B = "https://w3id.org/gcmkg/"
HTML = {"Accept": "text/html"}
# name -> the dates it states, and its status on 2018-06-01, on 2020-06-01 and on 2024-01-01.
CASES = {
    "years": ('schema:startDate "2019"^^xsd:gYear ; schema:endDate "2020"^^xsd:gYear ;',
              (PLANNED, ONGOING, COMPLETED)),
    "days": ('schema:startDate "2018-06-02"^^xsd:date ; schema:endDate "2020-05-31"^^xsd:date ;',
             (PLANNED, COMPLETED, COMPLETED)),
    "open-ended": ('schema:startDate "2018-06-01"^^xsd:date ;', (ONGOING, ONGOING, ONGOING)),
    "stated-ongoing": ('gcm:ongoing true ;', (ONGOING, ONGOING, ONGOING)),
    "ongoing-from-2019": ('schema:startDate "2019-01-01"^^xsd:date ; gcm:ongoing true ;', (PLANNED, ONGOING, ONGOING)),
    "end-only": ('schema:endDate "2019-12-31"^^xsd:date ;', (ONGOING, COMPLETED, COMPLETED)),
    "no-dates": ("", (None, None, None)),
}
DAYS = ("2018-06-01", "2020-06-01", "2024")


@pytest.fixture(scope="module")
def library():
    with indexed("".join(practice(f"test-status-{name}", dates) for name, (dates, _) in CASES.items())) as found:
        yield found


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_practice_reads_its_status_from_its_dates(library, name):
    kg, index = library
    iri = f"{B}id/practice/test-status-{name}"
    for day, expected in zip(DAYS, CASES[name][1]):
        assert status_of(kg.public, iri, day) == expected, day
        found = {status for status in (PLANNED, ONGOING, COMPLETED)
                 if iri in {r.iri for r in index.search(SearchRequest(filters={"practice_status": [status]},
                                                                       at=day, page_size=100)).rows}}
        assert found == ({expected} if expected else set()), day


@pytest.mark.parametrize("day", [None, *DAYS, "2019-12-31"])
def test_the_facet_agrees_with_the_rule_written_in_sparql(library, day):
    kg, index = library
    for filters in ({}, {"practice_status": [ONGOING]}, {"practice_status": [PLANNED, COMPLETED]}):
        request = SearchRequest(filters=filters, at=day)
        result = index.search(request)
        for dimension in ("practice_status", "objective", "kind"):
            query = facet_counts_query(dimension, request.filters, at=request.on_day)
            expected = {r["value"].value: int(r["count"].value) for r in kg.public.select(query) if "value" in r}
            assert {f.value: f.count for f in result.facets[dimension] if f.count} == expected, (filters, dimension)


def test_a_practice_given_an_end_date_moves_to_completed_at_once(library):
    kg, index = library
    iri = f"{B}id/practice/test-status-open-ended"
    completed = lambda: {r.iri for r in index.search(SearchRequest(  # noqa: E731
        filters={"practice_status": [COMPLETED]}, page_size=100)).rows}
    assert iri not in completed()
    triples = list(kg.public.construct(f"CONSTRUCT {{ <{iri}> ?p ?o }} WHERE {{ <{iri}> ?p ?o }}"))
    triples.append(ox.Triple(ox.NamedNode(iri), ox.NamedNode("https://schema.org/endDate"),
                             ox.Literal("2021-01-01", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))))
    kg.put_entry(ox.NamedNode(iri), triples)
    assert iri in completed()


def test_the_entry_page_and_json_give_the_status_on_the_day(site):
    slug = "unesco-regional-monitoring-framework-students-on-the-move"     # 2020 to 2023
    def json_status(**params):
        return httpx.get(f"{site}/api/practices/{slug}", params=params).json()["status_computed"]
    assert json_status(at="2019")["status"] == PLANNED
    assert json_status(at="2022-05-01") == {**json_status(at="2022-05-01"), "status": ONGOING, "on": "2022-05-01"}
    assert json_status(at="2024")["status"] == COMPLETED
    page = html.unescape(httpx.get(f"{site}/id/practice/{slug}", params={"at": "2022-05-01", "lang": "fr"},
                                   headers=HTML).text)
    assert 'class="badge status-ongoing"' in page and ">En cours<" in page
    bad = httpx.get(f"{site}/api/practices/{slug}", params={"at": "soon"})
    assert bad.status_code == 422 and bad.json()["parameter"] == "at"


def test_the_search_page_offers_the_practice_status_facet(site):
    page = html.unescape(httpx.get(site + "/practices", params={"lang": "es"}, headers=HTML).text)
    assert "Situación de la práctica" in page and "En curso" in page
