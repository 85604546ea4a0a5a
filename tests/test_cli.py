"""The command line, as a newcomer and a curator use it."""

from __future__ import annotations

import json

import pytest

from conftest import gcmkg

PRACTICES = ("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE "
             "{ ?p a <https://w3id.org/gcmkg/ontology#Practice> }")


def count(store, query=PRACTICES) -> int:
    result = gcmkg("--store", str(store), "query", "--format", "json", query)
    assert result.returncode == 0, result.stderr
    return int(json.loads(result.stdout)["results"]["bindings"][0]["n"]["value"])


def quads(store) -> int:
    return count(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")


def test_newcomer_builds_the_demo_store_and_asks_it_questions(demo_store):
    assert count(demo_store) >= 40
    assert count(demo_store, PRACTICES.replace("Practice", "NationalNorm")) >= 40
    stats = gcmkg("--store", str(demo_store), "stats")
    assert stats.returncode == 0, stats.stderr
    assert "Entries by GCM objective" in stats.stdout and "Europe" in stats.stdout
    world = next(line for line in stats.stdout.splitlines() if line.strip().startswith("001"))
    assert int(world.split()[-1]) > 0, "global practices count under the World row"


def test_curator_loads_entries_and_finds_them_by_objective(store_dir, data_dir):
    assert gcmkg("--store", str(store_dir), "init").returncode == 0
    result = gcmkg("--store", str(store_dir), "load", str(data_dir / "entries.ttl"))
    assert result.returncode == 0, result.stderr
    assert "2 published" in result.stdout or "published" in result.stdout
    table = gcmkg("--store", str(store_dir), "query",
                  "SELECT ?t WHERE { ?p <https://w3id.org/gcmkg/ontology#primaryObjective> "
                  "<https://w3id.org/gcmkg/gcm/objective/15> ; <http://purl.org/dc/terms/title> ?t "
                  "FILTER(LANG(?t) = 'en') }")
    assert "School enrolment without documents" in table.stdout
    assert "(1 rows)" in table.stdout


def test_each_entry_lives_in_its_own_named_graph(store_dir, data_dir):
    gcmkg("--store", str(store_dir), "init")
    gcmkg("--store", str(store_dir), "load", str(data_dir / "entries.ttl"))
    result = gcmkg("--store", str(store_dir), "query", "--format", "csv",
                   "SELECT ?g WHERE { GRAPH ?g { ?g a ?type } } ORDER BY ?g")
    graphs = result.stdout.split()[1:]
    assert "https://w3id.org/gcmkg/id/practice/test-school-enrolment" in graphs
    assert "https://w3id.org/gcmkg/id/norm/arg-test-law" in graphs


def test_a_broken_file_is_refused_with_file_and_focus_node_and_changes_nothing(store_dir, data_dir):
    gcmkg("--store", str(store_dir), "init")
    gcmkg("--store", str(store_dir), "load", str(data_dir / "entries.ttl"))
    before = quads(store_dir)
    result = gcmkg("--store", str(store_dir), "load", str(data_dir / "entries.ttl"),
                   str(data_dir / "practice_without_title.ttl"))
    assert result.returncode == 2
    assert "practice_without_title.ttl" in result.stderr
    assert "https://w3id.org/gcmkg/id/practice/untitled" in result.stderr
    assert "http://purl.org/dc/terms/title" in result.stderr
    assert "Traceback" not in result.stderr
    assert quads(store_dir) == before


def test_a_syntax_error_names_the_file_and_line(store_dir, data_dir):
    gcmkg("--store", str(store_dir), "init")
    result = gcmkg("--store", str(store_dir), "load", str(data_dir / "syntax_error.ttl"))
    assert result.returncode == 2
    assert "syntax_error.ttl:3:" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_rdf_xml_with_entities_is_refused_before_parsing(store_dir, data_dir):
    gcmkg("--store", str(store_dir), "init")
    result = gcmkg("--store", str(store_dir), "load", str(data_dir / "entity_bomb.rdf"))
    assert result.returncode == 2
    assert "DOCTYPE or ENTITY" in result.stderr


def test_validate_reports_in_spanish_and_writes_nothing(tmp_path, data_dir):
    result = gcmkg("--store", str(tmp_path / "none"), "validate", "--lang", "es",
                   str(data_dir / "practice_without_title.ttl"))
    assert result.returncode == 2
    assert "untitled" in result.stdout
    assert not (tmp_path / "none").exists()


def test_query_speaks_the_standard_result_formats(demo_store):
    q = "SELECT ?o WHERE { ?o <http://www.w3.org/2004/02/skos/core#notation> \"20\" } LIMIT 1"
    as_json = json.loads(gcmkg("--store", str(demo_store), "query", "--format", "json", q).stdout)
    assert as_json["head"]["vars"] == ["o"]
    as_csv = gcmkg("--store", str(demo_store), "query", "--format", "csv", q).stdout
    assert as_csv.splitlines()[0] == "o"
    ask = gcmkg("--store", str(demo_store), "query", "ASK { ?s ?p ?o }")
    assert ask.stdout.strip() == "true"
    construct = gcmkg("--store", str(demo_store), "query",
                      "CONSTRUCT { ?o a ?t } WHERE { <https://w3id.org/gcmkg/gcm/objective/20> a ?t . BIND(<https://w3id.org/gcmkg/gcm/objective/20> AS ?o) }")
    assert "objective/20" in construct.stdout


def test_a_malformed_query_is_one_readable_line(demo_store):
    result = gcmkg("--store", str(demo_store), "query", "SELEC ?x WHERE { ?x ?y ?z }")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("fmt,suffix", [("trig", "trig"), ("nquads", "nq"), ("jsonld", "jsonld")])
def test_export_loads_back_into_an_identical_store(demo_store, tmp_path, fmt, suffix):
    dump = tmp_path / f"dump.{suffix}"
    assert gcmkg("--store", str(demo_store), "export", "--format", fmt, "-o", str(dump)).returncode == 0
    copy = tmp_path / "copy"
    gcmkg("--store", str(copy), "init")
    result = gcmkg("--store", str(copy), "load", str(dump))
    assert result.returncode == 0, result.stderr
    assert quads(copy) == quads(demo_store)


def test_the_demo_data_spans_every_objective_and_region_with_sources(demo_store):
    objectives = count(demo_store, "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?e <https://w3id.org/gcmkg/ontology#primaryObjective>|"
                       "<https://w3id.org/gcmkg/ontology#secondaryObjective>|<https://w3id.org/gcmkg/ontology#addressesObjective> ?o }")
    assert objectives == 23
    countries = count(demo_store, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?e <http://purl.org/dc/terms/spatial>|"
                      "<http://data.europa.eu/eli/ontology#jurisdiction> ?c FILTER(CONTAINS(STR(?c), '/country/')) }")
    assert countries >= 20
    regions = count(demo_store, "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?e <http://purl.org/dc/terms/spatial>|"
                    "<http://data.europa.eu/eli/ontology#jurisdiction> ?c . ?c <https://w3id.org/gcmkg/ontology#m49Region> ?r }")
    assert regions == 5
    unsourced = count(demo_store, "SELECT (COUNT(?e) AS ?n) WHERE { { ?e a <https://w3id.org/gcmkg/ontology#Practice> } UNION "
                      "{ ?e a <https://w3id.org/gcmkg/ontology#NationalNorm> } FILTER NOT EXISTS { ?e <http://purl.org/dc/terms/source> ?s } }")
    assert unsourced == 0


def test_drafts_go_to_the_review_queue_not_the_public_graph(store_dir, data_dir):
    gcmkg("--store", str(store_dir), "init")
    gcmkg("--store", str(store_dir), "load", str(data_dir / "entries.ttl"))
    result = gcmkg("--store", str(store_dir), "load", str(data_dir / "draft_practice.ttl"))
    assert result.returncode == 0, result.stderr
    assert "1 queued for review" in result.stdout
    ask = gcmkg("--store", str(store_dir), "query",
                "ASK { GRAPH ?g { <https://w3id.org/gcmkg/id/practice/draft-secret> ?p ?o } }")
    assert ask.stdout.strip() == "false"


def test_a_second_writer_gets_a_clear_lock_error(store_dir):
    from gcmkg.graph.oxigraph_store import OxigraphStore
    gcmkg("--store", str(store_dir), "init")
    holder = OxigraphStore(store_dir / "public")
    try:
        result = gcmkg("--store", str(store_dir), "stats")
        assert result.returncode == 1
        assert "in use by another process" in result.stderr
    finally:
        holder.close()


def test_every_write_tells_its_listeners_which_entries_changed(memory_kg, data_dir):
    from gcmkg.ingest.rdf_input import parse_file
    seen = []
    memory_kg.on_change(seen.append)
    memory_kg.load([parse_file(data_dir / "entries.ttl")])
    assert "https://w3id.org/gcmkg/id/practice/test-school-enrolment" in seen[-1]
    memory_kg.delete([__import__("pyoxigraph").NamedNode("https://w3id.org/gcmkg/id/norm/arg-test-law")])
    assert seen[-1] == {"https://w3id.org/gcmkg/id/norm/arg-test-law"}


def test_a_curators_load_keeps_the_servers_saved_search_index_current(store_dir, data_dir, tmp_path):
    from gcmkg.graph.open import open_knowledge_graph, saved_index_path
    from gcmkg.graph.search_index import SearchIndex

    def saved_index():
        kg = open_knowledge_graph(str(store_dir))
        try:
            index = SearchIndex.saved(kg.public, saved_index_path(str(store_dir)))
            return None if index is None else set(index)
        finally:
            kg.close()

    gcmkg("--store", str(store_dir), "init")
    gcmkg("--store", str(store_dir), "load", str(data_dir / "entries.ttl"))
    kg = open_knowledge_graph(str(store_dir))
    SearchIndex.open(kg.public, saved_index_path(str(store_dir)))     # what `serve` does at start-up
    kg.close()
    second = tmp_path / "second.ttl"
    second.write_text((data_dir / "entries.ttl").read_text().replace("test-school-enrolment", "test-second-school"))
    result = gcmkg("--store", str(store_dir), "load", str(second))
    assert result.returncode == 0, result.stderr
    assert "https://w3id.org/gcmkg/id/practice/test-second-school" in saved_index()
    gcmkg("--store", str(store_dir), "init")        # vocabularies refreshed: the saved index no longer holds
    assert saved_index() is None


def test_a_big_load_rebuilds_the_saved_search_index_and_says_so(store_dir, tmp_path):
    import sys
    from pathlib import Path

    from gcmkg.graph.open import open_knowledge_graph, saved_index_path
    from gcmkg.graph.search_index import REBUILD_ABOVE, SearchIndex
    sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
    from generate import generate
    gcmkg("--store", str(store_dir), "init")
    kg = open_knowledge_graph(str(store_dir))
    SearchIndex.open(kg.public, saved_index_path(str(store_dir)))
    kg.close()
    big = tmp_path / "big.nt"
    with big.open("w", encoding="utf-8") as out:
        generate(REBUILD_ABOVE + 1, seed=3, out=out)
    result = gcmkg("--store", str(store_dir), "load", str(big))
    assert result.returncode == 0, result.stderr
    assert "rebuilding the saved search index" in result.stderr
    kg = open_knowledge_graph(str(store_dir))
    try:
        index = SearchIndex.saved(kg.public, saved_index_path(str(store_dir)))
        assert index is not None and len(index) == REBUILD_ABOVE + 1
    finally:
        kg.close()
