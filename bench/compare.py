"""Paired search benchmark: two versions of gcmkg on the same data, in alternating fresh processes.

    python bench/compare.py 76ab5a3                      # that revision (A) against this checkout (B)
    python bench/compare.py 76ab5a3 HEAD --rounds 6 --states "objective + region,no filter"
    python bench/compare.py /work/main                   # another checkout's working tree as A

A and B are each a git revision of this repository (extracted with `git archive` into a
temporary folder) or the path of a checkout (its working tree as it is); B defaults to this
checkout's working tree. Both index the same generated practices (bench/generate.py of this
checkout, cached in bench/data/, or --data), each in its own on-disk store holding its own
vocabularies. Each round starts one fresh process per side, A then B, pinned to one CPU when
`taskset` exists; a process builds the index through the public API both versions have
(SearchIndex.build, SearchIndex.search with a SearchRequest) and times every state --runs
times in a row, keeping its minimum (by the thread's CPU time unless --clock wall: time spent
waiting while other processes hold the CPU is the noise of a shared machine). Per state the tool prints each side's median of those per-process
minima with their spread (min-max), B - A, and as a rough noise band the range of the paired
differences (round by round): "within noise" when that range contains zero. A process the
machine slows down is slow throughout: each also times a fixed reference workload (the same
code on both sides) between its searches, and a last column gives B/A of the search times
divided by their process's reference time (median over rounds [range]).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import io
import tarfile
import tempfile
import time
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

from facet_states import STATES  # noqa: E402

BUILD = "index build"
REFERENCE = "reference work"


def reference_workload():
    """The same work in every process, whatever the version (bitmap counts into tuples, as a facet count does):
    its time says how fast the machine let that process run, so searches can be scaled by it."""
    import random

    from pyroaring import FrozenBitMap

    rng = random.Random(7)
    bitmaps = [FrozenBitMap(rng.sample(range(10_000), 30 if i % 4 else 1_500)) for i in range(400)]
    base = FrozenBitMap(rng.sample(range(10_000), 600))
    complement = base.flip(0, 10_000)
    return lambda: ([(i, b.intersection_cardinality(base)) for i, b in enumerate(bitmaps)],
                    [(i, b.difference_cardinality(complement)) for i, b in enumerate(bitmaps)])


class CompareError(Exception):
    """A problem the user can fix, said in one line."""


def source_tree(spec: str, work: Path) -> tuple[Path, str, str]:
    """A side's source folder, its name, and a key for its files under work: a checkout as is, or a revision extracted."""
    if Path(spec).is_dir():
        path = Path(spec).resolve()
        if not (path / "pyproject.toml").exists():
            raise CompareError(f"{spec}: not a gcmkg checkout (no pyproject.toml)")
        return path, f"{path} (working tree)", "tree" + str(path).replace("/", "-")
    found = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}"],
                           capture_output=True, text=True)
    sha = found.stdout.strip() if found.returncode == 0 else ""
    if not sha:
        raise CompareError(f"{spec!r} is neither a folder nor a revision of {ROOT}")
    tree = work / f"{sha[:12]}-src"
    if not tree.exists():
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", sha], capture_output=True, check=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tree, filter="data")
    return tree, f"{spec} ({sha[:10]})", sha[:12]


def package_root(tree: Path, work: Path, key: str) -> Path:
    """A folder to put on PYTHONPATH so that `import gcmkg` is the tree's code, laid out as pyproject maps it."""
    root = work / f"{key}-path"
    package = root / "gcmkg"
    if package.exists():
        return root
    mapping = tomllib.loads((tree / "pyproject.toml").read_text())["tool"]["setuptools"]["package-dir"]
    package.mkdir(parents=True)
    for child in (tree / mapping.get("gcmkg", "gcmkg")).iterdir():
        (package / child.name).symlink_to(child)
    for name, folder in mapping.items():
        if name.count(".") == 1:    # gcmkg.X; deeper packages live inside X's folder
            link = package / name.split(".", 1)[1]
            if not link.exists():
                link.symlink_to(tree / folder)
    return root


def run_side(python_path: Path, args: list[str], cpu: int | None, work: Path) -> dict:
    """Run this script's worker with a side's code first on the path; its JSON answer."""
    command = [sys.executable, str(Path(__file__).resolve()), *args]
    if cpu is not None:
        command = ["taskset", "-c", str(cpu), *command]
    env = dict(os.environ, PYTHONPATH=str(python_path), PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run(command, capture_output=True, text=True, cwd=work, env=env)
    if done.returncode:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise CompareError(f"worker for {python_path} failed: {tail}")
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    if not answer["gcmkg"].startswith(str(python_path)):
        raise CompareError(f"the worker imported gcmkg from {answer['gcmkg']}, not from {python_path}")
    return answer


def prepare(store_path: str, data: str) -> None:
    """Worker step: load the practices into an on-disk store (one graph per subject) with this side's vocabularies."""
    import pyoxigraph as ox

    from gcmkg.graph.oxigraph_store import OxigraphStore
    from gcmkg.graph.system_graphs import system_graphs

    store = OxigraphStore(Path(store_path))
    quads = ox.parse(path=data, format=ox.RdfFormat.N_TRIPLES)
    store.raw.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, q.subject) for q in quads)
    store.replace_graphs(system_graphs())
    store.raw.flush()
    store.close()
    import gcmkg
    print(json.dumps({"gcmkg": str(Path(gcmkg.__file__).parent)}))


