"""What some vocabulary files cost at start-up: parsing, writing into a store, and the search index build.

    python bench/vocabulary_load.py [--practices 10000] [--runs 5] [--files places,groupings]

Compares the shipped vocabularies with and without `--files` on the same machine, runs alternating
(the machines are shared and timings drift, so one after the other would mislead): parsing every
shipped graph (graph/system_graphs.py) against parsing them without those files, writing them into
an in-memory store (what `gcmkg init` does), and `SearchIndex.build` over them plus n generated
practices (bench/generate.py), with its vocabulary step (reading concepts, ancestors, labels) apart.
Prints medians.
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


def ms(function) -> float:
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


def parse(leave_out: set[str]) -> dict:
    """The shipped graphs, parsed without the vocabulary files named in `leave_out` (not read at all)."""
    graphs = {}
    for r in sorted(shipped.files("gcmkg.ontology").joinpath("vocab").iterdir(), key=lambda r: r.name):
        if r.name.endswith(".ttl") and r.name[:-4] not in leave_out:
            graphs[shipped.vocab_graph(r.name[:-4])] = tuple(shipped._parse(r))
    return graphs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--practices", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--files", default="places,groupings", help="vocabulary files to compare without")
    args = parser.parse_args()
    files = set(filter(None, args.files.split(",")))
    cases = {"without": files, "with": set()}

    times: dict[str, dict[str, list[float]]] = {case: {} for case in cases}
    graphs = {case: parse(leave_out) for case, leave_out in cases.items()}
    stores = {case: OxigraphStore(None) for case in cases}
    practices = list(ox.parse(path=str(dataset(args.practices)), format=ox.RdfFormat.N_TRIPLES))
    for case, store in stores.items():
        store.replace_graphs(graphs[case])
        store.raw.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, q.subject) for q in practices)

    for _ in range(args.runs):
        for case, leave_out in cases.items():       # alternating, so drift hits both alike
            record = times[case]
            record.setdefault("parse", []).append(ms(lambda: parse(leave_out)))
            scratch = OxigraphStore(None)
            record.setdefault("write", []).append(ms(lambda: scratch.replace_graphs(graphs[case])))
            holder = {}
            record.setdefault("index", []).append(ms(lambda: holder.setdefault("i", SearchIndex.build(stores[case]))))
            record.setdefault("vocabulary step", []).append(holder["i"].timings["vocabulary"] * 1000)

    print(f"{args.practices:,} practices; medians of {args.runs} alternating runs; compared: {', '.join(sorted(files))}")
    print(f"{'':<18}{'without':>10}{'with':>10}{'difference':>12}")
    for what in ("parse", "write", "index", "vocabulary step"):
        a, b = (statistics.median(times[case][what]) for case in ("without", "with"))
        print(f"{what:<18}{a:>8,.0f} ms{b:>8,.0f} ms{b - a:>+10,.0f} ms")
    triples = {case: sum(len(ts) for ts in g.values()) for case, g in graphs.items()}
    print(f"vocabulary triples: {triples['without']:,} without, {triples['with']:,} with")


if __name__ == "__main__":
    main()
