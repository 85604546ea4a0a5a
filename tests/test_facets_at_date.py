"""A policymaker counts treaties for the States party to them on a chosen day (issue 13).

The search facets, the filters and the coverage matrix take `at=YYYY-MM-DD|YYYY`: an
international instrument counts for the States party to it on that day, not for its whole
region. The index keeps each instrument's party timeline, asked of the one SPARQL rule
(graph/instrument_parties.py) at each day membership may change; these tests hold the
timeline to the rule itself, and the index's counts to plain SPARQL GROUP BY, on many days.
"""

from __future__ import annotations

import html
import re

import httpx
import pyoxigraph as ox
import pytest

from gcmkg.graph.instrument_parties import instruments_of, party_timelines
from gcmkg.graph.open import open_knowledge_graph
from gcmkg.graph.search import InvalidParameter, SearchRequest
from gcmkg.graph.search_facet_index import DIMENSIONS
from gcmkg.graph.search_index import SearchIndex
from gcmkg.graph.search_queries import facet_counts_query
from gcmkg.graph.system_graphs import demo_files
from gcmkg.ingest.rdf_input import FORMATS, parse_bytes

B = "https://w3id.org/gcmkg/"
COUNTRY = B + "country/"
ECOWAS = B + "id/norm/ecowas-protocol-free-movement-1979"
IBERO = B + "id/norm/ibero-american-multilateral-agreement-social-security-2007"
HTML = {"Accept": "text/html"}

PREFIXES = """@prefix gcm: <https://w3id.org/gcmkg/ontology#> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix eli: <http://data.europa.eu/eli/ontology#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix country: <https://w3id.org/gcmkg/country/> .
"""
# Every kind of party record the rule knows: consent only, entry into force after consent, signature
# only (never a party), no date at all (a founding member), a withdrawal, years instead of days.
TREATY = B + "id/norm/test-treaty"
TREATY_TTL = PREFIXES + f"""
<{TREATY}> a gcm:InternationalInstrument ;
    dcterms:title "Test treaty on labour mobility"@en ; dcterms:abstract "A treaty for the tests."@en ;
    eli:type_document <{B}norm-type/agreement> ; gcm:normStatus <{B}norm-status/in-force> ;
    gcm:addressesObjective <{B}gcm/objective/6> ;
    dcterms:source <https://example.org/treaty> ; dcterms:language "en"^^xsd:language ;
    eli:first_date_entry_in_force "2010-03-01"^^xsd:date ;
    gcm:reviewStatus <https://w3id.org/gcmkg/review-status/approved> ;
    gcm:party [ a gcm:Party ; gcm:partyCountry country:ARG ; gcm:partySource <https://example.org/treaty/parties> ; gcm:dateConsent "2009-05-10"^^xsd:date ] ,
        [ a gcm:Party ; gcm:partyCountry country:BRA ; gcm:partySource <https://example.org/treaty/parties> ; gcm:dateConsent "2011-01-01"^^xsd:date ;
          gcm:dateEntryIntoForce "2012-02-01"^^xsd:date ] ,
        [ a gcm:Party ; gcm:partyCountry country:CHL ; gcm:partySource <https://example.org/treaty/parties> ; gcm:dateSigned "2009-01-01"^^xsd:date ] ,
        [ a gcm:Party ; gcm:partyCountry country:URY ; gcm:partySource <https://example.org/treaty/parties> ] ,
        [ a gcm:Party ; gcm:partyCountry country:PRY ; gcm:partySource <https://example.org/treaty/parties> ; gcm:dateConsent "2013"^^xsd:gYear ;
          gcm:dateWithdrawal "2020-07-01"^^xsd:date ] .
"""


def _demo_graph():
    kg = open_knowledge_graph(in_memory=True)
    kg.init()
    kg.load([parse_bytes(r.read_bytes(), FORMATS[".ttl"], f"demo/{r.name}") for r in demo_files()]
            + [parse_bytes(TREATY_TTL.encode(), ox.RdfFormat.TURTLE, "treaty.ttl")])
    return kg


@pytest.fixture(scope="module")
def demo():
    kg = _demo_graph()
    yield kg, SearchIndex.build(kg.public)
    kg.close()


