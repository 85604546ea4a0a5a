"""Search and facets: what a policymaker sees in the facet panel and the result list.

The fixture is the test entries, a few more written here (a regional, a
global and a Brazilian entry) and 300 synthetic practices from
bench/generate.py, loaded through KnowledgeGraph.load like real data. Every
count is checked against the same count written as SPARQL GROUP BY.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from gcmkg.graph.search_facet_index import DIMENSIONS
from gcmkg.graph.open import open_knowledge_graph
from gcmkg.graph.search import InvalidParameter, SearchRequest
from gcmkg.graph.search_index import SearchIndex
from gcmkg.graph.search_queries import facet_counts_query
from gcmkg.ingest.rdf_input import parse_bytes, parse_file

sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
from generate import generate  # noqa: E402

DATA = Path(__file__).parent / "data"
B = "https://w3id.org/gcmkg/"
OBJECTIVE = B + "gcm/objective/"
COUNTRY = B + "country/"
REGION = B + "region/"
SDG = "http://metadata.un.org/sdg/"
SCHOOL = B + "id/practice/test-school-enrolment"
LAW = B + "id/norm/arg-test-law"
CORRIDOR = B + "id/practice/test-remittance-corridor"
PLATFORM = B + "id/practice/test-global-platform"
DECREE = B + "id/norm/bra-test-decree"

REVIEWED = """gcm:reviewStatus <https://w3id.org/gcmkg/review-status/approved> ;
    gcm:reviewedBy <https://w3id.org/gcmkg/id/org/test-reviewers> ;
    gcm:reviewedOn "2026-11-23T00:00:00Z"^^xsd:dateTime ."""

PREFIXES = """@prefix gcm: <https://w3id.org/gcmkg/ontology#> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> . @prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

# English only, and no word of it is Spanish: "remesas" can find it only through objective 20's labels.
MORE = PREFIXES + f"""
<{CORRIDOR}> a gcm:Practice ;
    dcterms:title "Cheaper money transfers along one corridor"@en ;
    dcterms:abstract "A price comparison tool shows what sending money home costs with each provider."@en ;
    gcm:primaryObjective <{OBJECTIVE}20> ;
    gcm:practiceType <{B}practice-type/tool-guidance> ;
    dcterms:spatial <{REGION}419> ;
    schema:startDate "2015"^^xsd:gYear ;
    gcm:implementingOrganisation <{B}id/org/test-ministry> ;
    dcterms:source <https://example.org/practice/corridor> ;
    dcterms:language "en"^^xsd:language ;
    {REVIEWED}

<{PLATFORM}> a gcm:Practice ;
    dcterms:title "Global platform on migration data"@en , "Plateforme mondiale sur les données migratoires"@fr ;
    dcterms:abstract "A shared platform for statistics on migration."@en ;
    gcm:primaryObjective <{OBJECTIVE}23> ;
    gcm:sdg <{SDG}10> ;
    gcm:practiceType <{B}practice-type/research-data> ;
    dcterms:spatial <{REGION}001> ;
    schema:startDate "2019-05-01"^^xsd:date ;
    gcm:implementingOrganisation <{B}id/org/bra-test-congress> ;
    dcterms:source <https://example.org/practice/platform> ;
    dcterms:language "en"^^xsd:language ;
    {REVIEWED}

<{B}id/org/bra-test-congress> a org:Organization ;
    skos:prefLabel "Test Congress"@en , "Congreso de Prueba"@es ;
    org:classification <{B}organisation-type/government> .

<{DECREE}> a gcm:NationalNorm ;
    dcterms:title "Decreto de Prueba"@es , "Test Decree"@en ;
    dcterms:language "es"^^xsd:language ;
    eli:type_document <{B}norm-type/decree> ;
    eli:passed_by <{B}id/org/bra-test-congress> ;
    eli:jurisdiction <{COUNTRY}BRA> ;
    eli:date_document "2017"^^xsd:gYear ;
    gcm:normStatus <{B}norm-status/repealed> ;
    dcterms:abstract "A test decree on consular protection."@en ;
    gcm:addressesObjective <{OBJECTIVE}14> ;
    gcm:sdg <{SDG}10.7> ;
    dcterms:source <https://example.org/norm/decree> ;
    {REVIEWED}
"""


