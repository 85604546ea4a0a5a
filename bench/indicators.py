"""Statistical data at scale: loading a million observations, and the indicator page over them.

    python bench/indicators.py                 # 1,000,000 observations
    python bench/indicators.py --size 100000

1. Generates an SDMX-CSV file of `size` observations of one indicator (every
   country × years × sex × ISCED level × migration status) and loads it through
   gcmkg's loader (ingest/observations.py reads it, graph/cubes.py checks every
   row and the shapes, and stores it as a new dataset version) into an on-disk
   store, timing the reading and the checking-and-storing.
2. Bulk-loads the very same quads into an empty on-disk pyoxigraph store with
   `bulk_extend`: the raw rate of the store, which the loader is compared to
   (goal: at least half of it).
3. Serves the store with `gcmkg serve` and times the indicator page (chart,
   table and summary for five countries), its JSON twin, the map and the
   data-availability page, one request at a time (goal: the indicator page's
   median at or under 100 ms).
"""

from __future__ import annotations

import argparse
import gc
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pyoxigraph as ox

HERE = Path(__file__).parent
BIN = Path(sys.executable).parent

from local_server import free_port, wait_for  # noqa: E402 - bench/ is the script's folder

INDICATOR = "inbound-mobility-rate"
YEARS = 25
RUNS = 31


def generate(path: Path, size: int) -> int:
    """An SDMX-CSV file of `size` observations (fewer if the code lists run out); returns the count."""
    from gcmkg.graph.cubes import code_lists
    lists = code_lists()
    countries = sorted(c for c in lists["area"] if len(c) == 3 and c.isalpha())
    levels, statuses = sorted(lists["isced"]), sorted(lists["migration"])
    rng = random.Random(12)
    written = 0
    with path.open("w", encoding="utf-8") as out:
        out.write("DATAFLOW,REF_AREA,TIME_PERIOD,SEX,EDUCATION_LEV,MIGRATION_STATUS,OBS_VALUE,OBS_STATUS\n")
        for area in countries:
            for year in range(2000, 2000 + YEARS):
                for sex in ("F", "M", "_T"):
                    for level in levels:
                        for status in statuses:
                            if written == size:
                                return written
                            flag = "E" if rng.random() < 0.05 else "A"
                            out.write(f"GCMKG:bench(1.0),{area},{year},{sex},{level},{status},"
                                      f"{rng.uniform(0, 30):.2f},{flag}\n")
                            written += 1
    return written


def load_with_gcmkg(store: Path, csv: Path) -> tuple[float, float, int]:
    """(seconds reading, seconds checking and storing, observations) through gcmkg's loader."""
    from gcmkg.graph.cubes import Dataset, put_dataset
    from gcmkg.graph.open import open_knowledge_graph
    from gcmkg.ingest.observations import read_observations
    kg = open_knowledge_graph(str(store))
    kg.init()
    started = time.perf_counter()
    columns, rows = read_observations(csv)
    read = time.perf_counter() - started
    started = time.perf_counter()
    count = put_dataset(kg, Dataset("bench", INDICATOR, columns, rows, source=csv.name, title="Benchmark cube"))
    stored = time.perf_counter() - started
    kg.close()
    del rows
    gc.collect()
    return read, stored, count


def raw_load(csv: Path, directory: Path) -> tuple[float, int]:
    """(seconds, quads) to bulk-load the loader's very quads into an empty on-disk pyoxigraph store."""
    from gcmkg.graph.cubes import Dataset, observation_triples
    from gcmkg.ingest.observations import read_observations
    columns, rows = read_observations(csv)
    version = ox.NamedNode("https://w3id.org/gcmkg/dataset/bench/v1")
    quads = list(observation_triples(Dataset("bench", INDICATOR, columns, rows), version, graph=version))
    del rows
    store = ox.Store(str(directory))
    started = time.perf_counter()
    store.bulk_extend(quads)
    store.flush()
    seconds = time.perf_counter() - started
    del store
    return seconds, len(quads)


def time_pages(store: Path, pages: dict[str, str]) -> dict[str, tuple[float, float]]:
    """Median and p95 milliseconds of each page, on a `gcmkg serve` of `store`."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([str(BIN / "gcmkg"), "--store", str(store), "serve", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        started = time.perf_counter()
        wait_for(url + "/favicon.ico", timeout=1800)   # not /void: it counts the 9M quads, over wait_for's 1 s
        print(f"  server answering after {time.perf_counter() - started:.1f} s")
        out = {}
        with httpx.Client(base_url=url, timeout=120) as client:
            for name, path in pages.items():
                assert client.get(path, headers={"Accept": "text/html"}).status_code == 200, path   # warm: the first reads the summaries
                times = []
                for _ in range(RUNS):
                    started = time.perf_counter()
                    response = client.get(path, headers={"Accept": "text/html"} if not path.startswith("/api/") else {})
                    times.append((time.perf_counter() - started) * 1000)
                    assert response.status_code == 200, (path, response.status_code)
                times.sort()
                out[name] = (statistics.median(times), times[int(len(times) * 0.95) - 1])
        return out
    finally:
        server.terminate()
        server.wait(timeout=30)


def report_pages(store: Path, size: int) -> None:
    pages = {"indicator page (5 countries, default slice)": f"/indicators/{INDICATOR}",
             "indicator page (3 countries, 2010-2020, F, ISCED 6)":
                 f"/indicators/{INDICATOR}?area=ARG&area=BRA&area=CHL&from=2010&to=2020&sex=F&level=6",
             "JSON observations (1 country, every slice)": f"/api/indicators/{INDICATOR}/observations?area=MEX",
             "map of one year": f"/indicators/{INDICATOR}/map?year=2020",
             "data availability": "/indicators/availability",
             "country page (with its small chart)": "/country/ARG"}
    print(f"pages over HTTP at {size:,} observations, {RUNS} requests each (median / p95 ms):")
    for name, (median, p95) in time_pages(store, pages).items():
        goal = "  (goal: <= 100 ms median)" if name.startswith("indicator page (5") else ""
        print(f"  {name:<55}{median:8.1f}{p95:8.1f}{goal}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="observations to generate and load")
    parser.add_argument("--pages-only", action="store_true", help="time the pages of the store loaded before")
    args = parser.parse_args()
    root = HERE / "data" / f"indicators-{args.size}"
    if args.pages_only:
        report_pages(root / "store", args.size)
        return
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    csv = root / "cube.csv"
    count = generate(csv, args.size)
    print(f"generated {count:,} observations ({csv.stat().st_size / 1e6:.0f} MB of SDMX-CSV)")

    read, stored, loaded = load_with_gcmkg(root / "store", csv)
    rate = loaded / (read + stored)
    print(f"gcmkg loader: {loaded:,} observations in {read + stored:.1f} s (reading {read:.1f} s, checking "
          f"and storing {stored:.1f} s): {rate:,.0f} observations/s")
    raw_seconds, quads = raw_load(csv, root / "raw")
    raw_rate = loaded / raw_seconds
    print(f"raw pyoxigraph bulk_extend of the same {quads:,} quads: {raw_seconds:.1f} s: "
          f"{raw_rate:,.0f} observations/s ({quads / raw_seconds:,.0f} quads/s)")
    print(f"loader / raw: {rate / raw_rate:.2f} (goal: >= 0.50)")

    report_pages(root / "store", loaded)
    shutil.rmtree(root / "raw", ignore_errors=True)


if __name__ == "__main__":
    main()
