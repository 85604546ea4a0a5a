"""Free text in the records' languages: Snowball stemming per language (English, Spanish, French) and
prefix queries, on a real in-memory store and its search index."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from gcmkg.graph.open import open_knowledge_graph
from gcmkg.graph.search import SearchRequest
from gcmkg.graph.search_index import SearchIndex
from gcmkg.ingest.rdf_input import parse_bytes

B = "https://w3id.org/gcmkg/"
VENEZUELAN = B + "id/practice/test-venezuelan-welcome"
SPANISH = B + "id/practice/test-politicas-migratorias"
FRENCH = B + "id/practice/test-integration-locale"
ENTRIES = f"""
@prefix gcm: <https://w3id.org/gcmkg/ontology#> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix org: <http://www.w3.org/ns/org#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<{B}id/org/test-agency> a org:Organization ; skos:prefLabel "Test Agency"@en ;
    org:classification <{B}organisation-type/government> .
""" + "".join(f"""
<{iri}> a gcm:Practice ;
    dcterms:title {title} ;
    dcterms:abstract {abstract} ;
    gcm:primaryObjective <{B}gcm/objective/{objective}> ;
    gcm:practiceType <{B}practice-type/project-programme> ;
    dcterms:spatial <{B}country/{country}> ;
    schema:startDate "2020"^^xsd:gYear ;
    gcm:implementingOrganisation <{B}id/org/test-agency> ;
    dcterms:source <https://example.org/{iri[-12:]}> ;
    dcterms:language "{lang}"^^xsd:language ;
    gcm:reviewStatus <{B}review-status/approved> ;
    gcm:reviewedBy <{B}id/org/test-agency> ;
    gcm:reviewedOn "2026-11-23T00:00:00Z"^^xsd:dateTime .
""" for iri, title, abstract, objective, country, lang in (
    (VENEZUELAN, '"Welcome desks in Cúcuta"@en', '"Advice for Venezuelan families arriving in Colombia."@en', 7, "COL", "en"),
    (SPANISH, '"Observatorio regional"@es', '"Seguimiento de las políticas migratorias de la región."@es', 23, "ARG", "es"),
    (FRENCH, '"Accueil dans les communes"@fr', '"Soutien à l\'intégration des travailleuses arrivées récemment."@fr', 16, "SEN", "fr"),
))


@pytest.fixture(scope="module")
def index():
    kg = open_knowledge_graph(in_memory=True)
    kg.init()
    kg.load([parse_bytes(ENTRIES.encode(), ox.RdfFormat.TURTLE, "languages.ttl")])
    yield SearchIndex.build(kg.public)
    kg.close()


def found(index: SearchIndex, q: str) -> set[str]:
    return {row.iri for row in index.search(SearchRequest(q=q, page_size=100)).rows}


def test_a_country_name_finds_its_adjective(index):
    assert VENEZUELAN in found(index, "Venezuela")
    assert VENEZUELAN in found(index, "venezuela colombia")


def test_a_word_ending_in_a_star_is_a_prefix(index):
    assert found(index, "venez*") == {VENEZUELAN}
    assert found(index, "migra*") >= {SPANISH}
    assert found(index, "arr*") >= {VENEZUELAN, FRENCH}           # arriving, arrivées
    assert found(index, "arr") == set()                           # a short word alone is not a prefix


def test_spanish_words_are_stemmed_as_spanish(index):
    assert found(index, "migratorio") == {SPANISH}                # migratorias: the same Spanish stem
    assert found(index, "política") == {SPANISH}


def test_french_words_are_stemmed_as_french(index):
    assert found(index, "intégrer") == {FRENCH}                   # intégration
    assert found(index, "integrer") == {FRENCH}                   # accents typed or not


def test_prefixes_and_stems_keep_user_text_out_of_the_fts_syntax(index):
    # FTS operators typed by a user are words, not syntax: no query error, and no operator widens the match.
    for q in ['venez"*', "NEAR(venez*)", "venez* OR x", "title:venez*"]:
        assert found(index, q) <= {VENEZUELAN}, q
    everything = found(index, "")
    for q in ["*", "**", '"*"']:                                 # no word left: no text filter
        assert found(index, q) == everything, q
    assert found(index, '("venez*")') == {VENEZUELAN}