def _load(kg, tmp_path: Path, synthetic: int) -> None:
    files = [parse_file(DATA / "entries.ttl"), parse_bytes(MORE.encode(), ox.RdfFormat.TURTLE, "more.ttl")]
    if synthetic:
        path = tmp_path / "synthetic.nt"
        with path.open("w", encoding="utf-8") as out:
            generate(synthetic, seed=7, out=out)
        files.append(parse_file(path))
    kg.load(files)


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """A knowledge graph with ~300 entries and its search index, shared by the read-only tests."""
    kg = open_knowledge_graph(in_memory=True)
    kg.init()
    _load(kg, tmp_path_factory.mktemp("search"), synthetic=300)
    index = SearchIndex.build(kg.public)
    yield kg, index
    kg.close()


@pytest.fixture
def small_library(tmp_path):
    """A knowledge graph with the hand-written entries only, its index following every write."""
    kg = open_knowledge_graph(in_memory=True)
    kg.init()
    _load(kg, tmp_path, synthetic=0)
    index = SearchIndex.build(kg.public)
    kg.on_change(index.apply_changes)
    yield kg, index
    kg.close()


def every_iri(index: SearchIndex, **request) -> list[str]:
    """All results of a search, page after page."""
    iris, page = [], 1
    while True:
        result = index.search(SearchRequest(page=page, page_size=100, **request))
        iris += [row.iri for row in result.rows]
        if not result.rows:
            return iris
        page += 1


def sparql_counts(store, dimension: str, request: SearchRequest, entries=None) -> dict[str, int]:
    query = facet_counts_query(dimension, request.filters, request.year_from, request.year_to, entries)
    return {r["value"].value: int(r["count"].value) for r in store.select(query) if "value" in r}


def counts(result, dimension: str) -> dict[str, int]:
    return {f.value: f.count for f in result.facets[dimension]}


def test_policymaker_filters_by_objective_and_country(library):
    kg, index = library
    request = SearchRequest(filters={"objective": [OBJECTIVE + "15"], "country": [COUNTRY + "ARG"]})
    result = index.search(request)
    iris = {row.iri for row in result.rows}
    assert {SCHOOL, LAW} <= iris
    assert all(OBJECTIVE + "15" in row.objectives and COUNTRY + "ARG" in row.countries for row in result.rows)
    assert result.total == len(iris) == sum(sparql_counts(kg.public, "kind", request).values())
    law = next(row for row in result.rows if row.iri == LAW)
    assert (law.kind, law.year, law.countries, law.title) == ("norm", 2003, (COUNTRY + "ARG",), "Test Law")


STATES = [
    {},
    {"filters": {"objective": [OBJECTIVE + "7"]}},
    {"filters": {"objective": [OBJECTIVE + "7", OBJECTIVE + "15"], "region": [REGION + "019"]}},
    {"filters": {"country": [COUNTRY + "BRA", COUNTRY + "ARG"], "kind": ["norm"]}},
    {"filters": {"sdg_goal": [SDG + "10"], "subregion": [REGION + "419"]}},
    {"filters": {"region": [REGION + "001"]}},
    {"filters": {"sdg_target": [SDG + "10.7"], "principle": [B + "gcm/principle/child-sensitive"]}},
    {"filters": {"organisation": [B + "id/org/test-ministry"], "status": [B + "norm-status/in-force"]}},
    {"filters": {"type": [B + "practice-type/partnership", B + "norm-type/decree"]}, "year_from": 2010,
     "year_to": 2015},
    {"q": "remesas", "filters": {"principle": [B + "gcm/principle/human-rights"]}},
]


@pytest.mark.parametrize("state", STATES, ids=lambda s: ",".join([*s.get("filters", {}), *(k for k in s if k != "filters")])
                         or "nothing")
def test_counts_match_sparql_group_by_for_every_filter_state(library, state):
    kg, index = library
    request = SearchRequest(**state)
    result = index.search(request)
    # SPARQL has no FTS: it is given the text matches and must agree on everything else.
    entries = index.matching(request.q) if request.q else None
    for dimension in DIMENSIONS:
        nonzero = {value: n for value, n in counts(result, dimension).items() if n}
        assert nonzero == sparql_counts(kg.public, dimension, request, entries), dimension
    assert result.total == len(every_iri(index, **state))


