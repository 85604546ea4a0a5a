"""Saving a draft and a workflow transition survive kill -9 at any step: after the next open the draft, its
review-store copy, its record, its audit row and its notification are all there or, if the process died
before the curation database's commit, none of them (the merge's own test: test_merge_crash.py)."""

from __future__ import annotations

import shutil
import signal

import pytest
from pyoxigraph import NamedNode

from curation_support import PRACTICE, act_in_a_process, draft_triples, open_workbench
from gcmkg.curation import db, store_writes
from gcmkg.curation.workbench import Workbench
from gcmkg.graph.open import open_knowledge_graph
from gcmkg.names import RDF_TYPE

ENTRY = NamedNode(PRACTICE)
ACTS = {
    "a contributor saves a new version": """
alice = wb.accounts.get("alice.contributor@example.org")
number, triples = wb.draft(NamedNode(sys.argv[3]))
dies_before_write(wb, int(sys.argv[2]))
entry = NamedNode(sys.argv[3])
title = Triple(entry, NamedNode("http://purl.org/dc/terms/title"), Literal("Intérpretes comunitarios", language="es"))
wb.save_draft(alice, entry, [*triples, title], number)
print(writes(), flush=True)
""",
    "a contributor submits": """
dies_before_write(wb, int(sys.argv[2]))
wb.transition(wb.accounts.get("alice.contributor@example.org"), NamedNode(sys.argv[3]), "submit")
print(writes(), flush=True)
""",
    "a curator asks for changes": """
dies_before_write(wb, int(sys.argv[2]))
wb.transition(wb.accounts.get("carlos.curator@example.org"), NamedNode(sys.argv[3]), "request_changes",
              "Say where the clinics are.")
print(writes(), flush=True)
""",
}


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """The same practice saved once (a draft), and submitted (for the curator's request)."""
    made = {}
    for state in ("draft", "submitted"):
        store = tmp_path_factory.mktemp(f"act-crash-{state}") / "store"
        kg, engine = open_knowledge_graph(str(store)), db.open_database(str(store))
        kg.init()
        wb, people = open_workbench(kg, engine)
        wb.save_draft(people["alice_contributor"], ENTRY, draft_triples(), 0)
        if state == "submitted":
            wb.transition(people["alice_contributor"], ENTRY, "submit")
        kg.close()
        engine.dispose()
        made[state] = store
    return made


def repository(store) -> dict:
    """What the next open of the workbench finds about the entry (records by kind, without IRIs or times)."""
    wb = Workbench(open_knowledge_graph(str(store)), db.open_database(str(store)))
    try:
        history = wb.history(ENTRY)
        with wb.engine.connect() as conn:
            notes = [(r.kind, r.entry) for r in conn.execute(db.outbox.select().where(db.outbox.c.entry != ""))]
        return {"state": wb.state(ENTRY), "draft": (wb.draft(ENTRY)[0], sorted(map(str, wb.draft(ENTRY)[1]))),
                "review copy": sorted(str(q.triple) for q in wb.kg.review.quads(ENTRY)),
                "records": sorted(str(t.object) for t in history if t.predicate == RDF_TYPE),
                "audit": [(r["action"], r["target"]) for r in wb.accounts.audit_log()
                          if r["action"].startswith("entry.")],
                "outbox": notes, "journal": store_writes.pending(wb.engine)}
    finally:
        wb.kg.close()
        wb.engine.dispose()


@pytest.mark.parametrize("act", ACTS)
def test_a_curation_act_killed_at_any_step_is_whole_or_undone_after_the_next_open(act, stores, tmp_path):
    before = stores["submitted" if "changes" in act else "draft"]
    untouched = repository(before)
    whole_store = tmp_path / "whole"
    shutil.copytree(before, whole_store)
    done = act_in_a_process(ACTS[act], whole_store, 0, ENTRY.value)
    assert done.returncode == 0, done.stderr
    writes = int(done.stdout)
    whole = repository(whole_store)
    assert whole != untouched and whole["journal"] == []
    assert len(whole["records"]) > len(untouched["records"]) and len(whole["audit"]) >= len(untouched["audit"])
    if "changes" in act:     # the submitter is told
        assert whole["outbox"] == [*untouched["outbox"], ("changes_requested", ENTRY.value)]

    for stop in range(1, writes + 1):
        store = tmp_path / f"killed-before-write-{stop}"
        shutil.copytree(before, store)
        killed = act_in_a_process(ACTS[act], store, stop, ENTRY.value)
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        expected, name = (untouched, "untouched") if stop == 1 else (whole, "whole")
        assert repository(store) == expected, f"{act}, killed before write {stop} of {writes}: not {name}"
