"""Our /sparql next to a bare Oxigraph server holding the same data: median latency and ratio.

    python bench/sparql.py --size 100000 [--runs 7] [--rebuild]

Both hold the same quads (our public store, dumped and loaded into the bare
server's own directory); the same queries go to both over HTTP, one at a
time, alternating between the two servers so that load from elsewhere on the
machine touches both alike. Goal: our endpoint within 1.3x of the bare server.

Both stores are built once and kept in bench/data/ (a marker file holds the
size of the source file they were made from); `--rebuild` makes them again,
e.g. after a change to how the loader writes.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

HERE = Path(__file__).parent

from local_server import free_port, wait_for  # noqa: E402 - bench/ is the script's folder
from generate import dataset  # noqa: E402

from gcmkg.graph.export import export_dataset  # noqa: E402
from gcmkg.graph.open import open_knowledge_graph  # noqa: E402
from gcmkg.ingest.rdf_input import parse_file  # noqa: E402

BIN = Path(sys.executable).parent
P = "PREFIX gcm: <https://w3id.org/gcmkg/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/> "
QUERIES = {
    "facet counts (objective)": P + """SELECT ?o (COUNT(DISTINCT ?p) AS ?n) WHERE {
        ?p gcm:primaryObjective|gcm:secondaryObjective ?o } GROUP BY ?o""",
    "facet counts (practice type, filtered)": P + """SELECT ?t (COUNT(?p) AS ?n) WHERE {
        ?p gcm:primaryObjective <https://w3id.org/gcmkg/gcm/objective/20> ; gcm:practiceType ?t } GROUP BY ?t""",
    "filtered list, first page by title": P + """SELECT ?p ?title WHERE {
        ?p gcm:primaryObjective <https://w3id.org/gcmkg/gcm/objective/7> ;
           dcterms:spatial <https://w3id.org/gcmkg/country/BRA> ; dcterms:title ?title }
        ORDER BY ?title LIMIT 20""",
    "DESCRIBE one entry": "DESCRIBE <https://w3id.org/gcmkg/id/practice/synthetic-42>",
}
BUDGET_S = 3.0      # fast queries get more runs, up to this much time per server and query
MAX_RUNS = 200


def stores_for(n: int, rebuild: bool) -> tuple[Path, Path]:
    """Our store of n practices (loaded by `KnowledgeGraph.load`) and the bare server's copy, made once."""
    source = dataset(n)
    root = HERE / "data" / f"sparql-{n}"
    marker = root / "LOADED"
    ours, bare = root / "store", root / "bare"
    if rebuild or not marker.exists() or marker.read_text() != str(source.stat().st_size):
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        started = time.perf_counter()
        kg = open_knowledge_graph(str(ours))
        kg.init()
        kg.load([parse_file(source)])
        dump = export_dataset(kg.public, "application/n-quads", root / "dump.nq")
        kg.close()
        subprocess.run([str(BIN / "oxigraph"), "load", "--location", str(bare), "--file", str(dump)],
                       check=True, capture_output=True)
        dump.unlink()
        marker.write_text(str(source.stat().st_size))
        print(f"stores built in {time.perf_counter() - started:.0f} s", flush=True)
    return ours, bare


def once(client: httpx.Client, url: str, query: str, accept: str) -> float:
    t0 = time.perf_counter()
    r = client.post(url, data={"query": query}, headers={"Accept": accept})
    r.raise_for_status()
    return (time.perf_counter() - t0) * 1000


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[18] if len(times) >= 2 else times[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=7, help="at least this many runs per query and server")
    parser.add_argument("--workers", type=int, default=2, help="our query worker processes")
    parser.add_argument("--rebuild", action="store_true", help="build both stores again")
    args = parser.parse_args()
    ours_dir, bare_dir = stores_for(args.size, args.rebuild)
    bare_port, our_port = free_port(), free_port()
    bare = subprocess.Popen([str(BIN / "oxigraph"), "serve", "--location", str(bare_dir), "--bind",
                             f"127.0.0.1:{bare_port}", "--union-default-graph"], stderr=subprocess.DEVNULL)
    ours = subprocess.Popen([str(BIN / "gcmkg"), "--store", str(ours_dir), "serve", "--port", str(our_port),
                             "--query-timeout", "300", "--max-rows", "100000",
                             "--query-workers", str(args.workers)], stderr=subprocess.DEVNULL)
    try:
        wait_for(f"http://127.0.0.1:{bare_port}/", 60)
        wait_for(f"http://127.0.0.1:{our_port}/void", 300)
        print(f"{args.size:,} practices; ms over n runs after warm-up (one per worker); ratio of medians")
        print(f"{'query':<40}{'n':>4}{'bare median':>12}{'p95':>7}{'ours median':>12}{'p95':>7}{'ratio':>7}")
        urls = (f"http://127.0.0.1:{bare_port}/query", f"http://127.0.0.1:{our_port}/sparql")
        with httpx.Client(timeout=600) as client:
            for name, query in QUERIES.items():
                accept = "text/turtle" if query.startswith("DESCRIBE") else "application/sparql-results+json"
                # Warm every one of our workers (each has its own caches), and the bare server as often.
                warm = min(once(client, url, query, accept) for _ in range(args.workers) for url in urls)
                runs = max(args.runs, min(MAX_RUNS, int(BUDGET_S * 1000 / max(warm, 0.1))))
                times: tuple[list[float], list[float]] = ([], [])
                for _ in range(runs):
                    for url, into in zip(urls, times):
                        into.append(once(client, url, query, accept))
                b, o = statistics.median(times[0]), statistics.median(times[1])
                print(f"{name:<40}{runs:>4}{b:>12.1f}{p95(times[0]):>7.1f}{o:>12.1f}{p95(times[1]):>7.1f}"
                      f"{o / b:>6.2f}x", flush=True)
    finally:
        for proc in (bare, ours):
            proc.terminate()
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()
