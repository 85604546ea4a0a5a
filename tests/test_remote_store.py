"""The remote backend against real SPARQL servers on loopback (Oxigraph, Virtuoso): same answers as the embedded store."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from gcmkg.graph.knowledge_graph import KnowledgeGraph, ValidationFailed
from gcmkg.graph import queries
from gcmkg.graph.remote_store import RemoteStore
from gcmkg.ingest.rdf_input import parse_file


def test_a_deployment_on_a_sparql_server_loads_and_answers_like_the_embedded_one(sparql_server, memory_kg, data_dir):
    remote = KnowledgeGraph(RemoteStore(sparql_server))
    remote.init()
    files = [parse_file(data_dir / "entries.ttl")]
    remote.load(files)
    memory_kg.load(files)
    assert queries.entries_by_class(remote.public) == queries.entries_by_class(memory_kg.public)
    assert queries.entries_by_objective(remote.public) == queries.entries_by_objective(memory_kg.public)
    from gcmkg.graph.change_log import CHANGES_GRAPH
    log = len(list(remote.public.quads(CHANGES_GRAPH)))
    assert log > 0, "a shared store records what changed"
    assert len(remote.public) - log == len(memory_kg.public)


def test_a_refused_load_leaves_the_server_unchanged(sparql_server, data_dir):
    remote = KnowledgeGraph(RemoteStore(sparql_server))
    remote.init()
    remote.load([parse_file(data_dir / "entries.ttl")])
    before = len(remote.public)
    with pytest.raises(ValidationFailed):
        remote.load([parse_file(data_dir / "practice_without_title.ttl")])
    assert len(remote.public) == before


def test_replace_and_delete_graphs_over_the_protocol(sparql_server):
    store = RemoteStore(sparql_server)
    g = NamedNode("https://w3id.org/gcmkg/id/practice/x")
    p = NamedNode("http://purl.org/dc/terms/title")
    store.replace_graphs({g: [Triple(g, p, Literal("one", language="en"))]})
    store.replace_graphs({g: [Triple(g, p, Literal("two", language="en"))]})
    assert [r["t"].value for r in store.select("SELECT ?t WHERE { $g ?p ?t }", {"g": g})] == ["two"]
    store.delete_graphs([g])
    assert g.value not in store.named_graphs()


def test_processes_sharing_a_server_learn_of_each_others_writes_from_the_change_log(sparql_server, data_dir):
    from gcmkg.graph.change_log import ChangeFollower
    writer = KnowledgeGraph(RemoteStore(sparql_server))
    writer.init()
    heard = []
    follower = ChangeFollower(RemoteStore(sparql_server), heard.append)
    assert follower.poll() == set()
    writer.load([parse_file(data_dir / "entries.ttl")])
    assert "https://w3id.org/gcmkg/id/practice/test-school-enrolment" in follower.poll()
    assert follower.poll() == set(), "each change is handed over once"


def test_a_record_committed_after_a_later_one_is_not_missed(sparql_server, data_dir):
    from gcmkg.graph.change_log import CHANGES_GRAPH, ChangeFollower
    writer = KnowledgeGraph(RemoteStore(sparql_server))
    writer.init()
    follower = ChangeFollower(RemoteStore(sparql_server), lambda _changed: None)
    writer.load([parse_file(data_dir / "entries.ttl")])
    assert follower.poll()
    # Another process took its timestamp a moment earlier but committed only now.
    late = "https://w3id.org/gcmkg/id/practice/late"
    writer.public._update(f"""PREFIX gcm: <https://w3id.org/gcmkg/ontology#>
        PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
        INSERT {{ GRAPH {CHANGES_GRAPH} {{ _:c gcm:changedAt ?at ; gcm:changedEntry <{late}> }} }}
        WHERE {{ BIND(NOW() - "PT1S"^^xsd:dayTimeDuration AS ?at) }}""")
    assert follower.poll() == {late}
    assert follower.poll() == set(), "each change is handed over once"


def test_an_api_process_hears_of_writes_made_while_it_built_its_index(sparql_server, data_dir, monkeypatch):
    import time

    from starlette.testclient import TestClient

    import gcmkg.graph.change_log as change_log
    from gcmkg.api.app import ServerConfig, create_app
    from gcmkg.graph.search_index import SearchIndex
    monkeypatch.setattr(change_log, "OVERLAP_S", 0.0)     # however long the build takes
    other_process = KnowledgeGraph(RemoteStore(sparql_server))
    other_process.init()
    load = SearchIndex._load

    def read_the_store_then_another_process_writes(self):
        load(self)
        other_process.load([parse_file(data_dir / "entries.ttl")])
    monkeypatch.setattr(SearchIndex, "_load", read_the_store_then_another_process_writes)
    with TestClient(create_app(ServerConfig(store=None, sparql_endpoint=sparql_server))) as client:
        deadline = time.monotonic() + 10
        while (total := client.get("/api/practices").json()["total"]) == 0 and time.monotonic() < deadline:
            time.sleep(0.2)
    assert total == 1


def test_a_restarted_api_process_starts_from_its_saved_index_and_catches_up_from_the_log(
        sparql_server, data_dir, tmp_path, monkeypatch):
    from gcmkg.graph.change_log import ChangeFollower, server_now
    from gcmkg.graph.search_index import SearchIndex
    curator = KnowledgeGraph(RemoteStore(sparql_server))
    curator.init()
    saved = tmp_path / "api-1.index"
    store = RemoteStore(sparql_server)
    first = SearchIndex.open(store, saved, since=server_now(store).value)    # built, and saved
    assert saved.exists() and len(first) == 0
    curator.load([parse_file(data_dir / "entries.ttl")])                   # while the process is down
    builds = []
    load = SearchIndex._load
    monkeypatch.setattr(SearchIndex, "_load", lambda self: (builds.append(1), load(self))[1])
    restarted = SearchIndex.open(store, saved, since=server_now(store).value)
    assert builds == [] and len(restarted) == 0
    follower = ChangeFollower(store, restarted.apply_changes, since=restarted.mark)
    follower.poll()
    assert "https://w3id.org/gcmkg/id/practice/test-school-enrolment" in restarted
    curator.init()              # new vocabularies: every process rebuilds its index
    follower.poll()
    assert builds == [1] and "https://w3id.org/gcmkg/id/practice/test-school-enrolment" in restarted
    assert restarted.save(saved, mark=follower.since.value)


def test_a_saved_index_older_than_the_change_log_is_rebuilt(sparql_server, tmp_path, monkeypatch):
    from datetime import timedelta

    import gcmkg.graph.change_log as change_log
    from gcmkg.graph.search_index import SearchIndex
    KnowledgeGraph(RemoteStore(sparql_server)).init()
    store = RemoteStore(sparql_server)
    saved = tmp_path / "api-1.index"
    SearchIndex.open(store, saved, since=change_log.server_now(store).value)
    assert SearchIndex.saved(store, saved) is not None
    monkeypatch.setattr(change_log, "KEPT", timedelta(hours=1))     # as if the index were a day old
    assert SearchIndex.saved(store, saved) is None


def test_api_processes_read_new_vocabularies_when_gcmkg_init_is_logged(sparql_server, monkeypatch):
    import time

    from starlette.testclient import TestClient

    import gcmkg.graph.system_graphs as system_graphs
    from gcmkg.api.app import ServerConfig, create_app
    from gcmkg.names import SKOS, vocab_graph
    curator = KnowledgeGraph(RemoteStore(sparql_server))
    curator.init()
    objective_5 = "https://w3id.org/gcmkg/gcm/objective/5"
    with TestClient(create_app(ServerConfig(store=None, sparql_endpoint=sparql_server))) as client:
        assert client.app.state.concept_labels.label(objective_5, "en").startswith("Enhance")
        # A new release of the GCM vocabulary relabels objective 5; gcmkg init writes it and logs it.
        graphs = dict(system_graphs.system_graphs())     # a copy: the cached original serves later tests
        gcm = vocab_graph("gcm-objectives")
        pref = NamedNode(SKOS + "prefLabel")
        graphs[gcm] = [t for t in graphs[gcm] if not (t.subject.value == objective_5 and t.predicate == pref
                                                     and t.object.language == "en")]
        graphs[gcm].append(Triple(NamedNode(objective_5), pref, Literal("Regular pathways, relabelled", language="en")))
        monkeypatch.setattr("gcmkg.graph.knowledge_graph.system_graphs", lambda: graphs)
        curator.init()
        deadline = time.monotonic() + 180     # a rebuild on Virtuoso takes several seconds, more on a busy machine
        while (client.app.state.concept_labels.label(objective_5, "en") != "Regular pathways, relabelled"
               and time.monotonic() < deadline):
            time.sleep(0.2)
        assert client.app.state.concept_labels.label(objective_5, "en") == "Regular pathways, relabelled"
