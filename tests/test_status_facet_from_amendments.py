"""A policymaker filters norms by status and sees a norm as amended once an amending norm is published
(issue 13): the status facet reads the status computed from the amending chain on the day asked
(graph/amendments.py), not the one typed on the norm.

The amender is published through the real store and the index that follows its writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from gcmkg.graph.search import SearchRequest
from gcmkg.graph.search_facet_index import DIMENSIONS
from gcmkg.graph.search_index import SearchIndex
from gcmkg.graph.search_queries import facet_counts_query
from gcmkg.ingest.rdf_input import parse_bytes

sys.path.insert(0, str(Path(__file__).parent))
from search_library import indexed  # noqa: E402

B = "https://w3id.org/gcmkg/"
LAW = B + "id/norm/arg-test-law"                 # tests/data/entries.ttl: in force since 2004, nothing amends it
AMENDER = B + "id/norm/arg-test-amending-decree"
IN_FORCE, AMENDED, REPEALED = (B + "norm-status/" + s for s in ("in-force", "amended", "repealed"))

PREFIXES = """@prefix gcm: <https://w3id.org/gcmkg/ontology#> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix eli: <http://data.europa.eu/eli/ontology#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def amending_decree(iri: str, amends: str, in_force: str, status: str = IN_FORCE) -> bytes:
    return (PREFIXES + f"""
<{iri}> a gcm:NationalNorm ;
    dcterms:title "Decreto que modifica la ley de prueba"@es , "Decree amending the test law"@en ;
    dcterms:language "es"^^xsd:language ;
    eli:type_document <{B}norm-type/decree> ;
    eli:jurisdiction <{B}country/ARG> ;
    eli:date_document "{in_force[:4]}"^^xsd:gYear ;
    eli:first_date_entry_in_force "{in_force}"^^xsd:date ;
    eli:amends <{amends}> ;
    gcm:normStatus <{status}> ;
    dcterms:abstract "A test decree amending the test law."@en ;
    gcm:addressesObjective <{B}gcm/objective/15> ;
    dcterms:source <https://example.org/norm/amending-decree> ;
    gcm:reviewStatus <https://w3id.org/gcmkg/review-status/approved> ;
    gcm:reviewedBy <https://w3id.org/gcmkg/id/org/test-reviewers> ;
    gcm:reviewedOn "2026-11-23T00:00:00Z"^^xsd:dateTime .
""").encode()


@pytest.fixture
def library():
    with indexed() as found:
        yield found


def statuses(index: SearchIndex, at: str | None = None, **filters) -> dict[str, int]:
    result = index.search(SearchRequest(filters=filters, at=at, facets=("status",)))
    return {f.value: f.count for f in result.facets["status"]}


def laws_with_status(index: SearchIndex, status: str, at: str | None = None) -> set[str]:
    return {r.iri for r in index.search(SearchRequest(filters={"status": [status]}, at=at, page_size=100)).rows}


def agrees_with_sparql(kg, index, at: str | None) -> None:
    request = SearchRequest(at=at)
    result = index.search(request)
    for dimension in DIMENSIONS:
        query = facet_counts_query(dimension, {}, at=request.on_day)
        expected = {r["value"].value: int(r["count"].value) for r in kg.public.select(query) if "value" in r}
        assert {f.value: f.count for f in result.facets[dimension] if f.count} == expected, dimension


def test_publishing_an_amending_norm_moves_the_amended_norm_to_amended(library):
    kg, index = library
    before = statuses(index)
    assert LAW in laws_with_status(index, IN_FORCE)
    kg.load([parse_bytes(amending_decree(AMENDER, LAW, "2020-03-01"), ox.RdfFormat.TURTLE, "amender.ttl")])
    after = statuses(index)
    assert LAW in laws_with_status(index, AMENDED) and LAW not in laws_with_status(index, IN_FORCE)
    assert after[AMENDED] == before[AMENDED] + 1
    assert after[IN_FORCE] == before[IN_FORCE]          # the law left it, the amender (in force) joined it
    # On a day before the amendment entered into force, the law was in force as enacted.
    assert LAW in laws_with_status(index, IN_FORCE, at="2020-02-29")
    assert LAW in laws_with_status(index, AMENDED, at="2020-03-01")
    for day in (None, "2020-02-29", "2020"):
        agrees_with_sparql(kg, index, day)
    # What the index learnt write by write is what a rebuild reads.
    fresh = SearchIndex.build(kg.public)
    assert statuses(fresh) == after and statuses(fresh, at="2020-02-29") == statuses(index, at="2020-02-29")
    # Withdrawing the amender gives the law back its stated status.
    kg.delete([ox.NamedNode(AMENDER)])
    assert statuses(index) == before and LAW in laws_with_status(index, IN_FORCE)


def test_an_amendment_stated_on_the_amended_norm_counts_once_the_amender_is_published(library):
    kg, index = library
    triples = list(kg.public.construct(f"CONSTRUCT {{ <{LAW}> ?p ?o }} WHERE {{ <{LAW}> ?p ?o }}"))
    triples.append(ox.Triple(ox.NamedNode(LAW), ox.NamedNode("http://data.europa.eu/eli/ontology#amended_by"),
                             ox.NamedNode(AMENDER)))
    kg.put_entry(ox.NamedNode(LAW), triples)
    assert LAW in laws_with_status(index, IN_FORCE)       # the amender is not published yet
    other = B + "id/norm/arg-test-unrelated"
    kg.load([parse_bytes(amending_decree(AMENDER, other, "2021-01-01"), ox.RdfFormat.TURTLE, "amender.ttl")])
    assert LAW in laws_with_status(index, AMENDED)
    agrees_with_sparql(kg, index, None)


def test_an_amendment_never_revives_a_repealed_norm_in_the_facet(library):
    kg, index = library
    triples = [t for t in kg.public.construct(f"CONSTRUCT {{ <{LAW}> ?p ?o }} WHERE {{ <{LAW}> ?p ?o }}")
               if not t.predicate.value.endswith("#normStatus")]
    triples.append(ox.Triple(ox.NamedNode(LAW), ox.NamedNode("https://w3id.org/gcmkg/ontology#normStatus"),
                             ox.NamedNode(REPEALED)))
    kg.put_entry(ox.NamedNode(LAW), triples)
    kg.load([parse_bytes(amending_decree(AMENDER, LAW, "2020-03-01"), ox.RdfFormat.TURTLE, "amender.ttl")])
    assert LAW in laws_with_status(index, REPEALED) and LAW not in laws_with_status(index, AMENDED)
    agrees_with_sparql(kg, index, None)