def test_a_spanish_query_finds_an_english_entry_through_the_vocabulary(library):
    _, index = library
    assert CORRIDOR in every_iri(index, q="remesas")            # objective 20 is "Remesas" in Spanish
    assert SCHOOL in every_iri(index, q="niños")                # SDG 4.1: "todas las niñas y todos los niños"
    assert SCHOOL in every_iri(index, q="MATRICULA escolar")    # its own Spanish title, accents folded
    assert DECREE in every_iri(index, q="congreso")             # the label of the body that passed it
    assert DECREE in every_iri(index, q="Brasil")               # the country's Spanish name
    assert CORRIDOR not in every_iri(index, q="remesas niños")  # every word must match


def test_a_value_with_zero_results_is_still_listed(library):
    kg, index = library
    result = index.search(SearchRequest(filters={"kind": ["norm"]}))
    objectives = counts(result, "objective")
    assert len(objectives) == 23 and objectives[OBJECTIVE + "1"] == 0 and objectives[OBJECTIVE + "15"] == 1
    countries = kg.public.select("SELECT (COUNT(?c) AS ?n) WHERE { ?c a <https://w3id.org/gcmkg/ontology#Country> }")
    assert len(result.facets["country"]) == int(countries[0]["n"].value)
    assert counts(result, "status") == {B + f"norm-status/{s}": int(s in ("in-force", "repealed"))
                                        for s in ("amended", "expired", "in-force", "not-yet-in-force", "repealed")}
    assert index.search(SearchRequest(filters={"country": ["https://example.org/nowhere"]})).total == 0


def test_selecting_a_country_keeps_the_other_countries_counts(library):
    _, index = library
    everything = index.search(SearchRequest())
    argentina = index.search(SearchRequest(filters={"country": [COUNTRY + "ARG"]}))
    assert counts(argentina, "country") == counts(everything, "country")
    assert argentina.total == counts(everything, "country")[COUNTRY + "ARG"]
    assert counts(argentina, "objective") != counts(everything, "objective")


def test_places_and_sdgs_roll_up_to_their_regions_and_goals(library):
    _, index = library
    assert DECREE in every_iri(index, filters={"subregion": [REGION + "419"], "region": [REGION + "019"]})
    assert CORRIDOR in every_iri(index, filters={"region": [REGION + "019"]})   # scoped to a sub-region
    assert DECREE not in every_iri(index, filters={"region": [REGION + "001"]})  # World means global scope
    assert PLATFORM in every_iri(index, filters={"region": [REGION + "001"]})
    assert SCHOOL in every_iri(index, filters={"sdg_goal": [SDG + "4"]})          # tagged with target 4.1
    assert PLATFORM in every_iri(index, filters={"sdg_goal": [SDG + "10"]})       # tagged with the goal only
    assert PLATFORM not in every_iri(index, filters={"sdg_target": [SDG + f"10.{t}" for t in range(1, 8)]})


def test_an_approved_entry_appears_in_the_counts_at_once(small_library):
    kg, index = small_library
    objective = lambda: counts(index.search(SearchRequest()), "objective")[OBJECTIVE + "2"]  # noqa: E731
    assert objective() == 0
    new = B + "id/practice/test-new-shelter"
    kg.load([parse_bytes((PREFIXES + f"""
        <{new}> a gcm:Practice ; dcterms:title "Shelter network"@en ; dcterms:abstract "Shelters."@en ;
            gcm:primaryObjective <{OBJECTIVE}2> ; gcm:practiceType <{B}practice-type/other> ;
            dcterms:spatial <{COUNTRY}MEX> ; gcm:implementingOrganisation <{B}id/org/test-ministry> ;
            dcterms:source <https://example.org/shelter> ; dcterms:language "en"^^xsd:language ;
            {REVIEWED}""").encode(), ox.RdfFormat.TURTLE, "new.ttl")])
    assert objective() == 1 and every_iri(index, q="shelter") == [new]
    # Re-approved with another objective: the old value loses it, the new one gains it.
    triples = [t for t in kg.public.construct(f"CONSTRUCT {{ <{new}> ?p ?o }} WHERE {{ <{new}> ?p ?o }}")
               if t.predicate.value != "https://w3id.org/gcmkg/ontology#primaryObjective"]
    triples.append(ox.Triple(ox.NamedNode(new), ox.NamedNode("https://w3id.org/gcmkg/ontology#primaryObjective"),
                             ox.NamedNode(OBJECTIVE + "3")))
    kg.put_entry(ox.NamedNode(new), triples)
    assert objective() == 0 and counts(index.search(SearchRequest()), "objective")[OBJECTIVE + "3"] == 1
    # What the index learnt write by write is what a rebuild reads.
    fresh = SearchIndex.build(kg.public)
    for dimension in DIMENSIONS:
        assert counts(fresh.search(SearchRequest()), dimension) == counts(index.search(SearchRequest()), dimension)
    assert every_iri(fresh, q="shelter") == every_iri(index, q="shelter") == [new]
    kg.delete([ox.NamedNode(new)])
    assert every_iri(index, q="shelter") == [] and len(index) == len(fresh) - 1
    index.remove(new)       # idempotent
    assert len(index) == len(fresh) - 1


