"""Places below the country: provinces, states and cities, each under its country.

A norm of a province and a practice in a city are found by their country, sub-region and region in
the search, picked under their country in the submission form, and the places vocabulary is the ISO
3166-2 first-level subdivisions as pycountry publishes them (scripts/build_places.py).
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from gcmkg.graph.open import open_knowledge_graph
from gcmkg.graph.search import SearchRequest
from gcmkg.graph.search_facet_index import DIMENSIONS
from gcmkg.graph.search_index import SearchIndex
from gcmkg.graph.search_queries import facet_counts_query
from gcmkg.graph.system_graphs import system_graphs
from gcmkg.graph.vocabulary_choices import Choices, resolve
from gcmkg.ingest.rdf_input import parse_bytes
from gcmkg.names import vocab_graph

REPO = Path(__file__).resolve().parents[1]
B = "https://w3id.org/gcmkg/"
PLACE, COUNTRY, REGION = B + "place/", B + "country/", B + "region/"
COUNTRIES = B + "countries"
SKOS = "http://www.w3.org/2004/02/skos/core#"
REVIEWED = (f"gcm:reviewStatus <{B}review-status/approved> ; gcm:reviewedBy <{B}id/org/gcmkg-demo-editors> ; "
            'gcm:reviewedOn "2026-12-03T00:00:00Z"^^xsd:dateTime .')
CITY_PRACTICE = B + "id/practice/test-city-centre"
PROVINCE_NORM = B + "id/norm/test-province-law"

ENTRIES = f"""
@prefix gcm: <https://w3id.org/gcmkg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<{B}id/org/test-city-hall> a org:Organization ; skos:prefLabel "Test City Hall"@en ;
    org:classification <{B}organisation-type/government> .

<{CITY_PRACTICE}> a gcm:Practice ;
    dcterms:title "Test reference centre for immigrants"@en ;
    dcterms:abstract "A municipal service for immigrants."@en ;
    dcterms:language "en"^^xsd:language ;
    gcm:primaryObjective <{B}gcm/objective/15> ;
    gcm:practiceType <{B}practice-type/project-programme> ;
    dcterms:spatial <{PLACE}BRA-sao-paulo> ;
    schema:startDate "2014"^^xsd:gYear ; gcm:ongoing true ;
    gcm:implementingOrganisation <{B}id/org/test-city-hall> ;
    dcterms:source <https://example.org/city-centre> ;
    {REVIEWED}

<{PROVINCE_NORM}> a gcm:NationalNorm ;
    dcterms:title "Ley de Prueba de la Ciudad"@es ;
    dcterms:language "es"^^xsd:language ;
    eli:type_document <{B}norm-type/law> ;
    eli:jurisdiction <{PLACE}AR-C> ;
    eli:date_document "2019"^^xsd:gYear ;
    gcm:normStatus <{B}norm-status/in-force> ;
    dcterms:abstract "A test law of the Autonomous City of Buenos Aires."@en ;
    gcm:addressesObjective <{B}gcm/objective/16> ;
    dcterms:source <https://example.org/province-law> ;
    {REVIEWED}
