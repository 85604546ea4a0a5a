"""What the vocabularies cost at start-up: parsing the shipped Turtle, writing it into a store, and
building the search index (whose facet roll-up reads every concept and its ancestors).

    python bench/vocabulary_load.py [--practices 10000] [--runs 5]

Prints the vocabulary triples, and the median of `runs` for: parsing every vocabulary file
(graph/system_graphs.py), `KnowledgeGraph.init`-style replace of those graphs in an in-memory store,
and `SearchIndex.build` over the vocabularies plus n generated practices (bench/generate.py).
Run it before and after a change to the vocabularies (places, groupings) to see what they add.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from generate import dataset  # noqa: E402

from gcmkg.graph import system_graphs as shipped  # noqa: E402
from gcmkg.graph.oxigraph_store import OxigraphStore  # noqa: E402
from gcmkg.graph.search_index import SearchIndex  # noqa: E402


def median_ms(function, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def parse_all() -> dict:
    shipped.system_graphs.cache_clear()
    return shipped.system_graphs()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--practices", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    parse_ms, graphs = median_ms(parse_all, args.runs)
    vocab = sum(len(ts) for g, ts in graphs.items() if "/vocab/" in g.value)
    print(f"vocabularies: {vocab:,} triples in {sum('/vocab/' in g.value for g in graphs)} graphs")
    print(f"parse every shipped graph: {parse_ms:,.0f} ms (median of {args.runs})")

    store = OxigraphStore(None)
    write_ms, _ = median_ms(lambda: store.replace_graphs(graphs), args.runs)
    print(f"write them into an in-memory store: {write_ms:,.0f} ms")

    source = dataset(args.practices)
    store.raw.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, q.subject)
                          for q in ox.parse(path=str(source), format=ox.RdfFormat.N_TRIPLES))
    build_ms, index = median_ms(lambda: SearchIndex.build(store), args.runs)
    steps = ", ".join(f"{k} {v:.2f}" for k, v in index.timings.items())
    print(f"search index over {args.practices:,} practices: {build_ms:,.0f} ms ({steps} s)")


if __name__ == "__main__":
    main()
