"""A merge survives kill -9 at any step: after the next open the repository is either fully merged or, if
the process died before the curation database's commit, untouched; never half-merged.

The kill is real and comes from inside the merging process: it counts the durable writes of the merge
(each commit of the curation database, each update of either quad store) and sends itself SIGKILL just
before the Nth, for every N the uninterrupted merge reaches; so the test does not depend on how the
merge orders its writes, only on what the repository holds afterwards.
"""

from __future__ import annotations

import shutil
import signal
import subprocess

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from curation_support import (PRACTICE, TEST_MINISTRY, act_in_a_process, draft_triples, open_workbench,
                              review_and_approve)
from gcmkg.curation import db, merge, store_writes
from gcmkg.curation.demo import sample_practice
from gcmkg.curation.workbench import Workbench
from gcmkg.graph import merges
from gcmkg.graph.open import open_knowledge_graph
from gcmkg.names import GCM, RDF_TYPE

INTO = NamedNode(PRACTICE)                                                        # published through the workbench
MERGED = NamedNode("https://w3id.org/gcmkg/id/practice/test-interpreters-again")  # its duplicate, submitted
LINKING = NamedNode("https://w3id.org/gcmkg/id/norm/test-interpreters-act")      # a draft norm enabling the duplicate
ENABLES = NamedNode(GCM + "enablesPractice")
TITLE = NamedNode("http://purl.org/dc/terms/title")

# The child merges as a curator, killed just before its Nth durable write (0: never), and says how many.
MERGE = """
from gcmkg.curation import merge
into, merged = NamedNode(sys.argv[3]), NamedNode(sys.argv[4])
seen = merge.preview(wb, into, merged)
dies_before_write(wb, int(sys.argv[2]))
merge.merge(wb, wb.accounts.get("carlos.curator@example.org"), into, merged, seen.etag)
print(writes(), flush=True)
"""


@pytest.fixture(scope="module")
def before_the_merge(tmp_path_factory):
    """A store where a curator is about to merge a submitted duplicate into a published practice that a
    draft norm's duplicate-link will have to follow."""
    store = tmp_path_factory.mktemp("merge-crash") / "store"
    kg, engine = open_knowledge_graph(str(store)), db.open_database(str(store))
    kg.init()
    wb, people = open_workbench(kg, engine)
    wb.save_draft(people["alice_contributor"], INTO, draft_triples(), 0)
    review_and_approve(wb, people, INTO)
    wb.transition(people["carlos_curator"], INTO, "publish")
    duplicate = [*sample_practice(MERGED.value, TEST_MINISTRY),
                 Triple(MERGED, TITLE, Literal("Intérpretes comunitarios en clínicas", language="es"))]
    wb.save_draft(people["alice_contributor"], MERGED, duplicate, 0)
    wb.transition(people["alice_contributor"], MERGED, "submit")
    wb.save_draft(people["alice_contributor"], LINKING, [
        Triple(LINKING, RDF_TYPE, NamedNode(GCM + "NationalNorm")),
        Triple(LINKING, TITLE, Literal("Community interpreters act", language="en")),
        Triple(LINKING, ENABLES, MERGED)], 0)
    kg.close()
    engine.dispose()
    return store


def merge_in_a_process(store, stop: int) -> subprocess.CompletedProcess:
    return act_in_a_process(MERGE, store, stop, INTO.value, MERGED.value)


def repository(store) -> dict:
    """What the next open of the workbench finds: both stores and the curation database, as far as the
    merge touches them (records without their random IRIs and times)."""
    wb = Workbench(open_knowledge_graph(str(store)), db.open_database(str(store)))
    try:
        def graph(quads, entry):
            return sorted(str(q.triple) for q in quads.quads(entry))
        entries = (INTO, MERGED, LINKING)
        return {
            "public": {e.value: graph(wb.kg.public, e) for e in entries},
            "review": {e.value: graph(wb.kg.review, e) for e in entries},
            "states": {e.value: wb.state(e) for e in entries},
            "drafts": {e.value: (wb.draft(e)[0], sorted(map(str, wb.draft(e)[1]))) for e in entries},
            "merges": {e.value: [{k: v for k, v in m.items() if k != "at"} for m in merge.merges_of(wb, e)]
                       for e in entries},
            "versions recorded": sorted(str(t.subject) for t in wb.history(LINKING)
                                        if t.predicate == RDF_TYPE and t.object.value.endswith("#Entity")),
            "audit": [(r["action"], r["target"]) for r in wb.accounts.audit_log()
                      if r["action"].startswith("entry.merge")],
            "journal": store_writes.pending(wb.engine),
            "redirect": merges.replacement(wb.kg.public, MERGED),
        }
    finally:
        wb.kg.close()
        wb.engine.dispose()


def test_a_merge_killed_before_any_of_its_writes_is_undone_and_after_its_first_is_finished(before_the_merge, tmp_path):
    untouched = repository(before_the_merge)
    whole_store = tmp_path / "whole"
    shutil.copytree(before_the_merge, whole_store)
    done = merge_in_a_process(whole_store, 0)
    assert done.returncode == 0, done.stderr
    writes = int(done.stdout)
    whole = repository(whole_store)
    # The uninterrupted merge is the one the curator asked for.
    assert whole["redirect"] == INTO and whole["states"][MERGED.value] == "merged"
    assert whole["review"][MERGED.value] == [] and whole["journal"] == []
    assert any("Intérpretes comunitarios" in t for t in whole["public"][INTO.value])
    assert f"{ENABLES} {INTO}" in " ".join(whole["review"][LINKING.value])
    assert f"{ENABLES} {INTO}" in " ".join(whole["drafts"][LINKING.value][1])
    assert whole["drafts"][LINKING.value][0] == untouched["drafts"][LINKING.value][0] + 1
    assert whole["drafts"][INTO.value][0] == untouched["drafts"][INTO.value][0] + 1   # kept in step with public
    assert f"<{LINKING.value}/version/2>" in whole["versions recorded"]
    assert whole["merges"][MERGED.value][0]["merged_into"] == INTO.value
    assert whole["merges"][LINKING.value][0]["now_links_to"] == INTO.value
    assert [a for a, _ in whole["audit"]] == ["entry.merged_into", "entry.merge"]
    assert untouched["redirect"] is None and untouched["audit"] == []

    for stop in range(1, writes + 1):
        store = tmp_path / f"killed-before-write-{stop}"
        shutil.copytree(before_the_merge, store)
        killed = merge_in_a_process(store, stop)
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        found = repository(store)
        # Before its first durable write the merge has done nothing; the first is the database's commit
        # with the journal, so from the second on the next open finishes it.
        expected, name = (untouched, "untouched") if stop == 1 else (whole, "fully merged")
        assert found == expected, f"killed before write {stop} of {writes}: not {name}"
