"""A big bulk load compacts the on-disk store (reads and query snapshots stay fast); a small one does not."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Quad

from gcmkg.graph.oxigraph_store import OxigraphStore

P = NamedNode("http://purl.org/dc/terms/title")


class _CountsOptimize:
    """The pyoxigraph store, counting the calls to `optimize` (its methods cannot be patched)."""

    def __init__(self, inner):
        self.inner, self.optimized = inner, 0

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def optimize(self):
        self.optimized += 1
        self.inner.optimize()


def _entries(prefix: str, n: int) -> list[Quad]:
    graphs = [NamedNode(f"https://w3id.org/gcmkg/id/practice/{prefix}-{i}") for i in range(n)]
    return [Quad(g, P, Literal(f"title {i} " * 20, language="en"), g) for i, g in enumerate(graphs)]


def test_a_load_that_grows_the_store_a_lot_compacts_it_and_a_small_one_does_not(tmp_path):
    store = OxigraphStore(tmp_path / "db")
    spy = store._store = _CountsOptimize(store._store)
    store.add_new_graphs(_entries("big", 5000))
    assert spy.optimized == 1
    store.add_new_graphs(_entries("small", 5))
    assert spy.optimized == 1
    assert len(store.select(f"SELECT ?t WHERE {{ ?s {P} ?t }}")) == 5005
    store.close()


def test_an_in_memory_store_is_never_compacted():
    store = OxigraphStore()
    spy = store._store = _CountsOptimize(store._store)
    store.add_new_graphs(_entries("big", 500))
    assert spy.optimized == 0