def measure(store_path: str, states: list[int], runs: int, clock: str) -> None:
    """Worker step: build the index on the store (wall-clock s), then each state's fastest of `runs` searches (ms)."""
    import gc

    import gcmkg
    from gcmkg.graph.oxigraph_store import OxigraphStore
    from gcmkg.graph.search import SearchRequest
    from gcmkg.graph.search_index import SearchIndex

    store = OxigraphStore(Path(store_path))
    started = time.perf_counter()
    index = SearchIndex.build(store)
    out = {"gcmkg": str(Path(gcmkg.__file__).parent), BUILD: time.perf_counter() - started, "totals": {}}
    gc.collect()
    gc.freeze()     # as the server does once it has started
    timer = time.thread_time if clock == "cpu" else time.perf_counter
    reference, reference_best = reference_workload(), float("inf")
    for i in states:
        name, state = STATES[i]
        request = SearchRequest(**state)
        out["totals"][name] = index.search(request).total      # warm: text caches, first-call paths
        fastest = float("inf")
        for _ in range(runs):       # in a row, as bench/facets.py does: the first search after another state is slower
            started = timer()
            index.search(request)
            fastest = min(fastest, timer() - started)
            if _ % 5 == 0:          # the reference all along the process, a fifth as often
                started = timer()
                reference()
                reference_best = min(reference_best, timer() - started)
        out[name] = fastest * 1000
    out[REFERENCE] = reference_best * 1000
    store.close()
    print(json.dumps(out))


def chosen_states(text: str | None) -> list[int]:
    """Indexes into STATES from a comma-separated list of names (or unique parts of names) or 1-based numbers."""
    if not text:
        return list(range(len(STATES)))
    chosen = []
    for part in (p.strip() for p in text.split(",") if p.strip()):
        if part.isdigit() and 1 <= int(part) <= len(STATES):
            chosen.append(int(part) - 1)
            continue
        hits = [i for i, (name, _) in enumerate(STATES) if name == part] or \
               [i for i, (name, _) in enumerate(STATES) if part.lower() in name.lower()]
        if len(hits) != 1:
            raise CompareError(f"--states: {part!r} matches {len(hits)} states; choose from "
                               + "; ".join(f"{i + 1} {name}" for i, (name, _) in enumerate(STATES)))
        chosen.append(hits[0])
    return chosen


