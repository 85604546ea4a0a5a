"""Our /sparql next to a bare Oxigraph server holding the same data: median latency and ratio.

    python bench/sparql.py --size 100000

Both hold the same quads (our public store, dumped and loaded into the bare
server's own directory); the same queries go to both over HTTP, one at a time.
Goal: our endpoint within 1.3x of the bare server.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from conftest import free_port, wait_for  # noqa: E402
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


def timed(client: httpx.Client, url: str, query: str, accept: str, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        r = client.post(url, data={"query": query}, headers={"Accept": accept})
        r.raise_for_status()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="gcmkg-sparql-bench-"))
    store = work / "store"
    kg = open_knowledge_graph(str(store))
    kg.init()
    kg.load([parse_file(dataset(args.size))])
    dump = export_dataset(kg.public, "application/n-quads", work / "dump.nq")
    kg.close()
    subprocess.run([str(BIN / "oxigraph"), "load", "--location", str(work / "bare"), "--file", str(dump)],
                   check=True, capture_output=True)
    bare_port, our_port = free_port(), free_port()
    bare = subprocess.Popen([str(BIN / "oxigraph"), "serve", "--location", str(work / "bare"), "--bind",
                             f"127.0.0.1:{bare_port}", "--union-default-graph"], stderr=subprocess.DEVNULL)
    ours = subprocess.Popen([str(BIN / "gcmkg"), "--store", str(store), "serve", "--port", str(our_port),
                             "--query-timeout", "300", "--max-rows", "100000"], stderr=subprocess.DEVNULL)
    try:
        wait_for(f"http://127.0.0.1:{bare_port}/", 60)
        wait_for(f"http://127.0.0.1:{our_port}/void", 60)
        print(f"{args.size:,} practices; median of {args.runs} runs after one warm-up, ms")
        print(f"{'query':<42}{'bare Oxigraph':>14}{'gcmkg /sparql':>15}{'ratio':>8}")
        with httpx.Client(timeout=600) as client:
            for name, query in QUERIES.items():
                accept = "text/turtle" if query.startswith("DESCRIBE") else "application/sparql-results+json"
                urls = (f"http://127.0.0.1:{bare_port}/query", f"http://127.0.0.1:{our_port}/sparql")
                for url in urls:
                    timed(client, url, query, accept, 1)
                b = statistics.median(timed(client, urls[0], query, accept, args.runs))
                o = statistics.median(timed(client, urls[1], query, accept, args.runs))
                print(f"{name:<42}{b:>14.1f}{o:>15.1f}{o / b:>7.2f}x")
    finally:
        for proc in (bare, ours):
            proc.terminate()
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()
