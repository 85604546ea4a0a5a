"""The policymakers' pages over HTTP: start-up time, and whole faceted pages (median and p95).

    python bench/pages.py                  # 10k practices
    python bench/pages.py --size 100000

A real `gcmkg serve` on an on-disk store of n synthetic practices (a copy of
bench/facets.py's store, kept in bench/data/). First the start-up, twice: once
building the search index from the store (and saving it), once reading the
saved index, as a restarted server does; each until the first search page is
answered. Then typical faceted search pages (counts of every facet, the first
page of results, rendering) and their JSON twins, one request at a time, and
one entry's IRI dereferenced as its page and as JSON-LD.
Goals at 100k: a whole page in <= 50 ms median and <= 150 ms p95.
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

from local_server import free_port  # noqa: E402 - bench/ is the script's folder
from facets import store_for  # noqa: E402

BIN = Path(sys.executable).parent
B = "https://w3id.org/gcmkg/"
PAGES = {
    "all practices": "/practices",
    "one objective": "/practices?objective=7",
    "objective + region": "/practices?objective=7&region=019",
    "2 countries + type": "/practices?country=BRA&country=MEX&type=partnership",
    'text "remittances"': "/search?q=remittances",
    'text "women labour", by title': "/search?q=women+labour&sort=title",
    "years + objective, page 5": "/practices?objective=7&year_from=2010&year_to=2015&page=5",
    "scope order, Europe": "/practices?region=150&sort=scope",
}
# An entry's own IRI, dereferenced (linked data): HTML page and JSON-LD. Each request also asks whether
# the entry was merged into another (graph/merges.py), so its redirect costs one query here.
ENTRY = "/id/practice/synthetic-42"
RUNS = 41


def server_store(n: int) -> Path:
    """A server's store directory (public/ and review/) holding bench/facets.py's store of n practices."""
    root = HERE / "data" / f"pages-{n}"
    source = store_for(n)       # also refreshes the vocabularies, so the store's version is new
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    source.snapshot(root / "public")
    source.close()
    return root


def first_page(store: Path) -> tuple[subprocess.Popen, str, float]:
    """Start a server on `store`; return it, its URL and the seconds until it answered a search page."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    proc = subprocess.Popen([str(BIN / "gcmkg"), "--store", str(store), "serve", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while True:
        try:
            if httpx.get(url + PAGES["one objective"], timeout=60).status_code == 200:
                return proc, url, time.perf_counter() - started
        except httpx.HTTPError:
            if proc.poll() is not None:
                raise RuntimeError(proc.stderr.read().decode()) from None
            time.sleep(0.05)


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    proc.wait(timeout=60)


def timings(client: httpx.Client, url: str, runs: int, accept: str = "text/html") -> list[float]:
    client.get(url, headers={"Accept": accept}).raise_for_status()      # warm: the sort orders, the caches
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url, headers={"Accept": accept}).raise_for_status()
        times.append((time.perf_counter() - started) * 1000)
    return times


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[18]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args()
    store = server_store(args.size)
    saved = store / "search-index.pickle"

    proc, _, cold = first_page(store)
    stop(proc)          # the index was saved once built; stopping changes nothing more
    proc, url, warm = first_page(store)
    print(f"{args.size:,} practices")
    print(f"  start-up to the first search page: {cold:.1f} s building the index from the store, "
          f"{warm:.1f} s reading the saved index ({saved.stat().st_size / 2**20:.0f} MiB)")
    try:
        print(f"  {'page':<32}{'HTML median':>12}{'p95':>8}{'JSON median':>13}{'p95':>8}   ms, {args.runs} runs")
        with httpx.Client(timeout=60, headers={"Accept": "text/html"}) as client:
            for name, path in PAGES.items():
                html = timings(client, url + path, args.runs)
                api_path = path.replace("/practices", "/api/practices", 1).replace("/search", "/api/search", 1)
                json = timings(client, url + api_path, args.runs)
                print(f"  {name:<32}{statistics.median(html):>12.1f}{p95(html):>8.1f}"
                      f"{statistics.median(json):>13.1f}{p95(json):>8.1f}", flush=True)
            html = timings(client, url + ENTRY, args.runs)
            json = timings(client, url + ENTRY, args.runs, "application/ld+json")
            print(f"  {'entry IRI (page / JSON-LD)':<32}{statistics.median(html):>12.1f}{p95(html):>8.1f}"
                  f"{statistics.median(json):>13.1f}{p95(json):>8.1f}", flush=True)
    finally:
        stop(proc)


if __name__ == "__main__":
    main()
