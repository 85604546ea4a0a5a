"""The curation workflow's steps, timed: password hashing, saving a draft, submitting, reviewing, publishing,
merging one published entry into another; validating one entry (pyshacl against the compiled SPARQL checks);
and over HTTP the form's live validation and the time from "publish" to the entry being found by the public
search.

    python bench/curation.py              # 20 entries through the whole workflow, SQLite
    python bench/curation.py --entries 50 --accounts-db postgresql://...

Each entry goes draft -> submitted -> three reviews -> published on an
in-memory knowledge graph (the test organisations loaded) with the curation
database on SQLite in a temp dir, or on the PostgreSQL URL given. Prints the
median and p95 of each step in milliseconds. Then `gcmkg serve` starts on a
demo store in a temp dir (bench/curation_http.py) for the two goals issue 8
sets: POST /curate/validate/practice of a ~200-triple practice within 50 ms
(median), and from "publish" to the entry in the faceted search within 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time

from pyoxigraph import NamedNode
from rdflib import Graph

from curation_http import filled_practice, http_figures

from gcmkg.curation import db, merge
from gcmkg.curation.accounts import password_hasher
from gcmkg.curation.demo import add_people, sample_practice, sample_review
from gcmkg.curation.workbench import Workbench
from gcmkg.graph.open import open_knowledge_graph
from gcmkg.graph.system_graphs import demo_files
from gcmkg.ingest.rdf_input import FORMATS, parse_bytes
from gcmkg.shapes.validate import validate_entry, validate_one

EDITORS = "https://w3id.org/gcmkg/id/org/gcmkg-demo-editors"   # an organisation of the demo data
PRACTICE = "https://w3id.org/gcmkg/id/practice/bench-interpreters-"


def timed(times: dict, step: str, call, *args, **kwargs):
    start = time.perf_counter()
    result = call(*args, **kwargs)
    times.setdefault(step, []).append((time.perf_counter() - start) * 1000)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20)
    parser.add_argument("--accounts-db", default=None, help="a SQLAlchemy URL (default: SQLite in a temp dir)")
    parser.add_argument("--requests", type=int, default=50, help="POSTs to /curate/validate/practice")
    parser.add_argument("--publications", type=int, default=5, help="entries published and searched for")
    args = parser.parse_args()
    times: dict[str, list[float]] = {}
    for _ in range(10):
        stored = timed(times, "argon2id hash", password_hasher.hash, "correct horse battery")
        timed(times, "argon2id verify", password_hasher.verify, stored, "correct horse battery")
    with tempfile.TemporaryDirectory() as tmp:
        engine = db.open_database(tmp, args.accounts_db)
        if args.accounts_db:   # a fresh schema on a server database
            db.metadata.drop_all(engine)
            engine = db.open_database(tmp, args.accounts_db)
        kg = open_knowledge_graph(in_memory=True)
        kg.init()
        editors = next(r for r in demo_files() if r.name == "editors.ttl")
        kg.load([parse_bytes(editors.read_bytes(), FORMATS[".ttl"], "demo/editors.ttl")])
        wb = Workbench(kg, engine)
        people = {email.split("@")[0]: account for email, (account, _) in add_people(wb.accounts).items()}
        curator, contributor = people["carlos.curator"], people["alice.contributor"]
        for n in range(args.entries):
            entry = NamedNode(f"{PRACTICE}{n}")
            triples = sample_practice(entry.value, EDITORS)
            timed(times, "save draft", wb.save_draft, contributor, entry, triples, 0)
            timed(times, "submit (shapes)", wb.transition, contributor, entry, "submit")
            for name in ("una.reviewer", "ext.one", "ext.two"):
                timed(times, "assign", wb.assign, curator, entry, people[name])
                wb.declare_conflict(people[name], entry, False)
                timed(times, "review (shapes)", wb.review, people[name], entry, sample_review())
            timed(times, "publish (rule + move)", wb.transition, curator, entry, "publish")
        for n in range(1, args.entries, 2):    # each odd entry is a duplicate of the one before it
            into, duplicate = NamedNode(f"{PRACTICE}{n - 1}"), NamedNode(f"{PRACTICE}{n}")
            seen = merge.preview(wb, into, duplicate)
            timed(times, "merge (shapes + journal)", merge.merge, wb, curator, into, duplicate, seen.etag)
        big = NamedNode(f"{PRACTICE}big")
        one_entry_validators(times, kg, big, form_practice(kg, big))
        kg.close()
        engine.dispose()
    print(f"curation workflow, {args.entries} entries, database {engine.dialect.name}")
    print(f"{'step':<24}{'median ms':>10}{'p95 ms':>10}")
    for step, values in times.items():
        values.sort()
        p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
        print(f"{step:<24}{statistics.median(values):>10.1f}{p95:>10.1f}")
    http_figures(args.requests, args.publications)


def one_entry_validators(times: dict, kg, entry: NamedNode, triples) -> None:
    """Validating one entry as check_entry gives it (with what it links to): pyshacl, as the form did before,
    and the compiled SPARQL checks it runs now; their answers must be the same."""
    print(f"one entry: {len(triples)} triples")
    data = context_of(kg, triples)
    graph = Graph().parse(data="\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in data), format="nt")
    for _ in range(20):
        by_pyshacl = timed(times, "one entry: pyshacl", validate_entry, graph)
        compiled = timed(times, "one entry: compiled", validate_one, entry.value, data)
        assert by_pyshacl == compiled, (by_pyshacl, compiled)


def form_practice(kg, entry: NamedNode) -> list:
    """The ~200-triple practice of the HTTP benchmark, read by the form's parser as the server reads it."""
    from gcmkg.graph.vocabulary_choices import Choices
    from gcmkg.shapes.form import entry_form, given_values, parse
    choices, form = Choices(kg.public), entry_form("practice")
    triples, _unread = parse(form, entry, given_values(form, filled_practice()),
                             choices.resolve)
    return triples


def context_of(kg, triples) -> list:
    """The entry's triples with what check_entry adds: the linked concepts and the stored resources' types."""
    from gcmkg.graph.system_graphs import concept_context
    context = concept_context()
    linked = {t.object for t in triples if isinstance(t.object, NamedNode)}
    return [*triples, *(c for iri in linked for c in context.get(iri, ())), *kg.public.types_of(
        sorted((n for n in linked if n not in context), key=lambda n: n.value))]


if __name__ == "__main__":
    main()
