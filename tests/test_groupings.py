"""Groupings of countries beyond the M49 areas: SKOS collections of member countries.

A regional review finds the entries of a grouping's member countries (and of their provinces and
cities) under the grouping facet; associate members are not members; a practice may be scoped to a
grouping; a deployment adds its own groupings (a regional economic community) as a Turtle file in
the folder named by GCMKG_VOCABULARIES.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from gcmkg.graph import system_graphs as shipped
from gcmkg.graph.open import open_knowledge_graph
from gcmkg.graph.search import SearchRequest
from gcmkg.graph.search_index import SearchIndex
from gcmkg.graph.search_queries import facet_counts_query
from gcmkg.ingest.rdf_input import parse_bytes
from gcmkg.names import vocab_graph

B = "https://w3id.org/gcmkg/"
COUNTRY, GROUPING = B + "country/", B + "grouping/"
CARIBBEAN = GROUPING + "eclac-caribbean"
ECA = GROUPING + "eca"
# ECA's member States, sub-region by sub-region, as its pages name them (ontology/sources/README.md).
ECA_SUBREGIONS = {
    "North Africa": "DZA EGY LBY MRT MAR SDN TUN",
    "West Africa": "BEN BFA CPV CIV GMB GHA GIN GNB LBR MLI NER NGA SEN SLE TGO",
    "Central Africa": "CMR TCD CAF COG GNQ GAB STP",
    "Eastern Africa": "BDI COM COD DJI ETH ERI KEN MDG RWA SYC SOM SSD TZA UGA",
    "Southern Africa": "AGO BWA SWZ LSO MWI MUS MOZ NAM ZAF ZMB ZWE",
}
SKOS = "http://www.w3.org/2004/02/skos/core#"
GCM = B + "ontology#"
REVIEWED = (f"gcm:reviewStatus <{B}review-status/approved> ; gcm:reviewedBy <{B}id/org/gcmkg-demo-editors> ; "
            'gcm:reviewedOn "2026-12-03T00:00:00Z"^^xsd:dateTime .')


def practice(key: str, scope: str) -> str:
    return f"""<{B}id/practice/{key}> a gcm:Practice ;
    dcterms:title "Test practice {key}"@en ; dcterms:abstract "A test practice."@en ;
    dcterms:language "en"^^xsd:language ; gcm:primaryObjective <{B}gcm/objective/7> ;
    gcm:practiceType <{B}practice-type/project-programme> ; dcterms:spatial <{scope}> ;
    schema:startDate "2020"^^xsd:gYear ; gcm:ongoing true ;
    gcm:implementingOrganisation <{B}id/org/test-agency> ;
    dcterms:source <https://example.org/{key}> ;
    {REVIEWED}
"""


ENTRIES = f"""
@prefix gcm: <https://w3id.org/gcmkg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<{B}id/org/test-agency> a org:Organization ; skos:prefLabel "Test Agency"@en ;
    org:classification <{B}organisation-type/government> .
{practice("jamaica", COUNTRY + "JAM")}
{practice("kingston", B + "place/JM-01")}
{practice("anguilla", COUNTRY + "AIA")}
{practice("caribbean-initiative", CARIBBEAN)}
{practice("chile", COUNTRY + "CHL")}
"""

COMMUNITY = f"""
@prefix gcm: <https://w3id.org/gcmkg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<{GROUPING}test-community> a skos:Collection , gcm:Grouping ;
    skos:prefLabel "Test Economic Community"@en , "Comunidad Económica de Prueba"@es , "Communauté économique d'essai"@fr ;
    dcterms:source <https://example.org/community/members> ;
    skos:member <{COUNTRY}CHL> , <{COUNTRY}JAM> .
