"""Saving a draft, a workflow transition, assigning a submitted entry's first reviewer and a decision on the
ingest assistant's suggestion survive kill -9 at any step: after the next open the draft, its review-store
copy, its records, its assignments, its audit rows and its notifications are all there or, if the process
died before the curation database's commit, none of them (the merge's own test: test_merge_crash.py)."""

from __future__ import annotations

import shutil
import signal

import pytest
from pyoxigraph import NamedNode

from ingest_documents import DATA
from curation_support import PRACTICE, act_in_a_process, draft_triples, open_workbench
from gcmkg.curation import db, store_writes
from gcmkg.curation.workbench import Workbench
from gcmkg.graph.open import open_knowledge_graph
from gcmkg.ingest.drafts import ingest_to_drafts, suggestions_for
from gcmkg.names import RDF_TYPE

# Each act: the store it starts from, and what the child does (the entry is sys.argv[3]).
ACTS = {
    "a contributor saves a new version": "draft", "a contributor submits": "draft",
    "a curator asks for changes": "submitted", "a curator assigns the first reviewer": "submitted",
    "a curator accepts a suggestion": "ingested",
}
CODE = {
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
    "a curator assigns the first reviewer": """
dies_before_write(wb, int(sys.argv[2]))
wb.assign(wb.accounts.get("carlos.curator@example.org"), NamedNode(sys.argv[3]), wb.accounts.get("una.reviewer@un.example"))
print(writes(), flush=True)
""",
    "a curator accepts a suggestion": """
from gcmkg.ingest.drafts import decide, suggestions_for
entry = NamedNode(sys.argv[3])
nepal = next(s for s in suggestions_for(wb, entry) if s.value.value.endswith("/country/NPL"))
dies_before_write(wb, int(sys.argv[2]))
decide(wb, wb.accounts.get("carlos.curator@example.org"), entry, nepal.iri, True)
print(writes(), flush=True)
""",
}


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """The same practice saved once (a draft), and submitted (for the curator's request); a draft the ingest
    assistant filed with its suggestions. Each: (store, entry)."""
    made = {}
    for state in ("draft", "submitted", "ingested"):
        store = tmp_path_factory.mktemp(f"act-crash-{state}") / "store"
        kg, engine = open_knowledge_graph(str(store)), db.open_database(str(store))
        kg.init()
        wb, people = open_workbench(kg, engine)
        entry = NamedNode(PRACTICE)
        if state == "ingested":
            [draft] = ingest_to_drafts(wb, people["alice_contributor"], [DATA / "practice-en.md"])
            entry = draft.entry
        else:
            wb.save_draft(people["alice_contributor"], entry, draft_triples(), 0)
        if state == "submitted":
            wb.transition(people["alice_contributor"], entry, "submit")
        kg.close()
        engine.dispose()
        made[state] = store, entry
    return made


def repository(store, entry: NamedNode) -> dict:
    """What the next open of the workbench finds about the entry (records by kind, without IRIs or times)."""
    wb = Workbench(open_knowledge_graph(str(store)), db.open_database(str(store)))
    try:
        history = wb.history(entry)
        with wb.engine.connect() as conn:
            notes = [(r.kind, r.entry) for r in conn.execute(db.outbox.select().where(db.outbox.c.entry != ""))]
            assigned = [r.reviewer_id for r in conn.execute(db.assignments.select()
                                                            .where(db.assignments.c.entry == entry.value))]
        return {"state": wb.state(entry), "draft": (wb.draft(entry)[0], sorted(map(str, wb.draft(entry)[1]))),
                "review copy": sorted(str(q.triple) for q in wb.kg.review.quads(entry)),
                "records": sorted(str(t.object) for t in history if t.predicate == RDF_TYPE),
                "suggestions": sorted((s.iri, s.status) for s in suggestions_for(wb, entry)),
                "audit": [(r["action"], r["target"]) for r in wb.accounts.audit_log()
                          if r["action"].startswith("entry.")],
                "assignments": assigned, "outbox": notes, "journal": store_writes.pending(wb.engine)}
    finally:
        wb.kg.close()
        wb.engine.dispose()


@pytest.mark.parametrize("act", ACTS)
def test_a_curation_act_killed_at_any_step_is_whole_or_undone_after_the_next_open(act, stores, tmp_path):
    before, entry = stores[ACTS[act]]
    untouched = repository(before, entry)
    whole_store = tmp_path / "whole"
    shutil.copytree(before, whole_store)
    done = act_in_a_process(CODE[act], whole_store, 0, entry.value)
    assert done.returncode == 0, done.stderr
    writes = int(done.stdout)
    whole = repository(whole_store, entry)
    assert whole != untouched and whole["journal"] == []
    assert len(whole["records"]) > len(untouched["records"]) and len(whole["audit"]) >= len(untouched["audit"])
    if "changes" in act:     # the submitter is told
        assert whole["outbox"] == [*untouched["outbox"], ("changes_requested", entry.value)]
    if "reviewer" in act:    # in review with its reviewer, who is told; the log says who did both
        assert whole["state"] == "in_review" and len(whole["assignments"]) == 1
        assert whole["outbox"] == [*untouched["outbox"], ("assigned", entry.value)]
        assert whole["audit"][:2] == [("entry.assign", entry.value), ("entry.start_review", entry.value)]
    if "suggestion" in act:  # the value is in the draft, and the suggestion says it was accepted
        assert whole["draft"][0] == untouched["draft"][0] + 1
        assert [s for s in whole["suggestions"] if s not in untouched["suggestions"]][0][1] == "accepted"

    for stop in range(1, writes + 1):
        store = tmp_path / f"killed-before-write-{stop}"
        shutil.copytree(before, store)
        killed = act_in_a_process(CODE[act], store, stop, entry.value)
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        expected, name = (untouched, "untouched") if stop == 1 else (whole, "whole")
        assert repository(store, entry) == expected, f"{act}, killed before write {stop} of {writes}: not {name}"