def _days_around(timelines) -> list[str]:
    """Every day membership may change, the day before it, a year form and days far before and after."""
    days = {"1900", "1979-01-01", "2013", "2025", "2099-12-31"}
    for timeline in timelines.values():
        for d in timeline.days:
            if len(d) == 10:
                days |= {d, d[:8] + f"{max(1, int(d[8:]) - 1):02d}"}
            elif d:
                days |= {d, str(int(d) - 1)}
    return sorted(days)


def test_the_party_timeline_says_what_the_sparql_rule_says_on_every_day(demo):
    kg, _index = demo
    timelines = party_timelines(kg.public)
    assert {ECOWAS, IBERO, TREATY} <= set(timelines)
    states = sorted({s for t in timelines.values() for s in t.ever()} | {COUNTRY + "CHL"})
    checked = 0
    for day in _days_around(timelines):
        for state in states:
            by_rule = set(instruments_of(kg.public, state, day))
            by_timeline = {e for e, t in timelines.items() if state in t.parties_at(day)}
            assert by_timeline == by_rule, (state, day)
            checked += 1
    assert checked > 500


def test_each_kind_of_party_record_counts_from_its_own_day(demo):
    _kg, index = demo
    treaty = party_timelines(_kg.public)[TREATY]
    short = lambda day: {s.rsplit("/", 1)[-1] for s in treaty.parties_at(day)}  # noqa: E731
    assert short("2010-02-28") == set()                          # the treaty is not yet in force
    assert short("2010-03-01") == {"ARG", "URY"}                 # consent before, founding member without dates
    assert short("2012-02-01") == {"ARG", "BRA", "URY"}          # in force for Brazil from its own day
    assert short("2014-01-01") == {"ARG", "BRA", "URY", "PRY"}   # a year stands for its first day
    assert short("2020-07-01") == {"ARG", "BRA", "URY"}          # the withdrawal takes effect that day
    assert "CHL" not in short("2099-12-31")                      # a signature alone binds no one


@pytest.mark.parametrize("day", [None, "1979-01-01", "2011-05-01", "2015", "2025-01-28", "2025-01-29"])
@pytest.mark.parametrize("filters", [{}, {"country": [COUNTRY + "MLI"]}, {"subregion": [B + "region/011"]},
                                     {"region": [B + "region/019"], "kind": ["norm"]}],
                         ids=["nothing", "Mali", "Western Africa", "Americas norms"])
def test_counts_on_a_day_match_sparql_group_by(demo, day, filters):
    kg, index = demo
    request = SearchRequest(filters=filters, at=day)
    result = index.search(request)
    for dimension in DIMENSIONS:
        query = facet_counts_query(dimension, request.filters, at=request.on_day)
        expected = {r["value"].value: int(r["count"].value) for r in kg.public.select(query) if "value" in r}
        assert {f.value: f.count for f in result.facets[dimension] if f.count} == expected, dimension


def test_mali_counts_ecowas_until_it_left(demo):
    _kg, index = demo
    def found(day):
        return {row.iri for row in index.search(SearchRequest(filters={"country": [COUNTRY + "MLI"]}, at=day,
                                                              page_size=100)).rows}
    assert ECOWAS in found("2025-01-28") and ECOWAS not in found("2025-01-29") and ECOWAS not in found(None)
    assert ECOWAS not in found("1980-06-04") and ECOWAS in found("1980-06-05")
    row = next(r for r in index.search(SearchRequest(filters={"country": [COUNTRY + "MLI"]}, at="2024",
                                                     page_size=100)).rows if r.iri == ECOWAS)
    assert COUNTRY + "MLI" in row.countries and COUNTRY + "NGA" in row.countries


def test_a_bad_day_is_named():
    with pytest.raises(InvalidParameter) as error:
        SearchRequest.from_params({"at": "29/01/2025"})
    assert error.value.parameter == "at" and error.value.value == "29/01/2025"
    with pytest.raises(InvalidParameter):
        SearchRequest(at="2025-02-30")


