"""Search-index benchmark: facet counts and first page against SPARQL GROUP BY on the same store.

    python bench/facets.py                      # 10k practices
    python bench/facets.py --sizes 10000,100000

For each size: generate the practices (bench/generate.py, cached in
bench/data/), bulk-load them into an on-disk store (cached too: one named
graph per practice, as the loader writes them), build the index (time, RSS),
then for typical filter states time the index (all facet counts + first
page, median and p95) next to the same counts by SPARQL GROUP BY, one query
per facet, and assert that both agree. Goal: <= 10 ms median at 100k. Also
the start-up a restarted server gets instead: the index saved and read back.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).parent

from facet_states import STATES  # noqa: E402
from generate import dataset  # noqa: E402

from gcmkg.graph.search_facet_index import DIMENSIONS  # noqa: E402
from gcmkg.graph.oxigraph_store import OxigraphStore  # noqa: E402
from gcmkg.graph.search import SearchRequest  # noqa: E402
from gcmkg.graph.search_index import SearchIndex  # noqa: E402
from gcmkg.graph.search_queries import facet_counts_query  # noqa: E402
from gcmkg.graph.system_graphs import system_graphs  # noqa: E402


def rss_mib() -> float:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024


def store_for(n: int) -> OxigraphStore:
    """The on-disk store of n practices, bulk-loaded once: each subject in the graph named by it."""
    source = dataset(n)
    path = HERE / "data" / f"facets-store-{n}"
    marker = path / "LOADED"
    if not marker.exists() or marker.read_text() != str(source.stat().st_size):
        shutil.rmtree(path, ignore_errors=True)
        started = time.perf_counter()
        store = OxigraphStore(path)
        quads = ox.parse(path=str(source), format=ox.RdfFormat.N_TRIPLES)
        store.raw.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, q.subject) for q in quads)
        store.raw.flush()
        marker.write_text(str(source.stat().st_size))
        print(f"  loaded {n:,} practices in {time.perf_counter() - started:.1f} s", flush=True)
        store.close()       # measure as a server starting on an existing store would
    store = OxigraphStore(path)
    store.replace_graphs(system_graphs())       # the vocabularies of this checkout
    return store


def timed(function, runs: int) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - started) * 1000)
    return times, result


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[18] if len(times) >= 2 else times[0]


def sparql_counts(store, request: SearchRequest, text: dict) -> dict[str, dict[str, int]]:
    return {d: {r["value"].value: int(r["count"].value)
                for r in store.select(facet_counts_query(d, request.filters, request.year_from, request.year_to,
                                                         **text)) if "value" in r}
            for d in DIMENSIONS}


def text_matches(index: SearchIndex, q: str) -> dict:
    """The free-text matches for SPARQL, as the matches or as the non-matches, whichever is shorter."""
    if not q:
        return {}
    matches = set(index.matching(q))
    if len(matches) * 2 <= len(index):
        return {"entries": sorted(matches)}
    return {"excluded": sorted(set(index) - matches)}


def bench(n: int, runs: int, sparql_runs: int) -> None:
    print(f"\n{n:,} practices", flush=True)
    store = store_for(n)
    gc.collect()
    before = rss_mib()
    index = SearchIndex.build(store)
    steps = ", ".join(f"{k} {v:.1f}" for k, v in index.timings.items())
    bitmaps = sum(len(b.serialize()) for maps in index.facets.bitmaps.values() for b in maps.values())
    print(f"  index build {index.timings['ordered']:.1f} s ({steps}) | {len(index):,} entries | RSS {before:.0f} -> "
          f"{rss_mib():.0f} MiB (FTS {index.text.size_bytes() / 2**20:.0f} MiB, bitmaps {bitmaps / 2**20:.1f} MiB; "
          "the rest is Oxigraph's cache after reading everything)", flush=True)

    gc.collect()
    gc.freeze()     # as the server does once it has started (web/pages.py)

    # What a restarted server does instead of rebuilding: read the index it saved.
    with tempfile.TemporaryDirectory(prefix="gcmkg-bench-") as tmp:
        saved = Path(tmp, "search-index.pickle")
        (save_ms,), _ = timed(lambda: index.save(saved), 1)
        read_ms, reread = timed(lambda: SearchIndex.saved(store, saved), 3)
        assert reread is not None and reread.search(SearchRequest(q="remittances")) == index.search(
            SearchRequest(q="remittances")), "the saved index answers differently"
        print(f"  saved index: written in {save_ms:,.0f} ms, {saved.stat().st_size / 2**20:.0f} MiB; "
              f"read back in {statistics.median(read_ms):,.0f} ms (median of 3)", flush=True)
        del reread

    print(f"  {'filter state':<30} {'total':>7} | {'index median':>12} {'p95':>7} | {'SPARQL GROUP BY x12':>19} | equal")
    for name, state in STATES:
        request = SearchRequest(**state)
        cold = None
        if request.q:
            index.clear_caches()
            cold, _ = timed(lambda: index.search(request), 1)
        times, result = timed(lambda: index.search(request), runs)
        text = text_matches(index, request.q)
        sparql_times, expected = timed(lambda: sparql_counts(store, request, text), sparql_runs)
        got = {d: {f.value: f.count for f in result.facets[d] if f.count} for d in DIMENSIONS}
        equal = got == expected
        note = f"  (cold, text caches empty: {cold[0]:.0f} ms; SPARQL given the FTS matches)" if cold else ""
        print(f"  {name:<30} {result.total:>7,} | {statistics.median(times):>9.2f} ms {p95(times):>5.1f} | "
              f"{statistics.median(sparql_times):>16,.0f} ms | {'yes' if equal else 'NO'}{note}", flush=True)
        assert equal, f"{name}: index and SPARQL disagree on {[d for d in DIMENSIONS if got[d] != expected[d]]}"

    sample = list(index)[:: max(1, len(index) // 20)][:20]
    times, _ = timed(lambda: [index.upsert(iri) for iri in sample], 1)
    print(f"  upsert (re-read one entry after a write): {times[0] / len(sample):.1f} ms per entry", flush=True)
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000", help="comma-separated numbers of practices")
    parser.add_argument("--runs", type=int, default=21, help="index runs per filter state")
    parser.add_argument("--sparql-runs", type=int, default=0,
                        help="SPARQL runs per filter state (default: 3 up to 10k practices, else 1)")
    args = parser.parse_args()
    for n in (int(s) for s in args.sizes.split(",")):
        bench(n, args.runs, args.sparql_runs or (3 if n <= 10_000 else 1))


if __name__ == "__main__":
    main()
