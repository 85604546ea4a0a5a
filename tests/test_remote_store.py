"""The remote backend against a real Oxigraph server on loopback: same answers as the embedded store."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from gcmkg.graph.knowledge_graph import KnowledgeGraph, ValidationFailed
from gcmkg.graph import queries
from gcmkg.graph.remote_store import RemoteStore
from gcmkg.ingest.rdf_input import parse_file


def test_a_deployment_on_a_sparql_server_loads_and_answers_like_the_embedded_one(oxigraph_server, memory_kg, data_dir):
    remote = KnowledgeGraph(RemoteStore(oxigraph_server))
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


def test_a_refused_load_leaves_the_server_unchanged(oxigraph_server, data_dir):
    remote = KnowledgeGraph(RemoteStore(oxigraph_server))
    remote.init()
    remote.load([parse_file(data_dir / "entries.ttl")])
    before = len(remote.public)
    with pytest.raises(ValidationFailed):
        remote.load([parse_file(data_dir / "practice_without_title.ttl")])
    assert len(remote.public) == before


def test_replace_and_delete_graphs_over_the_protocol(oxigraph_server):
    store = RemoteStore(oxigraph_server)
    g = NamedNode("https://w3id.org/gcmkg/id/practice/x")
    p = NamedNode("http://purl.org/dc/terms/title")
    store.replace_graphs({g: [Triple(g, p, Literal("one", language="en"))]})
    store.replace_graphs({g: [Triple(g, p, Literal("two", language="en"))]})
    assert [r["t"].value for r in store.select("SELECT ?t WHERE { $g ?p ?t }", {"g": g})] == ["two"]
    store.delete_graphs([g])
    assert g.value not in store.named_graphs()


def test_processes_sharing_a_server_learn_of_each_others_writes_from_the_change_log(oxigraph_server, data_dir):
    from gcmkg.graph.change_log import ChangeFollower
    writer = KnowledgeGraph(RemoteStore(oxigraph_server))
    writer.init()
    heard = []
    follower = ChangeFollower(RemoteStore(oxigraph_server), heard.append)
    assert follower.poll() == set()
    writer.load([parse_file(data_dir / "entries.ttl")])
    assert "https://w3id.org/gcmkg/id/practice/test-school-enrolment" in follower.poll()
    assert follower.poll() == set(), "each change is handed over once"
