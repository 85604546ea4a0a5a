"""gcmkg benchmarks: prints the figures the issues set goals for.

    python bench/run.py                 # 1k and 10k practices
    python bench/run.py --sizes 1000,10000,100000

Load: our `load` path (parse, cut into entries, validate against the shapes,
write) against raw pyoxigraph bulk loading of the same file into an empty
on-disk store. Goal: ours at >= 50% of raw throughput.
Validation: one entry with the concepts it links to, through pyshacl. Goal: <= 20 ms.
Memory: the peak resident memory of a `gcmkg load` process for each size. Goal: flat as files grow.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from generate import dataset  # bench/ is the script's folder, so it is on the path

from gcmkg.graph.open import open_knowledge_graph
from gcmkg.ingest.rdf_input import parse_file

HERE = Path(__file__).parent


def bench_load(n: int, workdir: Path) -> None:
    path = dataset(n)
    triples = sum(1 for _ in path.open("rb"))

    raw_dir = workdir / f"raw-{n}"
    raw = ox.Store(str(raw_dir))
    t0 = time.perf_counter()
    raw.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
    raw.flush()
    raw_s = time.perf_counter() - t0
    del raw

    kg = open_knowledge_graph(str(workdir / f"ours-{n}"))
    kg.init()
    t0 = t0_ours = time.perf_counter()
    parsed = parse_file(path)
    t_parse = time.perf_counter() - t0
    timings = {}
    report = kg.load([parsed], progress=lambda msg: timings.setdefault(msg.split()[0], time.perf_counter()))
    kg.public.raw.flush()
    ours_s = time.perf_counter() - t0_ours
    validated_at = timings.get("writing", time.perf_counter())
    # The same data as gcmkg stores it (one named graph per entry), bulk-loaded raw: what the
    # write alone costs Oxigraph, since named-graph quads are indexed twice as many ways.
    nq = workdir / f"ours-{n}.nq"
    with nq.open("wb") as out:
        for q in kg.public.quads():
            if q.graph_name.value.startswith("https://w3id.org/gcmkg/id/"):
                out.write(f"{q.subject} {q.predicate} {q.object} {q.graph_name} .\n".encode())
    kg.close()
    raw_nq = ox.Store(str(workdir / f"raw-nq-{n}"))
    t0 = time.perf_counter()
    raw_nq.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    raw_nq.flush()
    nq_s = time.perf_counter() - t0
    del raw_nq
    print(f"load {n:>7,} practices ({triples:,} triples):\n"
          f"  raw bulk_load, default graph   {triples / raw_s:>9,.0f} triples/s ({raw_s:.1f} s)\n"
          f"  raw bulk_load, entry graphs    {triples / nq_s:>9,.0f} triples/s ({nq_s:.1f} s)\n"
          f"  gcmkg load (validated, graphs) {triples / ours_s:>9,.0f} triples/s ({ours_s:.1f} s: parse {t_parse:.1f} s, "
          f"split+validate {validated_at - t0_ours - t_parse:.1f} s, write {ours_s - (validated_at - t0_ours):.1f} s)\n"
          f"  ratio to raw default-graph load {raw_s / ours_s:.0%} (goal >= 50%), to raw entry-graph load "
          f"{nq_s / ours_s:.0%} | {report.entries:,} entries")


def bench_load_memory(n: int, workdir: Path) -> None:
    """Peak memory of a real `gcmkg load` of n practices into a fresh store (its own process, os.wait4)."""
    path = dataset(n)
    gcmkg = Path(sys.executable).parent / "gcmkg"
    store = workdir / f"memory-{n}"
    subprocess.run([str(gcmkg), "--store", str(store), "init"], check=True, capture_output=True)
    t0 = time.perf_counter()
    proc = subprocess.Popen([str(gcmkg), "--store", str(store), "load", str(path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    if status != 0:
        raise SystemExit(f"gcmkg load failed: {proc.stderr.read().decode()}")
    print(f"memory: gcmkg load of {n:>7,} practices ({path.stat().st_size / 1e6:,.0f} MB) peaked at "
          f"{usage.ru_maxrss / 1024:,.0f} MiB resident ({seconds:.1f} s)")


def bench_validate_entry(workdir: Path) -> None:
    path = dataset(1000)
    kg = open_knowledge_graph(in_memory=True)
    kg.init()
    parsed = parse_file(path)
    from gcmkg.graph.entries import split_entries
    batch = split_entries([parsed])
    kg.load([parsed])
    practices = [g for g in batch.entries if "/practice/" in g.value][:50]
    times = []
    size = 0
    for g in practices:
        t0 = time.perf_counter()
        violations = kg.check_entry(g, batch.entries[g])
        times.append((time.perf_counter() - t0) * 1000)
        assert not violations, violations[:1]
        size = len(batch.entries[g])
    print(f"validate one entry (~{size} triples + linked concepts) with pyshacl: median "
          f"{statistics.median(times):.1f} ms, max {max(times):.1f} ms over {len(times)} entries (goal <= 20 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description="gcmkg benchmarks")
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated numbers of practices")
    parser.add_argument("--memory-sizes", default="10000,40000",
                        help="comma-separated numbers of practices for the peak memory of `gcmkg load`")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="gcmkg-bench-"))
    try:
        for n in (int(s) for s in args.sizes.split(",")):
            bench_load(n, workdir)
        for n in (int(s) for s in args.memory_sizes.split(",") if s):
            bench_load_memory(n, workdir)
        bench_validate_entry(workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
