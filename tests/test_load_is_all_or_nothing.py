"""A load that replaces entries, adds new ones and moves others between the public graph and the
review queue is all or nothing, even when the `gcmkg load` process is killed with SIGKILL half-way.

The kill is real: GCMKG_TEST_CRASH_AT makes the process send itself SIGKILL at a named point of
the load (graph/crash_points.py), leaving the on-disk stores exactly as a power cut would.
"""

from __future__ import annotations

import os
import shutil
import signal

import pytest

from conftest import gcmkg

PRACTICE = "https://w3id.org/gcmkg/id/practice/"
# Against a store holding tests/data/entries.ttl and the draft practice: a changed title (replaced),
# a new published practice, the draft approved (it leaves the queue), a new draft (queued).
MIXED = """@prefix gcm: <https://w3id.org/gcmkg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<{p}test-school-enrolment> a gcm:Practice ;
    dcterms:title "School enrolment for every child"@en ;
    dcterms:abstract "Schools enrol migrant children whatever their documents."@en ;
    gcm:primaryObjective <https://w3id.org/gcmkg/gcm/objective/15> ;
    gcm:practiceType <https://w3id.org/gcmkg/practice-type/policy-law-regulation> ;
    dcterms:spatial <https://w3id.org/gcmkg/country/ARG> ;
    schema:startDate "2004-01-21"^^xsd:date ;
    gcm:ongoing true ;
    gcm:implementingOrganisation <https://w3id.org/gcmkg/id/org/test-ministry> ;
    dcterms:source <https://example.org/practice/school-enrolment> ;
    dcterms:language "en"^^xsd:language ;
    gcm:reviewStatus <https://w3id.org/gcmkg/review-status/approved> ;
    gcm:reviewedBy <https://w3id.org/gcmkg/id/org/test-reviewers> ;
    gcm:reviewedOn "2026-11-24T00:00:00Z"^^xsd:dateTime .
""" + "".join("""
<{p}%s> a gcm:Practice ;
    dcterms:title "%s"@en ;
    dcterms:abstract "A practice loaded by the crash test."@en ;
    gcm:primaryObjective <https://w3id.org/gcmkg/gcm/objective/3> ;
    gcm:practiceType <https://w3id.org/gcmkg/practice-type/other> ;
    dcterms:spatial <https://w3id.org/gcmkg/country/FRA> ;
    gcm:implementingOrganisation <https://w3id.org/gcmkg/id/org/test-ministry> ;
    dcterms:source <https://example.org/%s> ;
    dcterms:language "en"^^xsd:language ;
    gcm:reviewStatus <https://w3id.org/gcmkg/review-status/%s> %s .
""" % (name, title, name, status, extra) for name, title, status, extra in (
    ("crash-new", "A new published practice", "approved",
     '; gcm:reviewedBy <https://w3id.org/gcmkg/id/org/test-reviewers> ; '
     'gcm:reviewedOn "2026-11-24T00:00:00Z"^^xsd:dateTime'),
    ("draft-secret", "Unpublished draft practice, now approved", "approved",
     '; gcm:reviewedBy <https://w3id.org/gcmkg/id/org/test-reviewers> ; '
     'gcm:reviewedOn "2026-11-24T00:00:00Z"^^xsd:dateTime'),
    ("crash-new-draft", "A new draft", "submitted", ""),
))
MIXED = MIXED.replace("{p}", PRACTICE)

CRASH_POINTS = ["after-journal", "after-replace", "during-bulk-write", "after-bulk-write", "before-commit"]


def contents(store_dir) -> dict[str, set[str]]:
    """Every quad of the public store and of the review queue, as N-Quads lines (the version token aside).

    Opening the store is what recovers an interrupted load, as any command or the server would.
    """
    from gcmkg.graph.open import open_knowledge_graph
    from gcmkg.names import VERSION_GRAPH
    kg = open_knowledge_graph(str(store_dir))
    try:
        return {name: {str(q) for q in store.quads() if q.graph_name != VERSION_GRAPH}
                for name, store in (("public", kg.public), ("review", kg.review))}
    finally:
        kg.close()


@pytest.fixture(scope="module")
def stores(tmp_path_factory, data_dir_module):
    """A store before the mixed load, its contents, and the contents after a load that ran to the end."""
    root = tmp_path_factory.mktemp("crash")
    before = root / "before"
    for args in (("init",), ("load", str(data_dir_module / "entries.ttl")),
                 ("load", str(data_dir_module / "draft_practice.ttl"))):
        result = gcmkg("--store", str(before), *args)
        assert result.returncode == 0, result.stderr
    mixed = root / "mixed.ttl"
    mixed.write_text(MIXED, encoding="utf-8")
    done = root / "done"
    shutil.copytree(before, done)
    result = gcmkg("--store", str(done), "load", str(mixed))
    assert result.returncode == 0, result.stderr
    assert "4 entries" in result.stdout and "1 queued for review" in result.stdout, result.stdout
    return before, mixed, contents(before), contents(done)


@pytest.fixture(scope="module")
def data_dir_module():
    from conftest import DATA
    return DATA


def killed_load(stores, tmp_path, point: str, **env: str):
    before, mixed, _, _ = stores
    store = tmp_path / "store"
    shutil.copytree(before, store)
    result = gcmkg("--store", str(store), "load", str(mixed),
                   env={**os.environ, "GCMKG_TEST_CRASH_AT": point, **env})
    assert result.returncode == -signal.SIGKILL, (point, result.returncode, result.stderr)
    return store


def test_the_mixed_load_really_changes_both_stores(stores):
    _, _, before, after = stores
    assert before["public"] != after["public"] and before["review"] != after["review"]
    changed_title = [q for q in after["public"] if "School enrolment for every child" in q]
    assert changed_title and not any("School enrolment for every child" in q for q in before["public"])


@pytest.mark.parametrize("point", CRASH_POINTS)
def test_a_load_killed_before_it_commits_leaves_the_store_exactly_as_before(stores, tmp_path, point):
    store = killed_load(stores, tmp_path, point)
    assert contents(store) == stores[2]
    # And the store works on: the same load, run again, gives what an uninterrupted load gives.
    result = gcmkg("--store", str(store), "load", str(stores[1]))
    assert result.returncode == 0, result.stderr
    assert contents(store) == stores[3]


def test_a_load_killed_after_it_commits_stands_whole(stores, tmp_path):
    store = killed_load(stores, tmp_path, "after-commit")
    assert contents(store) == stores[3]


@pytest.mark.parametrize("point", ["after-journal", "after-bulk-write", "before-commit"])
def test_a_streamed_load_killed_before_it_commits_leaves_the_store_exactly_as_before(stores, tmp_path, point):
    store = killed_load(stores, tmp_path, point, GCMKG_TEST_STREAM_ABOVE="0")   # staged and written in chunks
    assert contents(store) == stores[2]