def test_fts_syntax_in_user_text_is_harmless(library):
    _, index = library
    everything = index.search(SearchRequest()).total
    # No word at all: no text filter, rather than an FTS5 syntax error.
    for q in ['"', "*", "(((", "  ", "🙂"]:
        assert index.search(SearchRequest(q=q)).total == everything, q
    # Operators and column filters are read as plain words, never as FTS5 syntax.
    for q, as_words in [("title:school", "title school"), ("remesas\u001e", "remesas"),
                        ("AND OR NEAR(", "and or near"), ("'; DROP TABLE entry_text; --", "drop table entry text")]:
        assert every_iri(index, q=q) == every_iri(index, q=as_words), q
    assert every_iri(index, q="remesas") and every_iri(index, q="x" * 500) == []
    assert every_iri(index, q='"Matrícula" AND') == every_iri(index, q="matricula")


def test_unknown_sort_names_the_parameter():
    with pytest.raises(InvalidParameter, match="^sort: unknown sort 'popular'") as error:
        SearchRequest(sort="popular")
    assert isinstance(error.value, ValueError) and error.value.parameter == "sort"
    for bad, parameter in [({"page_size": 101}, "page_size"), ({"page": 0}, "page"), ({"lang": "e n"}, "lang"),
                           ({"filters": {"colour": ["x"]}}, "colour"), ({"filters": {"year": ["2010"]}}, "year"),
                           ({"year_from": 2020, "year_to": 2010}, "year_from"), ({"q": "x" * 501}, "q"),
                           ({"facets": ["colour"]}, "facets"), ({"filters": {"country": "BRA"}}, "country")]:
        with pytest.raises(InvalidParameter) as error:
            SearchRequest(**bad)
        assert error.value.parameter == parameter
    with pytest.raises(InvalidParameter, match="^page: 'two' is not a whole number"):
        SearchRequest.from_params({"page": ["two"]})
    with pytest.raises(InvalidParameter, match="^colour: unknown parameter"):
        SearchRequest.from_params({"colour": "red"})
    request = SearchRequest.from_params({"country": [COUNTRY + "BRA", COUNTRY + "ARG"], "kind": "norm",
                                         "sort": "title", "year_from": "2000", "facets": "country,kind"})
    assert request.filters == {"country": (COUNTRY + "BRA", COUNTRY + "ARG"),
                               "kind": ("https://w3id.org/gcmkg/ontology#NationalNorm",)}
    assert (request.sort, request.year_from, request.facets) == ("title", 2000, ("country", "kind"))


def test_sorting_by_scope_puts_global_entries_first(library):
    _, index = library
    rows = [row for page in (1, 2, 3, 4) for row in index.search(SearchRequest(sort="scope", page=page,
                                                                                 page_size=100)).rows]
    scope = [0 if REGION + "001" in row.regions else 1 if row.regions else 2 for row in rows]
    assert scope == sorted(scope) and scope[0] == 0 and 1 in scope and 2 in scope
    assert rows[0].iri == PLATFORM or REGION + "001" in rows[0].regions