def test_a_new_party_record_reaches_the_counts_at_once():
    kg = _demo_graph()
    try:
        index = SearchIndex.build(kg.public)
        kg.on_change(index.apply_changes)
        def chile(day):
            return index.search(SearchRequest(filters={"country": [COUNTRY + "CHL"]}, at=day)).total
        before = {day: chile(day) for day in ("2015-05-31", "2016-01-01")}
        later = B + "id/norm/test-later-treaty"
        kg.load([parse_bytes((PREFIXES + f"""
            <{later}> a gcm:InternationalInstrument ; dcterms:title "A later treaty"@en ;
                dcterms:abstract "Another treaty for the tests."@en ; eli:type_document <{B}norm-type/agreement> ;
                gcm:normStatus <{B}norm-status/in-force> ;
                gcm:addressesObjective <{B}gcm/objective/6> ; dcterms:source <https://example.org/later> ;
                dcterms:language "en"^^xsd:language ;
                gcm:reviewStatus <https://w3id.org/gcmkg/review-status/approved> ;
                gcm:party [ a gcm:Party ; gcm:partyCountry country:CHL ; gcm:partySource <https://example.org/later/p> ;
                            gcm:dateEntryIntoForce "2015-06-01"^^xsd:date ] ,
                    [ a gcm:Party ; gcm:partyCountry country:PER ; gcm:partySource <https://example.org/later/p> ] .
            """).encode(),
            ox.RdfFormat.TURTLE, "later.ttl")])
        assert chile("2016-01-01") == before["2016-01-01"] + 1 and chile("2015-05-31") == before["2015-05-31"]
        fresh = SearchIndex.build(kg.public)
        for day in ("2015-05-31", "2016-01-01"):
            request = SearchRequest(at=day)
            assert index.search(request).facets == fresh.search(request).facets
    finally:
        kg.close()


# -- over HTTP, on the demo -------------------------------------------------------------------

def test_the_api_counts_parties_on_the_day_asked(site):
    def titles(**params):
        doc = httpx.get(site + "/api/search", params={**params, "page_size": 100}).json()
        return doc["at"], {r["iri"] for r in doc["results"]}
    day, before = titles(country="MLI", at="2025-01-28")
    assert day == "2025-01-28" and ECOWAS in before
    assert ECOWAS not in titles(country="MLI", at="2025-01-29")[1]
    counts = httpx.get(site + "/api/norms", params={"subregion": "011", "facets": "country", "at": "2024"}).json()
    assert {v["short"] for v in counts["facets"]["country"]} >= {"MLI", "NER", "BFA", "NGA"}
    assert "at=2024" in counts["links"]["self"]
    bad = httpx.get(site + "/api/search", params={"at": "next week"})
    assert bad.status_code == 422 and bad.json()["parameter"] == "at"


def test_the_search_page_says_which_day_it_counts_on(site):
    page = html.unescape(httpx.get(site + "/norms", params={"country": "MLI", "at": "2025-01-28", "lang": "es"},
                                   headers=HTML).text)
    assert 'name="at" type="date" value="2025-01-28"' in page and "Contado el" in page
    assert "ECOWAS" in page
    assert "ECOWAS" not in html.unescape(httpx.get(site + "/norms", params={"country": "MLI", "at": "2025-01-29"},
                                                   headers=HTML).text).split('id="results-heading"', 1)[1]


def test_the_coverage_matrix_counts_parties_on_the_day_asked(site):
    def mali_objective_5(**params):
        page = html.unescape(httpx.get(site + "/coverage", params={"region": "002", **params}, headers=HTML).text)
        found = re.search(r'aria-label="(\d+) entries: objective 5 in Mali"', page)
        return page, int(found.group(1)) if found else 0
    before, counted = mali_objective_5(at="2025-01-28")
    assert counted >= 1 and 'value="2025-01-28"' in before and "/search?at=2025-01-28&objective=5&country=MLI" in before
    assert "Counted on" in before
    assert mali_objective_5(at="2025-01-29")[1] == counted - 1              # ECOWAS (objective 5) left behind
    bad = httpx.get(site + "/coverage", params={"at": "2025-13-01"}, headers=HTML)
    assert bad.status_code == 422 and "2025-13-01" in html.unescape(bad.text)


def test_the_coverage_matrix_json_twin_gives_the_same_counts_on_the_day(site):
    def mali(at):
        doc = httpx.get(site + "/coverage.json", params={"region": "002", "at": at}).json()
        column = next(i for i, c in enumerate(doc["columns"]) if c["iri"] == COUNTRY + "MLI")
        objective_5 = next(r for r in doc["rows"] if r["objective"].endswith("/objective/5"))
        return doc["at"], doc["columns"][column]["total"], objective_5["counts"][column]
    day, total, counted = mali("2025-01-28")
    assert day == "2025-01-28" and counted >= 1
    assert mali("2025-01-29")[1:] == (total - 1, counted - 1)
    bad = httpx.get(site + "/coverage.json", params={"at": "someday"})
    assert bad.status_code == 422 and bad.json()["parameter"] == "at"
