"""The store interface on the embedded Oxigraph backend: atomic replacement, recovery, bound values."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Quad, Triple

from gcmkg.graph.oxigraph_store import OxigraphStore
from gcmkg.names import JOURNAL_GRAPH, STORE_VERSION, VERSION_GRAPH

G1, G2 = NamedNode("https://w3id.org/gcmkg/id/practice/a"), NamedNode("https://w3id.org/gcmkg/id/practice/b")
P = NamedNode("http://purl.org/dc/terms/title")
TITLES = f"SELECT ?t WHERE {{ ?s {P} ?t }}"


def test_replacing_an_entry_leaves_the_others_alone():
    store = OxigraphStore()
    store.replace_graphs({G1: [Triple(G1, P, Literal("old", language="en"))],
                          G2: [Triple(G2, P, Literal("other", language="en"))]})
    store.replace_graphs({G1: [Triple(G1, P, Literal("new", language="en"))]})
    titles = {r["t"].value for r in store.select(TITLES)}
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
    assert [r["t"].value for r in store.select(TITLES)] == ["kept"]


def test_an_interrupted_bulk_load_is_rolled_back_when_the_store_reopens(tmp_path):
    store = OxigraphStore(tmp_path / "db")
    store.add_new_graphs([Quad(G1, P, Literal("complete", language="en"), G1)])
    # Simulate a crash after the journal was written and half the data landed.
    store.raw.add(Quad(NamedNode("https://w3id.org/gcmkg/graph/journal#interrupted-load"),
                       NamedNode("https://w3id.org/gcmkg/ontology#pendingGraph"), G2, JOURNAL_GRAPH))
    store.raw.add(Quad(G2, P, Literal("half", language="en"), G2))
    store.close()
    reopened = OxigraphStore(tmp_path / "db")
    assert reopened.named_graphs() == {G1.value, VERSION_GRAPH.value}
    reopened.close()


def test_every_write_gives_the_store_a_new_version_even_one_that_loads_an_old_version():
    store = OxigraphStore()
    assert store.version() is None
    seen = []
    for write in (lambda: store.replace_graphs({G1: [Triple(G1, P, Literal("a", language="en"))]}),
                  lambda: store.add_new_graphs([Quad(G2, P, Literal("b", language="en"), G2)]),
                  lambda: store.delete_graphs([G2])):
        write()
        seen.append(store.version())
    assert None not in seen and len(set(seen)) == 3
    # A dump loaded back carries the version graph it was taken at: the write's own token wins.
    store.replace_graphs({VERSION_GRAPH: [Triple(VERSION_GRAPH, STORE_VERSION, Literal(seen[0]))]})
    assert store.version() not in seen


def test_a_journalled_write_replaces_its_graphs_whether_they_are_new_or_not():
    """The journal of store writes keeps N-Quads: new graphs go in by one load, existing ones are replaced
    (as replace_graphs), and a graph named without quads is removed; each write gives a new version."""
    store = OxigraphStore()
    seen = []
    for text, names in ((f'{G1} {P} "first"@en {G1} .\n{G2} {P} "other"@en {G2} .\n', [G1, G2]),   # both new
                        (f'{G1} {P} "second"@en {G1} .\n', [G1, G2])):                         # G1 again, G2 gone
        store.replace_graphs_from_nquads(names, text.encode())
        seen.append(store.version())
        if len(seen) == 1:
            assert {r["t"].value for r in store.select(TITLES)} == {"first", "other"}
    assert [r["t"].value for r in store.select(TITLES)] == ["second"]
    assert G2.value not in store.named_graphs() and None not in seen and len(set(seen)) == 2


def test_bound_values_are_never_pasted_as_text():
    store = OxigraphStore()
    store.replace_graphs({G1: [Triple(G1, P, Literal("a } ; DROP ALL ; {", language="en"))]})
    rows = store.select("SELECT ?s WHERE { ?s ?p $title }", {"title": Literal("a } ; DROP ALL ; {", language="en")})
    assert [r["s"] for r in rows] == [G1]