def test_titles_sort_in_the_readers_language(library):
    _, index = library
    result = index.search(SearchRequest(sort="title", lang="es", page_size=100))
    titles = [row.title for row in result.rows]
    assert titles == sorted(titles, key=lambda t: t.casefold())
    school = index.search(SearchRequest(q="matricula", lang="es")).rows[0]
    assert (school.title, school.title_lang) == ("Matrícula escolar sin documentos", "es")
    platform = index.search(SearchRequest(q="platform migration data", lang="fr")).rows[0]
    assert (platform.iri, platform.title_lang) == (PLATFORM, "fr")
    corridor = index.search(SearchRequest(q="corridor", lang="fr")).rows[0]
    assert corridor.title_lang == "en"      # no French title: English


def test_newest_first_and_pages_do_not_overlap(library):
    _, index = library
    first = index.search(SearchRequest(sort="newest", page_size=30))
    second = index.search(SearchRequest(sort="newest", page_size=30, page=2))
    years = [row.year or 0 for row in first.rows + second.rows]
    assert years == sorted(years, reverse=True)
    assert not {r.iri for r in first.rows} & {r.iri for r in second.rows}
    assert index.search(SearchRequest(page=1000)).rows == []
    assert first.year_range == (min(int(f.value) for f in first.facets["year"] if f.count),
                                max(int(f.value) for f in first.facets["year"] if f.count))


def test_relevance_ranks_the_entry_that_says_it_above_those_linked_to_it(library):
    _, index = library
    result = index.search(SearchRequest(q="transfers corridor"))
    assert result.rows[0].iri == CORRIDOR and result.rows[0].score > 0


def test_labels_and_known_values_for_the_caller(library):
    _, index = library
    assert index.label(OBJECTIVE + "20", "es").startswith("Promover transferencias de remesas")
    assert index.label(B + "id/org/bra-test-congress", "fr") == "Test Congress"
    assert index.facet_values("objective")[:3] == [OBJECTIVE + "1", OBJECTIVE + "2", OBJECTIVE + "3"]
    assert index.facet_values("kind") == ["https://w3id.org/gcmkg/ontology#InternationalInstrument",
                                          "https://w3id.org/gcmkg/ontology#NationalNorm",
                                          "https://w3id.org/gcmkg/ontology#Practice"]
    with pytest.raises(InvalidParameter):
        index.facet_values("colour")


def test_a_deployment_on_a_sparql_server_gets_the_same_facets(oxigraph_server, small_library, tmp_path):
    from gcmkg.graph.knowledge_graph import KnowledgeGraph
    from gcmkg.graph.remote_store import RemoteStore
    kg, index = small_library
    remote = KnowledgeGraph(RemoteStore(oxigraph_server))
    remote.init()
    _load(remote, tmp_path, synthetic=0)
    over_http = SearchIndex.build(remote.public)
    for request in (SearchRequest(), SearchRequest(q="remesas", filters={"region": [REGION + "019"]})):
        here, there = index.search(request), over_http.search(request)
        assert there.facets == here.facets and [r.iri for r in there.rows] == [r.iri for r in here.rows]
    over_http.upsert(DECREE)
    assert over_http.search(SearchRequest(q="decreto")).rows[0].iri == DECREE


def test_writes_made_while_the_index_builds_are_not_lost(small_library, monkeypatch):
    kg, _ = small_library
    index = SearchIndex(kg.public)
    kg.on_change(index.apply_changes)
    load = SearchIndex._load

    def load_then_write(self):
        load(self)      # the store is read; now a curator withdraws the decree before the index is swapped in
        kg.delete([ox.NamedNode(DECREE)])       # notifies index.apply_changes
    monkeypatch.setattr(SearchIndex, "_load", load_then_write)
    index.reload()
    assert DECREE not in index and CORRIDOR in index


def test_a_bulk_load_rebuilds_the_index_instead_of_upserting_each_entry(small_library, monkeypatch):
    import gcmkg.graph.search_index as search_index
    kg, index = small_library
    monkeypatch.setattr(search_index, "REBUILD_ABOVE", 1)
    reloads = []
    monkeypatch.setattr(SearchIndex, "reload", lambda self, original=SearchIndex.reload: (reloads.append(1),
                                                                                          original(self)))
    kg.delete([ox.NamedNode(DECREE), ox.NamedNode(PLATFORM)])
    assert reloads and DECREE not in index and PLATFORM not in index and CORRIDOR in index


# -- the index saved beside the store -------------------------------------------

