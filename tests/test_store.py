"""The store interface on the embedded Oxigraph backend: atomic replacement, recovery, bound values."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Quad, Triple

from gcmkg.graph.oxigraph_store import OxigraphStore
from gcmkg.names import JOURNAL_GRAPH

G1, G2 = NamedNode("https://w3id.org/gcmkg/id/practice/a"), NamedNode("https://w3id.org/gcmkg/id/practice/b")
P = NamedNode("http://purl.org/dc/terms/title")


def test_replacing_an_entry_leaves_the_others_alone():
    store = OxigraphStore()
    store.replace_graphs({G1: [Triple(G1, P, Literal("old", language="en"))],
                          G2: [Triple(G2, P, Literal("other", language="en"))]})
    store.replace_graphs({G1: [Triple(G1, P, Literal("new", language="en"))]})
    titles = {r["t"].value for r in store.select("SELECT ?t WHERE { ?s ?p ?t }")}
    assert titles == {"new", "other"}


def test_a_failed_replacement_changes_nothing():
    store = OxigraphStore()
    store.replace_graphs({G1: [Triple(G1, P, Literal("kept", language="en"))]})
    bad = Triple(G2, P, Literal("x", language="en"))
    try:
        # The second graph's update text is broken on purpose: the whole write must fail.
        store._update(f"DROP SILENT GRAPH {G1} ; INSERT DATA {{ GRAPH {G2} {{ {bad.subject} {bad.predicate} }} }}")
    except Exception:
        pass
    assert [r["t"].value for r in store.select("SELECT ?t WHERE { ?s ?p ?t }")] == ["kept"]


def test_an_interrupted_bulk_load_is_rolled_back_when_the_store_reopens(tmp_path):
    store = OxigraphStore(tmp_path / "db")
    store.add_new_graphs([Quad(G1, P, Literal("complete", language="en"), G1)])
    # Simulate a crash after the journal was written and half the data landed.
    store.raw.add(Quad(NamedNode("https://w3id.org/gcmkg/graph/journal#interrupted-load"),
                       NamedNode("https://w3id.org/gcmkg/ontology#pendingGraph"), G2, JOURNAL_GRAPH))
    store.raw.add(Quad(G2, P, Literal("half", language="en"), G2))
    store.close()
    reopened = OxigraphStore(tmp_path / "db")
    assert reopened.named_graphs() == {G1.value}
    reopened.close()


def test_bound_values_are_never_pasted_as_text():
    store = OxigraphStore()
    store.replace_graphs({G1: [Triple(G1, P, Literal("a } ; DROP ALL ; {", language="en"))]})
    rows = store.select("SELECT ?s WHERE { ?s ?p $title }", {"title": Literal("a } ; DROP ALL ; {", language="en")})
    assert [r["s"] for r in rows] == [G1]
