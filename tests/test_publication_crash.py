"""Publishing and unpublishing survive a kill -9 between the writes to the two stores."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest
from pyoxigraph import NamedNode

from curation_support import PRACTICE, draft_triples, open_workbench, review_and_approve
from gcmkg.curation import db, store_writes
from gcmkg.curation.versions import to_text
from gcmkg.curation.workbench import Workbench
from gcmkg.graph.open import open_knowledge_graph

ENTRY = NamedNode(PRACTICE)

# The child makes the transition and stops between the two stores' writes, where the parent kills it.
CHILD = """
import sys, time
from pyoxigraph import NamedNode
from gcmkg.curation import db
from gcmkg.curation.workbench import Workbench
from gcmkg.graph.open import open_knowledge_graph
store, transition = sys.argv[1], sys.argv[2]
wb = Workbench(open_knowledge_graph(store), db.open_database(store))
curator = wb.accounts.get("carlos.curator@example.org")

def stop_here():
    print("between the writes", flush=True)
    time.sleep(600)

wb.transition(curator, NamedNode(sys.argv[3]), transition, "Withdrawn by its ministry.", between_writes=stop_here)
"""


def places(store) -> tuple[bool, bool]:
    """(in the public store, in the review store), read without the workbench's recovery."""
    kg = open_knowledge_graph(str(store))
    try:
        return kg.public.contains_graph(ENTRY), kg.review.contains_graph(ENTRY)
    finally:
        kg.close()


def kill_between_writes(store, transition: str) -> None:
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(store), transition, PRACTICE],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline()
        assert line.strip() == "between the writes", child.stderr.read()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    assert child.returncode == -signal.SIGKILL


@pytest.fixture
def ready_to_publish(store_dir):
    kg, engine = open_knowledge_graph(str(store_dir)), db.open_database(str(store_dir))
    kg.init()
    wb, people = open_workbench(kg, engine)
    wb.save_draft(people["alice_contributor"], ENTRY, draft_triples(), 0)
    review_and_approve(wb, people, ENTRY)
    kg.close()
    engine.dispose()
    return store_dir


def reopen(store):
    return Workbench(open_knowledge_graph(str(store)), db.open_database(str(store)))


def test_publish_killed_between_the_two_writes_ends_published_after_the_next_open(ready_to_publish):
    store = ready_to_publish
    kill_between_writes(store, "publish")
    assert places(store) == (True, True), "killed after the public write, before the review store was cleared"
    wb = reopen(store)
    try:
        assert (wb.kg.public.contains_graph(ENTRY), wb.kg.review.contains_graph(ENTRY)) == (True, False)
        assert wb.state(ENTRY) == "approved" and store_writes.pending(wb.engine) == []
    finally:
        wb.kg.close()


def test_unpublish_killed_between_the_two_writes_ends_unpublished_after_the_next_open(ready_to_publish):
    store = ready_to_publish
    wb = reopen(store)
    wb.transition(wb.accounts.get("carlos.curator@example.org"), ENTRY, "publish")
    wb.kg.close()
    kill_between_writes(store, "unpublish")
    assert places(store) == (True, True), "killed after the review write, before the public copy was removed"
    wb = reopen(store)
    try:
        assert (wb.kg.public.contains_graph(ENTRY), wb.kg.review.contains_graph(ENTRY)) == (False, True)
        assert wb.state(ENTRY) == "unpublished" and wb.withdrawal_note(ENTRY) == "Withdrawn by its ministry."
        assert store_writes.pending(wb.engine) == []
    finally:
        wb.kg.close()


def test_a_move_that_a_stopped_0_2_0_left_in_its_journal_is_finished_by_the_next_open(ready_to_publish):
    # 0.2.0 journalled moves in the table `moves`; a process it left half-way is finished after the upgrade.
    store = ready_to_publish
    wb = reopen(store)
    public = wb._public_copy(ENTRY, wb.draft(ENTRY)[1], wb.accounts.get("carlos.curator@example.org"))
    with wb.engine.begin() as conn:
        conn.execute(db.submissions.update().where(db.submissions.c.entry == ENTRY.value).values(state="approved"))
        conn.execute(db.moves.insert().values(entry=ENTRY.value, direction="publish", ntriples=to_text(public),
                                              created_at=db.now()))
    wb.kg.close()
    assert places(store) == (False, True)
    wb = reopen(store)
    try:
        assert (wb.kg.public.contains_graph(ENTRY), wb.kg.review.contains_graph(ENTRY)) == (True, False)
        assert sorted(map(str, (q.triple for q in wb.kg.public.quads(ENTRY)))) == sorted(map(str, public))
        with wb.engine.connect() as conn:
            assert conn.execute(db.moves.select()).first() is None
        assert store_writes.pending(wb.engine) == []
    finally:
        wb.kg.close()