def _builds(monkeypatch) -> list[int]:
    """Counts full rebuilds from the store."""
    builds: list[int] = []
    load = SearchIndex._load
    monkeypatch.setattr(SearchIndex, "_load", lambda self: (builds.append(1), load(self))[1])
    return builds


def test_a_restarted_server_reads_its_saved_index_and_answers_the_same(library, tmp_path, monkeypatch):
    kg, index = library
    saved = tmp_path / "search-index.pickle"
    builds = _builds(monkeypatch)
    first = SearchIndex.open(kg.public, saved)
    assert builds == [1] and saved.exists()
    again = SearchIndex.open(kg.public, saved)          # a restart: nothing written meanwhile
    assert builds == [1]
    for request in (SearchRequest(), SearchRequest(q="remesas", sort="title", lang="es"),
                    SearchRequest(filters={"region": [REGION + "019"]}, sort="scope", page_size=5, page=2),
                    SearchRequest(filters={"kind": [B + "ontology#NationalNorm"]}, year_from=2010, year_to=2020)):
        assert again.search(request) == first.search(request) == index.search(request)
    assert again.label(OBJECTIVE + "20", "fr") == index.label(OBJECTIVE + "20", "fr")


def test_a_write_while_the_server_was_down_makes_the_saved_index_stale(small_library, tmp_path, monkeypatch):
    kg, _ = small_library
    saved = tmp_path / "search-index.pickle"
    SearchIndex.open(kg.public, saved)
    kg.delete([ox.NamedNode(DECREE)])                   # e.g. `gcmkg load` between two runs of the server
    builds = _builds(monkeypatch)
    reopened = SearchIndex.open(kg.public, saved)
    assert builds == [1] and DECREE not in reopened
    assert SearchIndex.open(kg.public, saved) and builds == [1]     # and the rebuilt one was saved


def test_writes_taken_in_while_serving_are_saved_at_shutdown(small_library, tmp_path, monkeypatch):
    kg, _ = small_library
    saved = tmp_path / "search-index.pickle"
    index = SearchIndex.open(kg.public, saved)
    kg.on_change(index.apply_changes)
    assert index.save(saved) is False                  # unchanged since it was written: nothing to do
    kg.delete([ox.NamedNode(PLATFORM)])
    assert index.save(saved) is True
    builds = _builds(monkeypatch)
    reopened = SearchIndex.open(kg.public, saved)
    assert builds == [] and PLATFORM not in reopened and CORRIDOR in reopened


def test_an_index_that_missed_a_write_is_never_saved(small_library, tmp_path):
    kg, _ = small_library
    saved = tmp_path / "search-index.pickle"
    index = SearchIndex.open(kg.public, saved)          # not listening to writes
    saved.unlink()
    kg.delete([ox.NamedNode(PLATFORM)])
    assert index.save(saved) is False and not saved.exists()


def test_a_damaged_or_foreign_index_file_is_rebuilt(small_library, tmp_path, monkeypatch):
    kg, _ = small_library
    saved = tmp_path / "search-index.pickle"
    builds = _builds(monkeypatch)
    for junk in (b"", b"not a pickle", __import__("pickle").dumps({"format": 0})):
        saved.write_bytes(junk)
        reopened = SearchIndex.open(kg.public, saved)
        assert DECREE in reopened
    assert builds == [1, 1, 1]


def test_a_saved_index_worn_by_many_rewrites_is_rebuilt_at_start_up(small_library, tmp_path, monkeypatch):
    import gcmkg.graph.search_index as search_index
    kg, _ = small_library
    saved = tmp_path / "search-index.pickle"
    index = SearchIndex.open(kg.public, saved)
    kg.on_change(index.apply_changes)
    for _ in range(3):
        kg.put_entry(ox.NamedNode(CORRIDOR), kg.public.construct(f"CONSTRUCT {{ <{CORRIDOR}> ?p ?o }} "
                                                                  f"WHERE {{ <{CORRIDOR}> ?p ?o }}"))
    index.save(saved)
    builds = _builds(monkeypatch)
    assert SearchIndex.open(kg.public, saved) and builds == []      # 3 dead ids: still fine
    monkeypatch.setattr(search_index, "WORN_ABOVE", 2)
    rebuilt = SearchIndex.open(kg.public, saved)
    assert builds == [1] and len(rebuilt._kind) == len(rebuilt)     # no dead ids left
