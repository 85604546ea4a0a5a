"""The curation workflow's steps, timed: password hashing, saving a draft, submitting, reviewing, publishing.

    python bench/curation.py              # 20 entries through the whole workflow, SQLite
    python bench/curation.py --entries 50 --accounts-db postgresql://...

Each entry goes draft -> submitted -> three reviews -> published on an
in-memory knowledge graph (the test organisations loaded) with the curation
database on SQLite in a temp dir, or on the PostgreSQL URL given. Prints the
median and p95 of each step in milliseconds. The goal set by issue 8 is on the
publish step as a whole: from "publish" to the entry in the public store (the
search index follows through the change listener) within 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from pyoxigraph import NamedNode

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "tests"))

from curation_support import DRAFT_TTL, PRACTICE, draft_triples, full_review, open_workbench  # noqa: E402

from gcmkg.curation import db  # noqa: E402
from gcmkg.curation.accounts import _hasher  # noqa: E402
from gcmkg.graph.open import open_knowledge_graph  # noqa: E402


def timed(times: dict, step: str, call, *args, **kwargs):
    start = time.perf_counter()
    result = call(*args, **kwargs)
    times.setdefault(step, []).append((time.perf_counter() - start) * 1000)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20)
    parser.add_argument("--accounts-db", default=None, help="a SQLAlchemy URL (default: SQLite in a temp dir)")
    args = parser.parse_args()
    times: dict[str, list[float]] = {}
    for _ in range(10):
        stored = timed(times, "argon2id hash", _hasher.hash, "correct horse battery")
        timed(times, "argon2id verify", _hasher.verify, stored, "correct horse battery")
    with tempfile.TemporaryDirectory() as tmp:
        engine = db.open_database(tmp, args.accounts_db)
        if args.accounts_db:   # a fresh schema on a server database
            db.metadata.drop_all(engine)
            engine = db.open_database(tmp, args.accounts_db)
        kg = open_knowledge_graph(in_memory=True)
        kg.init()
        wb, people = open_workbench(kg, engine)
        curator = people["carlos_curator"]
        for n in range(args.entries):
            entry = NamedNode(f"{PRACTICE}-{n}")
            triples = draft_triples(DRAFT_TTL.replace(PRACTICE, entry.value))
            timed(times, "save draft", wb.save_draft, people["alice_contributor"], entry, triples, 0)
            timed(times, "submit (shapes)", wb.transition, people["alice_contributor"], entry, "submit")
            for name in ("una_reviewer", "ext_one", "ext_two"):
                timed(times, "assign", wb.assign, curator, entry, people[name])
                wb.declare_conflict(people[name], entry, False)
                timed(times, "review (shapes)", wb.review, people[name], entry, full_review())
            timed(times, "publish (rule + move)", wb.transition, curator, entry, "publish")
        kg.close()
        engine.dispose()
    print(f"curation workflow, {args.entries} entries, database {engine.dialect.name}")
    print(f"{'step':<24}{'median ms':>10}{'p95 ms':>10}")
    for step, values in times.items():
        values.sort()
        p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
        print(f"{step:<24}{statistics.median(values):>10.1f}{p95:>10.1f}")


if __name__ == "__main__":
    main()