"""


@pytest.fixture(scope="module")
def city_library():
    kg = open_knowledge_graph(in_memory=True)
    kg.init()
    report = kg.load([parse_bytes(ENTRIES.encode(), ox.RdfFormat.TURTLE, "places.ttl")])
    assert not getattr(report, "violations", None), report
    yield kg, SearchIndex.build(kg.public)
    kg.close()


def places_store() -> ox.Store:
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in system_graphs()[vocab_graph("places")])
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in system_graphs()[vocab_graph("countries")])
    return store


# --- the vocabulary ----------------------------------------------------------------------

def test_every_first_level_subdivision_of_iso_3166_2_sits_under_its_country():
    store = places_store()
    rows = list(store.query(f"""SELECT ?p ?c WHERE {{ ?p a <{B}ontology#Place> ; <{SKOS}broader> ?c }}"""))
    assert len(rows) > 3500      # 3,590 in pycountry 26.2.16, and the demo's cities
    assert all(r["c"].value.startswith(COUNTRY) for r in rows), "a place's broader concept is its country"
    assert ox.NamedNode(COUNTRY + "ARG") in {r["c"] for r in rows if r["p"].value == PLACE + "AR-C"}
    assert bool(store.query(f"""ASK {{ <{PLACE}AR-C> <{SKOS}notation> "AR-C"^^<{B}ontology#ISO3166Subdivision> ;
        <{SKOS}prefLabel> "Ciudad Autónoma de Buenos Aires" }}"""))


def test_a_place_reaches_its_countrys_m49_areas_through_its_country():
    store = places_store()
    assert bool(store.query(f"ASK {{ <{PLACE}AR-C> <{SKOS}broader>/<{SKOS}broaderTransitive> <{REGION}419> }}"))
    orphans = list(store.query(f"""SELECT ?p WHERE {{ ?p a <{B}ontology#Place>
        FILTER NOT EXISTS {{ ?p <{SKOS}broader>/<{SKOS}broaderTransitive> <{REGION}001> }} }} LIMIT 5"""))
    assert orphans == [], "every place rolls up to the World through its country"


def test_a_city_cites_the_page_it_comes_from():
    store = places_store()
    cities = list(store.query(f"SELECT ?c ?s WHERE {{ ?c a <{B}ontology#City> OPTIONAL {{ ?c <http://purl.org/dc/terms/source> ?s }} }}"))
    assert cities and all(r["s"] is not None for r in cities)


def test_the_places_build_is_deterministic_and_matches_the_shipped_file(tmp_path):
    if importlib.util.find_spec("pycountry") is None:
        pytest.skip("pycountry not installed (pip install -e '.[build-vocab]')")
    built = []
    for seed in ("1", "2"):
        out = tmp_path / f"{seed}.ttl"
        subprocess.run([sys.executable, str(REPO / "scripts" / "build_places.py"), "--output", str(out)],
                       check=True, capture_output=True, env=dict(os.environ, PYTHONHASHSEED=seed))
        built.append(out.read_bytes())
    assert built[0] == built[1]
    shipped = (REPO / "ontology" / "vocab" / "places.ttl").read_bytes()
    if built[0].split(b"\n", 4)[3] != shipped.split(b"\n", 4)[3]:
        pytest.skip("the shipped file was built with another pycountry")
    assert built[0] == shipped, "places.ttl is stale: run scripts/build_places.py"


# --- the search ----------------------------------------------------------------------------

def test_policymaker_filtering_by_brazil_finds_the_practice_of_sao_paulo(city_library):
    kg, index = city_library
    result = index.search(SearchRequest(filters={"country": [COUNTRY + "BRA"]}))
    rows = {row.iri: row for row in result.rows}
    assert CITY_PRACTICE in rows
    assert rows[CITY_PRACTICE].countries == (COUNTRY + "BRA",), "a result row names the place's country"
    south_america = index.search(SearchRequest(filters={"subregion": [REGION + "419"]}))
    assert {CITY_PRACTICE, PROVINCE_NORM} <= {row.iri for row in south_america.rows}
    argentina = index.search(SearchRequest(filters={"country": [COUNTRY + "ARG"]}))
    assert [row.iri for row in argentina.rows] == [PROVINCE_NORM]


def test_a_search_for_a_provinces_own_name_finds_its_norm(city_library):
    _, index = city_library
    found = {row.iri for row in index.search(SearchRequest(q="Ciudad Autónoma")).rows}
    assert found == {PROVINCE_NORM}, "the norm's texts say 'Autonomous City': the place's ISO name finds it"


def test_a_place_first_used_after_the_index_was_built_is_found_by_its_name_at_once():
    kg = open_knowledge_graph(in_memory=True)
    kg.init()
    kg.load([parse_bytes(ENTRIES.encode(), ox.RdfFormat.TURTLE, "places.ttl")])
    index = SearchIndex.build(kg.public)
    kg.on_change(index.apply_changes)
    try:
        assert not index.search(SearchRequest(q="Mendoza")).rows, "no entry is in Mendoza yet"
        law = ENTRIES.split(f"<{PROVINCE_NORM}>")[1].replace("AR-C", "AR-M").replace("Ciudad", "Provincia") \
            .replace("Autonomous City of Buenos Aires", "province").replace("province-law", "mendoza-law")
        newer = ENTRIES.split("<" + B + "id/org/")[0] + f"<{B}id/norm/test-mendoza-law>" + law
        report = kg.load([parse_bytes(newer.encode(), ox.RdfFormat.TURTLE, "mendoza.ttl")])
        assert not getattr(report, "violations", None), report
        found = {row.iri for row in index.search(SearchRequest(q="Mendoza")).rows}
        assert found == {B + "id/norm/test-mendoza-law"}, "the province's name finds the law without a rebuild"
        rebuilt = {row.iri for row in SearchIndex.build(kg.public).search(SearchRequest(q="Mendoza")).rows}
        assert rebuilt == found, "and a rebuild finds the same (a place's name leads to the entries stated in it)"
    finally:
        kg.close()


@pytest.mark.parametrize("filters", [{}, {"country": [COUNTRY + "ARG"]}, {"region": [REGION + "019"]},
                                     {"subregion": [REGION + "419"], "kind": ["practice"]}],
                         ids=["nothing", "argentina", "americas", "latin-america-practices"])
def test_place_counts_agree_with_sparql_group_by(city_library, filters):
    kg, index = city_library
    request = SearchRequest(filters=filters)
    result = index.search(request)
    for dimension in DIMENSIONS:
        ours = {f.value: f.count for f in result.facets[dimension] if f.count}
        query = facet_counts_query(dimension, request.filters, request.year_from, request.year_to, None)
        theirs = {r["value"].value: int(r["count"].value) for r in kg.public.select(query) if "value" in r}
        assert ours == theirs, dimension


# --- the submission form ---------------------------------------------------------------------

def test_contributor_picks_a_province_right_under_its_country(city_library):
    kg, _ = city_library
    choices = Choices(kg.public)
    listed = [c.iri for c in choices.of(COUNTRIES)]
    argentina = listed.index(COUNTRY + "ARG")
    assert PLACE + "AR-C" in listed[argentina + 1:argentina + 30]
    assert listed.index(PLACE + "AR-C") < listed.index(COUNTRY + "ARM"), "Argentina's places come before Armenia"
    assert choices.resolve(COUNTRIES, "AR-C") == PLACE + "AR-C"
    assert choices.resolve(COUNTRIES, "Ciudad Autónoma de Buenos Aires") == PLACE + "AR-C"
    place = next(c for c in choices.of(COUNTRIES) if c.iri == PLACE + "AR-C")
    assert place.broader == COUNTRY + "ARG" and place.display("fr") == "AR-C Ciudad Autónoma de Buenos Aires"
    assert resolve(choices.of(COUNTRIES), "Argentina") == COUNTRY + "ARG", "a country is still found by its name"
    # A name shared by a country and a place names the country; the place is typed by its code.
    assert choices.resolve(COUNTRIES, "Niger") == COUNTRY + "NER"
    assert choices.resolve(COUNTRIES, "NG-NI") == PLACE + "NG-NI"


# --- the pages (the demo data over HTTP) -------------------------------------------------------

def html_page(url: str) -> str:
    import httpx
    r = httpx.get(url, headers={"Accept": "text/html", "Accept-Language": "en"}, timeout=30)
    assert r.status_code == 200, (url, r.status_code)
    return r.text


def test_brazils_page_lists_sao_paulo_among_its_places_and_the_citys_practice(site):
    text = html_page(site + "/country/BRA")
    section = text[text.index('id="places-heading"'):]
    assert "São Paulo" in section[:1500] and "/place/BRA-sao-paulo" in section[:1500]
    assert "Reference and Assistance Centre for Immigrants (CRAI-SP)" in text, "the city's practice counts for Brazil"


def test_the_city_practice_names_its_city_and_the_city_page_its_country(site):
    entry = html_page(site + "/id/practice/bra-sao-paulo-reference-and-assistance-centre-for-immigrants")
    assert 'href="/place/BRA-sao-paulo"' in entry and "São Paulo" in entry
    city = html_page(site + "/place/BRA-sao-paulo")
    assert "Brazil" in city and "CRAI-SP" in city


def test_a_reader_browses_the_places_country_by_country_by_name(site):
    import httpx
    text = html_page(site + "/places")
    # The countries first, in alphabetical order; each country's places, named (not bare IRIs) and in
    # alphabetical order, accents aside, on a page of their own.
    assert text.index('href="/places?country=AFG"') < text.index('href="/places?country=ALB"')
    afghanistan = html_page(site + "/places?country=AFG")
    names = re.findall(r'<span class="notation">AF-[A-Z]+</span> ([^<]+)</a>', afghanistan)
    assert len(names) == 34 and names.index("Bādghīs") < names.index("Balkh"), names[:6]
    brazil = html_page(site + "/places?country=BRA")
    assert 'href="/place/BRA-sao-paulo"' in brazil and "https://w3id.org/gcmkg/place/" not in brazil.split("<main")[1]
    assert brazil.index('href="/country/BRA"') < brazil.index('href="/place/BRA-sao-paulo"')
    # The JSON the page links to exists, with each place's name and country.
    doc = httpx.get(site + "/api/vocabularies/places", params={"lang": "fr"}, timeout=30).json()
    sao_paulo = next(c for c in doc["concepts"] if c["iri"].endswith("/place/BRA-sao-paulo"))
    assert sao_paulo["label"] == "São Paulo" and sao_paulo["broader"].endswith("/country/BRA")
    listed = httpx.get(site + "/api/vocabularies", timeout=30).json()
    assert "places" in {v["name"] for v in listed}
    assert f"{len(doc['concepts']):,} concepts" in html_page(site + "/vocabularies"), "the list says how many"


def test_show_as_sparql_for_brazil_finds_the_city_practice_too(site):
    import html
    import re
    from urllib.parse import parse_qs, urlsplit

    import httpx
    text = html_page(site + "/search?country=BRA")
    link = html.unescape(re.search(r'<a href="([^"]+)"[^>]*class="sparql-link"', text).group(1))
    sparql = parse_qs(urlsplit(link).query)["edit"][0]
    r = httpx.get(site + "/sparql", params={"query": sparql}, headers={"Accept": "application/sparql-results+json"},
                  timeout=60)
    assert r.status_code == 200, r.text
    found = {b["e"]["value"] for b in r.json()["results"]["bindings"]}
    total = int(re.search(r'class="result-count" data-total="(\d+)"', text).group(1))
    assert len(found) == total and B + "id/practice/bra-sao-paulo-reference-and-assistance-centre-for-immigrants" in found
