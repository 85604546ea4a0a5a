"""Snapshots for query workers: new data after a write, old copies kept while queries may use them."""

import pyoxigraph as ox

from gcmkg.graph.oxigraph_store import OxigraphStore
from gcmkg.graph.snapshots import Snapshots

G = ox.NamedNode("https://w3id.org/gcmkg/id/practice/a")
P = ox.NamedNode("http://purl.org/dc/terms/title")


def test_a_write_is_seen_in_the_next_snapshot_and_the_old_one_is_kept_for_running_queries(tmp_path):
    store = OxigraphStore(tmp_path / "db")
    snaps = Snapshots(store, tmp_path / "snaps", grace_s=3600)
    first, gen1 = snaps.current()
    store.replace_graphs({G: [ox.Triple(G, P, ox.Literal("new", language="en"))]})
    snaps.refresh()
    second, gen2 = snaps.current()
    assert gen2 == gen1 + 1
    assert titles(second) == ["new"]
    assert titles(first) == []


def titles(snapshot: str) -> list[str]:
    return [q.object.value for q in ox.Store.read_only(snapshot).quads_for_pattern(G, P, None, G)]


def test_superseded_snapshots_go_once_no_query_can_use_them(tmp_path):
    store = OxigraphStore(tmp_path / "db")
    snaps = Snapshots(store, tmp_path / "snaps", grace_s=0)
    first, _ = snaps.current()
    snaps.refresh()
    snaps.refresh()
    assert not (tmp_path / "snaps" / "1").exists()
    assert (tmp_path / "snaps" / "3").exists()
