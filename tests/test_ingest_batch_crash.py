"""Bulk `gcmkg ingest` survives kill -9 at any step: each batch of drafts is filed whole, with the ingest
assistant's record of every draft (its document, its suggestions and their evidence) that a curator must
confirm, or not at all. After the next open no draft waits without its suggestions and no record is left
about a draft that was never filed.

The kill is real, from inside the filing process, just before its Nth durable write (each commit of the
curation database, each update of either quad store), for every N the uninterrupted run reaches
(curation_support.act_in_a_process); the spreadsheet's three rows are filed two at a time.
"""

from __future__ import annotations

import shutil
import signal

import pytest
from pyoxigraph import NamedNode
from sqlalchemy import select

from curation_support import act_in_a_process, open_workbench
from ingest_documents import DATA
from gcmkg.curation import db, store_writes
from gcmkg.curation import provenance as pv
from gcmkg.curation.workbench import Workbench
from gcmkg.graph.open import open_knowledge_graph
from gcmkg.ingest.drafts import suggestions_for
from gcmkg.names import RDF_TYPE

SHEET = DATA / "practices.csv"     # three rows: three drafts
BATCH = 2

FILE_ROWS = f"""
from gcmkg.ingest import drafts
drafts.BATCH = {BATCH}
alice = wb.accounts.get("alice.contributor@example.org")
dies_before_write(wb, int(sys.argv[2]))
filed = drafts.ingest_to_drafts(wb, alice, [sys.argv[3]])
print(" ".join(d.locator.replace(" ", "_") for d in filed), writes(), flush=True)
"""


@pytest.fixture(scope="module")
def before(tmp_path_factory):
    """A store with the test organisations and the demo's people, and no draft yet."""
    store = tmp_path_factory.mktemp("ingest-batch-crash") / "store"
    kg, engine = open_knowledge_graph(str(store)), db.open_database(str(store))
    kg.init()
    open_workbench(kg, engine)
    kg.close()
    engine.dispose()
    return store


def filed(store) -> dict:
    """What the next open of the workbench finds: per draft, keyed by the row its record says it came from
    (or by its IRI when it has no record), its state, version, review copy and record; and what is left over."""
    wb = Workbench(open_knowledge_graph(str(store)), db.open_database(str(store)))
    try:
        with wb.engine.connect() as conn:
            entries = [NamedNode(e) for e in conn.scalars(select(db.submissions.c.entry))]
        drafts = {}
        for entry in entries:
            history = wb.history(entry)
            row = next((t.object.value for t in history if t.predicate == pv.gcmc("locator")), entry.value)
            drafts[row] = {
                "state": wb.state(entry), "version": wb.draft(entry)[0],
                "review copy": sorted(str(q.triple).replace(entry.value, "ENTRY") for q in wb.kg.review.quads(entry)),
                "records": sorted(t.object.value for t in history if t.predicate == RDF_TYPE),
                "suggestions": sorted((s.field, str(s.value), s.status, len(s.evidence))
                                      for s in suggestions_for(wb, entry))}
        about = {row["e"].value for row in wb.kg.review.select(
            "SELECT DISTINCT ?e WHERE { GRAPH ?g { ?g $about ?e } }", {"about": pv.ABOUT}, union=False)}
        return {"drafts": drafts, "records about no draft": sorted(about - {e.value for e in entries}),
                "journal": store_writes.pending(wb.engine)}
    finally:
        wb.kg.close()
        wb.engine.dispose()


def test_bulk_ingest_killed_at_any_step_leaves_whole_batches_with_their_suggestions(before, tmp_path):
    whole_store = tmp_path / "whole"
    shutil.copytree(before, whole_store)
    done = act_in_a_process(FILE_ROWS, whole_store, 0, str(SHEET))
    assert done.returncode == 0, done.stderr
    *rows, writes = done.stdout.split()
    rows, writes = [r.replace("_", " ") for r in rows], int(writes)
    whole = filed(whole_store)
    assert sorted(whole["drafts"]) == sorted(rows) and len(rows) == 3
    assert all(d["suggestions"] and d["state"] == "draft" for d in whole["drafts"].values())
    assert whole["records about no draft"] == [] and whole["journal"] == []
    # After a kill: no batch, the first batch, or both; each draft exactly as the uninterrupted run filed it.
    allowed = [{**whole, "drafts": {r: whole["drafts"][r] for r in rows[:n]}} for n in (0, BATCH, len(rows))]

    outcomes = set()
    for stop in range(1, writes + 1):
        store = tmp_path / f"killed-before-write-{stop}"
        shutil.copytree(before, store)
        killed = act_in_a_process(FILE_ROWS, store, stop, str(SHEET))
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        found = filed(store)
        assert found in allowed, f"killed before write {stop} of {writes}: not whole batches: {found}"
        outcomes.add(allowed.index(found))
    assert outcomes == {0, 1, 2}       # every outcome was reached: the kills fell before, between and after