"""


def library():
    kg = open_knowledge_graph(in_memory=True)
    kg.init()
    kg.load([parse_bytes(ENTRIES.encode(), ox.RdfFormat.TURTLE, "groupings.ttl")])
    return kg, SearchIndex.build(kg.public)


@pytest.fixture(scope="module")
def caribbean():
    kg, index = library()
    yield kg, index
    kg.close()


def grouped(index, grouping: str) -> set[str]:
    result = index.search(SearchRequest(filters={"grouping": [grouping]}, page_size=100))
    return {row.iri.rsplit("/", 1)[-1] for row in result.rows}


# --- the data --------------------------------------------------------------------------------

def test_each_shipped_grouping_cites_its_official_page_and_the_date_it_was_read():
    triples = shipped.system_graphs()[vocab_graph("groupings")]
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    rows = list(store.query(f"""SELECT ?g ?source ?date (COUNT(DISTINCT LANG(?l)) AS ?langs) WHERE {{
        ?g a <{GCM}Grouping> ; <{SKOS}prefLabel> ?l
        OPTIONAL {{ ?g <http://purl.org/dc/terms/source> ?source }} OPTIONAL {{ ?g <http://purl.org/dc/terms/date> ?date }}
    }} GROUP BY ?g ?source ?date"""))
    assert rows
    for row in rows:
        assert row["source"] is not None and row["source"].value.startswith("https://"), row["g"]
        assert row["date"] is not None, row["g"]
        assert int(row["langs"].value) == 3, f"{row['g']} needs en/es/fr labels"


def shipped_store() -> ox.Store:
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in shipped.system_graphs()[vocab_graph("groupings")])
    return store


def test_a_regional_review_of_africa_covers_the_54_member_states_of_the_economic_commission_for_africa():
    store = shipped_store()
    members = {r["c"].value.rsplit("/", 1)[-1] for r in store.query(f"SELECT ?c WHERE {{ <{ECA}> <{SKOS}member> ?c }}")}
    listed = [code for codes in ECA_SUBREGIONS.values() for code in codes.split()]
    assert len(listed) == len(set(listed)) == 54, "the five sub-regional lists are disjoint and make the 54"
    assert members == set(listed)
    # African areas of M49 that are not States members of the UN are not ECA members.
    assert not members & {"REU", "MYT", "ESH", "SHN", "IOT"}
    sources = {r["s"].value for r in store.query(f"SELECT ?s WHERE {{ <{ECA}> <http://purl.org/dc/terms/source> ?s }}")}
    assert "https://www.uneca.org/subregional-offices" in sources
    assert not list(store.query(f"SELECT ?c WHERE {{ <{ECA}> <{GCM}associateMember> ?c }}"))
    labels = {r["l"].language: r["l"].value for r in store.query(f"SELECT ?l WHERE {{ <{ECA}> <{SKOS}prefLabel> ?l }}")}
    assert labels == {"en": "Economic Commission for Africa", "es": "Comisión Económica para África",
                      "fr": "Commission économique pour l'Afrique"}


def test_associate_members_are_kept_apart_from_members():
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in shipped.system_graphs()[vocab_graph("groupings")])
    both = list(store.query(f"SELECT ?c WHERE {{ ?g <{SKOS}member> ?c ; <{GCM}associateMember> ?c }}"))
    assert both == []
    assert bool(store.query(f"ASK {{ <{CARIBBEAN}> <{GCM}associateMember> <{COUNTRY}AIA> }}"))
    assert not bool(store.query(f"ASK {{ <{CARIBBEAN}> <{SKOS}member> <{COUNTRY}AIA> }}"))


# --- the search --------------------------------------------------------------------------------

def test_a_regional_review_finds_the_members_their_places_and_the_regional_initiative(caribbean):
    _, index = caribbean
    assert grouped(index, CARIBBEAN) == {"jamaica", "kingston", "caribbean-initiative"}


def test_an_associate_members_entry_is_not_counted_under_the_grouping(caribbean):
    _, index = caribbean
    assert "anguilla" not in grouped(index, CARIBBEAN)
    counts = {f.value: f.count for f in index.search(SearchRequest()).facets["grouping"]}
    assert counts[CARIBBEAN] == 3


@pytest.mark.parametrize("filters", [{}, {"grouping": [CARIBBEAN]}, {"country": [COUNTRY + "JAM"]}],
                         ids=["nothing", "caribbean", "jamaica"])
def test_grouping_counts_agree_with_sparql_group_by(caribbean, filters):
    kg, index = caribbean
    request = SearchRequest(filters=filters)
    ours = {f.value: f.count for f in index.search(request).facets["grouping"] if f.count}
    query = facet_counts_query("grouping", request.filters, None, None, None)
    assert ours == {r["value"].value: int(r["count"].value) for r in kg.public.select(query) if "value" in r}


def test_a_contributor_can_scope_a_regional_initiative_to_a_grouping_in_the_form(caribbean):
    from gcmkg.graph.vocabulary_choices import Choices
    kg, _ = caribbean
    choices = Choices(kg.public)
    countries = B + "countries"
    assert choices.of(countries)[-1].iri == CARIBBEAN, "groupings come after the countries and their places"
    assert choices.resolve(countries, "ECLAC-CAR") == CARIBBEAN
    assert choices.resolve(countries, "Sede subregional de la CEPAL para el Caribe") == CARIBBEAN


# --- a deployment's own groupings ---------------------------------------------------------------

@pytest.fixture
def deployment_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("GCMKG_VOCABULARIES", str(tmp_path))
    shipped.forget_system_graphs()
    yield tmp_path
    monkeypatch.delenv("GCMKG_VOCABULARIES")
    shipped.forget_system_graphs()


def test_a_deployment_adds_a_regional_economic_community_by_dropping_a_file(deployment_folder):
    (deployment_folder / "community.ttl").write_text(COMMUNITY, encoding="utf-8")
    kg, index = library()
    try:
        assert grouped(index, GROUPING + "test-community") == {"jamaica", "kingston", "chile"}
        assert kg.public.contains_graph(vocab_graph("local-community"))
    finally:
        kg.close()


def test_a_broken_grouping_file_is_named_with_the_place_of_the_error(deployment_folder):
    (deployment_folder / "broken.ttl").write_text(COMMUNITY.replace("skos:member", "skos:member ,"), encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.ttl: not valid Turtle: .*line"):
        shipped.system_graphs()


# --- the coverage matrix -------------------------------------------------------------------------

def test_the_coverage_matrix_groups_countries_by_grouping_when_asked(site):
    import httpx
    r = httpx.get(site + "/coverage", params={"by": "grouping"}, headers={"Accept": "text/html"}, timeout=30)
    assert r.status_code == 200
    text = r.text
    header = text[text.index('<tr class="groups">'):text.index("</thead>")]
    assert "ECLAC subregional headquarters for the Caribbean" in header
    assert ">JAM</abbr>" in header and ">AIA</abbr>" not in header, "associate members are not columns"
    plain = httpx.get(site + "/coverage", headers={"Accept": "text/html"}, timeout=30).text
    assert "?by=grouping" in plain or "by=grouping" in plain, "the matrix offers the grouping view"


def test_the_grouping_view_shows_the_economic_commission_for_africa_with_the_demo_entries_of_its_members(site):
    import httpx
    html = httpx.get(site + "/coverage", params={"by": "grouping"}, headers={"Accept": "text/html"}, timeout=30).text
    assert "Economic Commission for Africa" in html[html.index('<tr class="groups">'):html.index("</thead>")]
    doc = httpx.get(site + "/coverage.json", params={"by": "grouping"}, timeout=30).json()
    totals = {c["iri"].rsplit("/", 1)[-1]: c["total"] for c in doc["columns"]}
    # Nigeria is a column only through ECA (not in the Caribbean grouping); the demo has Nigerian entries.
    assert totals["NGA"] > 0 and totals["MAR"] > 0
    assert "REU" not in totals


def test_a_regional_review_reads_each_groupings_total_per_objective_and_its_cells_open_that_search(site):
    import html as html_text
    import re

    import httpx
    doc = httpx.get(site + "/coverage.json", params={"by": "grouping"}, timeout=30).json()
    columns = doc["columns"]
    eca = next(i for i, c in enumerate(columns) if c["iri"] == GROUPING + "eca")
    assert columns[eca]["counts"] == "grouping" and columns[eca + 1]["counts"] == "country", \
        "each grouping's total comes first, before its member countries"
    # The grouping's total is the grouping facet's count: every entry of a member counts once.
    facet = httpx.get(site + "/api/search", params={"facets": "grouping"}, timeout=30).json()["facets"]["grouping"]
    assert columns[eca]["total"] == next(v["count"] for v in facet if v["value"] == GROUPING + "eca") > 0
    members = range(eca + 1, next((i for i in range(eca + 1, len(columns)) if columns[i]["counts"] == "grouping"),
                                  len(columns)))
    for row in doc["rows"]:
        assert row["counts"][eca] >= max(row["counts"][i] for i in members), row["notation"]
    assert any(row["counts"][eca] > 0 for row in doc["rows"])

    # On the page, the column is labelled in the reader's language and its cells open a search finding as many.
    page = httpx.get(site + "/coverage", params={"by": "grouping"},
                     headers={"Accept": "text/html", "Accept-Language": "fr"}, timeout=30).text
    assert 'title="Commission économique pour l' in page and ">Tous les membres</abbr>" in page
    cells = re.findall(r'<td class="cell heat-\d"><a href="/search\?([^"]*grouping=[^"]+)"[^>]*>(\d+)</a>', page)
    assert cells, "grouping cells link to a search by grouping"
    for query, n in cells[:3]:
        found = httpx.get(site + "/api/search?" + html_text.unescape(query), timeout=30).json()
        assert found["total"] == int(n), query


def test_a_groupings_page_names_its_members_apart_from_its_associate_members_and_says_where_the_list_is_from(site):
    import re

    import httpx
    page = httpx.get(site + "/grouping/eclac-caribbean", headers={"Accept": "text/html", "Accept-Language": "fr"},
                     timeout=30).text
    main = page[page.index("<main"):page.index("</main>")]
    members = main[main.index('id="members"'):main.index("<h3>")]
    associates = main[main.index("<h3>"):main.index("</section>", main.index("<h3>"))]
    assert "Membres (16)" in members and ">Jamaïque</a>" in members and "Anguilla" not in members
    assert "Membres associés (13)" in associates and ">Anguilla</a>" in associates and "Jamaïque" not in associates
    # Each member says how many published entries count under the grouping; the demo has one in Belize.
    counts = dict(re.findall(r'>([^<]+)</a> <span class="count[^"]*">(\d+)</span>', members))
    assert counts["Belize"] == "1" and counts["Jamaïque"] == "0"
    assert 'href="https://caribbean.eclac.org/about"' in main and "Liste consultée le 3 décembre 2026" in main
    text = re.sub(r"<code>.*?</code>|<[^>]+>", " ", main)
    assert "https://w3id.org/gcmkg/country/" not in text, "members are named, not shown as IRIs"
