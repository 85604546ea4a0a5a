"""The vocabulary pages over HTTP on the demo store: size and time of each (median and p95).

    python bench/vocabulary_pages.py                 # /places, a country's places, /countries, /groupings
    python bench/vocabulary_pages.py --runs 41 /places "/places?country=BRA"

A real `gcmkg serve` on a fresh demo store (`gcmkg demo`: 3,591 places under 249 countries). Each page is
asked `--runs` times, one request at a time, after one warm-up request; sizes are the bytes of the body.
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

from local_server import free_port, wait_for  # noqa: E402 - bench/ is the script's folder

BIN = Path(sys.executable).parent
PAGES = ("/places", "/places?country=BRA", "/places?country=USA", "/countries", "/groupings", "/api/vocabularies/places")


def measure(url: str, runs: int) -> tuple[int, float, float]:
    """(bytes, median ms, p95 ms) of `runs` GETs of `url` as a browser asks it."""
    headers = {"Accept": "text/html", "Accept-Language": "en"}
    with httpx.Client(timeout=60) as client:
        size = len(client.get(url, headers=headers).content)            # warm-up
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            r = client.get(url, headers=headers)
            times.append((time.perf_counter() - started) * 1000)
            r.raise_for_status()
    times.sort()
    return size, statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", default=PAGES, help="paths to measure")
    parser.add_argument("--runs", type=int, default=21, help="requests per page (default 21)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gcmkg-bench-") as tmp:
        store = str(Path(tmp, "store"))
        subprocess.run([str(BIN / "gcmkg"), "--store", store, "demo"], check=True, capture_output=True)
        port = free_port()
        proc = subprocess.Popen([str(BIN / "gcmkg"), "--store", store, "serve", "--port", str(port)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for(base + "/void", timeout=120)
            print(f"{'page':32} {'bytes':>9} {'median ms':>10} {'p95 ms':>8}")
            for path in args.pages:
                size, median, p95 = measure(base + path, args.runs)
                print(f"{path:32} {size:9,} {median:10.1f} {p95:8.1f}")
        finally:
            proc.terminate()
            proc.wait(timeout=15)


if __name__ == "__main__":
    main()