def summary(name: str, a: list[float], b: list[float], unit: str,
            scale: tuple[list[float], list[float]] | None = None) -> str:
    """One line: each side's median of per-process minima [spread], B - A, and the paired differences' range;
    with `scale` (each process's reference time), also B/A of the times divided by it: median [range]."""
    med_a, med_b = statistics.median(a), statistics.median(b)
    diffs = [y - x for x, y in zip(a, b)]
    low, high = min(diffs), max(diffs)
    verdict = "within noise" if low <= 0 <= high else ("B slower" if low > 0 else "B faster")
    digits = 2 if unit == "s" else 3

    def side(values: list[float], med: float) -> str:
        return f"{med:>8.{digits}f} {f'[{min(values):.{digits}f}-{max(values):.{digits}f}]':<14}"

    line = (f"{name:<30} {side(a, med_a)} {side(b, med_b)} {unit:<2} "
            f"{med_b - med_a:>+8.{digits}f} ({(med_b - med_a) / med_a:>+6.1%})  "
            f"{f'[{low:+.{digits}f}, {high:+.{digits}f}]':<18}  {verdict:<12}")
    if scale is None:
        return line.rstrip()
    ratios = [(y / ry) / (x / rx) - 1 for x, y, rx, ry in zip(a, b, *scale)]
    return f"{line}  {statistics.median(ratios):+6.1%} [{min(ratios):+.1%}, {max(ratios):+.1%}]"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[2:]))
    parser.add_argument("a", metavar="A", nargs="?", help="revision or checkout path to compare against (the baseline)")
    parser.add_argument("b", metavar="B", nargs="?", default=str(ROOT),
                        help="revision or checkout path to measure (default: this checkout's working tree)")
    parser.add_argument("--size", type=int, default=10_000, help="number of generated practices (default 10000)")
    parser.add_argument("--data", type=Path, help="N-Triples file of practices to use instead of generating")
    parser.add_argument("--rounds", type=int, default=5, help="fresh processes per side, alternating (default 5)")
    parser.add_argument("--runs", type=int, default=51, help="searches per state in each process (default 51)")
    parser.add_argument("--states", help="comma-separated state names, parts of names or numbers (default: all)")
    parser.add_argument("--clock", choices=("cpu", "wall"), default="cpu",
                        help="time searches by the thread's CPU time (default: not counting the time other "
                             "processes hold the CPU) or by the wall clock, as bench/facets.py does")
    parser.add_argument("--cpu", type=int, default=(os.cpu_count() or 1) - 1,
                        help="CPU to pin every process to with taskset (default: the last; -1: do not pin)")
    parser.add_argument("--work", type=Path, help="folder for the extracted trees and stores (default: a temporary one)")
    parser.add_argument("--worker", nargs=2, metavar=("STORE", "STATES"), help=argparse.SUPPRESS)
    parser.add_argument("--prepare", nargs=2, metavar=("STORE", "DATA"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.prepare:
        prepare(*args.prepare)
        return 0
    if args.worker:
        measure(args.worker[0], [int(i) for i in args.worker[1].split(",")], args.runs, args.clock)
        return 0
    if args.a is None:
        parser.error("the revision or checkout to compare against (A) is required")
    if args.rounds < 1 or args.runs < 1:
        parser.error("--rounds and --runs must be at least 1")
    try:
        states = chosen_states(args.states)
        if args.data is not None and not args.data.is_file():
            raise CompareError(f"--data {args.data}: no such file")
        cpu = args.cpu if args.cpu >= 0 and shutil.which("taskset") else None
        with tempfile.TemporaryDirectory(prefix="gcmkg-compare-") as tmp:
            work = (args.work or Path(tmp)).resolve()
            work.mkdir(parents=True, exist_ok=True)
            compare(args, states, cpu, work)
    except CompareError as problem:
        print(f"compare.py: {problem}", file=sys.stderr)
        return 2
    return 0


def compare(args, states: list[int], cpu: int | None, work: Path) -> None:
    trees = {label: source_tree(spec, work) for label, spec in (("A", args.a), ("B", args.b))}
    if args.data is None:
        from generate import dataset     # this checkout's generator: the same bytes for both sides
        data = dataset(args.size).resolve()
    else:
        data = args.data.resolve()
    sides = {}
    for label, (tree, name, key) in trees.items():
        path = package_root(tree, work, key)
        store = work / f"{key}-store-{data.stat().st_size}"
        if not (store / "READY").exists():
            shutil.rmtree(store, ignore_errors=True)
            run_side(path, ["--prepare", str(store), str(data)], cpu, work)
            (store / "READY").write_text(str(data))
        sides[label] = (name, path, store)
    names = [BUILD, REFERENCE] + [STATES[i][0] for i in states]
    found = {label: {n: [] for n in names} for label in sides}
    totals = {label: {} for label in sides}
    load_before = os.getloadavg()[0]
    for round_ in range(args.rounds):
        for label, (_, path, store) in sides.items():
            answer = run_side(path, ["--worker", str(store), ",".join(map(str, states)), "--runs", str(args.runs),
                                     "--clock", args.clock], cpu, work)
            for n in names:
                found[label][n].append(answer[n])
            totals[label] = answer["totals"]
        print(f"  round {round_ + 1}/{args.rounds} done", file=sys.stderr, flush=True)
    load_after = os.getloadavg()[0]

    print(f"A = {sides['A'][0]}\nB = {sides['B'][0]}")
    print(f"{data.name}: {args.rounds} rounds of fresh processes A, B; {args.runs} searches a state per process "
          f"({args.clock} time; the build by the wall clock); "
          f"{'pinned to CPU %d' % cpu if cpu is not None else 'not pinned'}; load average {load_before:.1f} -> "
          f"{load_after:.1f}")
    print(f"{'state':<30} {'A median [spread]':<23} {'B median [spread]':<23} {'':<2} {'B - A':<17}  "
          f"{'paired B - A':<18}  {'verdict':<12}  B/A scaled by the reference")
    scale = (found["A"][REFERENCE], found["B"][REFERENCE])
    for n in names:
        print(summary(n, found["A"][n], found["B"][n], "s" if n == BUILD else "ms",
                      None if n in (BUILD, REFERENCE) else scale))
    differ = [n for n in totals["A"] if totals["A"][n] != totals["B"].get(n)]
    if differ:
        print("note: the sides found different numbers of entries for "
              + "; ".join(f"{n} ({totals['A'][n]} vs {totals['B'][n]})" for n in differ))


if __name__ == "__main__":
    sys.exit(main())
