"""The review workflow, as a contributor, a curator and reviewers live it (real Oxigraph stores, real database)."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from curation_support import (PRACTICE, database_url, draft_triples, engine, sample_review,  # noqa: F401
                              open_workbench, postgres_url, review_and_approve)
from gcmkg.curation import outbox, workflow
from gcmkg.curation.provenance import GCMC
from gcmkg.curation.sessions import Sessions
from gcmkg.curation.reviews import Assessment, Review, ReviewInvalid
from gcmkg.curation.workbench import NotAllowed
from gcmkg.curation.workflow import Refused
from gcmkg.names import DCTERMS, REVIEW_STATUS

ENTRY = NamedNode(PRACTICE)
TITLE = NamedNode(DCTERMS + "title")


@pytest.fixture
def bench(memory_kg, engine):
    return open_workbench(memory_kg, engine)


def titles(store, entry=ENTRY):
    return {q.object.value for q in store.quads(entry) if q.predicate == TITLE}


def test_contributor_submits_reviewers_approve_and_the_curator_publishes(bench, memory_kg, engine):
    wb, people = bench
    alice, carlos = people["alice_contributor"], people["carlos_curator"]
    assert wb.save_draft(alice, ENTRY, draft_triples(), based_on=0) == 1
    assert wb.state(ENTRY) == "draft" and memory_kg.review.contains_graph(ENTRY)
    assert set(wb.actions(alice, ENTRY)) == {"submit", "withdraw"}
    wb.transition(alice, ENTRY, "submit")
    # One external reviewer declares a conflict and is replaced by another.
    wb.assign(carlos, ENTRY, people["ext_three"])
    assert wb.state(ENTRY) == "in_review"
    wb.declare_conflict(people["ext_three"], ENTRY, True)
    with pytest.raises(NotAllowed, match="declare any conflict"):
        wb.open_for_review(people["ext_three"], ENTRY)
    for name in ("una_reviewer", "ext_one", "ext_two"):
        wb.assign(carlos, ENTRY, people[name])
        wb.declare_conflict(people[name], ENTRY, False)
        assert titles_of(wb.open_for_review(people[name], ENTRY)) == {"Community interpreters in clinics"}
        wb.review(people[name], ENTRY, sample_review("approveWithChanges" if name == "ext_two" else "approve"))
    assert wb.transition(carlos, ENTRY, "publish") == "approved"
    assert memory_kg.public.contains_graph(ENTRY) and not memory_kg.review.contains_graph(ENTRY)
    status = {q.object for q in memory_kg.public.quads(ENTRY) if q.predicate == REVIEW_STATUS}
    assert status == {NamedNode("https://w3id.org/gcmkg/review-status/approved")}
    kinds = {m["kind"] for m in outbox.inbox(engine, alice.id)}
    assert kinds == {"approved"}
    summary = wb.published_review(ENTRY)   # what the public page may say: how many, never who
    assert (summary.reviewers, summary.un, summary.external) == (3, 1, 2)
    assert [m["kind"] for m in outbox.inbox(engine, people["ext_one"].id)] == ["assigned"]


def titles_of(triples):
    return {t.object.value for t in triples if t.predicate == TITLE}


def test_every_step_is_recorded_as_prov_with_agent_iris(bench):
    wb, people = bench
    wb.save_draft(people["alice_contributor"], ENTRY, draft_triples(), 0)
    review_and_approve(wb, people, ENTRY)
    wb.transition(people["carlos_curator"], ENTRY, "publish")
    record = wb.history(ENTRY)
    kinds = {t.object.value.split("#")[-1] for t in record
             if t.predicate.value.endswith("rdf-syntax-ns#type") and t.object.value.startswith(GCMC)}
    assert kinds == {"StateChange", "Assignment", "ConflictDeclaration", "Review"}
    transitions = {t.object.value.split("#")[-1] for t in record if t.predicate.value == GCMC + "transition"}
    assert transitions == {"submit", "start_review", "publish"}
    agents = {t.object.value for t in record if t.predicate.value.startswith("http://www.w3.org/ns/prov#was")
              and isinstance(t.object, NamedNode) and "agent/" in t.object.value}
    assert agents == {people[n].iri for n in ("alice_contributor", "carlos_curator", "una_reviewer",
                                              "ext_one", "ext_two")}


def test_publication_without_one_un_and_two_external_approvals_is_refused(bench, memory_kg):
    wb, people = bench
    carlos = people["carlos_curator"]
    wb.save_draft(people["alice_contributor"], ENTRY, draft_triples(), 0)
    wb.transition(people["alice_contributor"], ENTRY, "submit")
    for name, verdict in (("una_reviewer", "approve"), ("ext_one", "approve"), ("ext_two", "reject")):
        wb.assign(carlos, ENTRY, people[name])
        wb.declare_conflict(people[name], ENTRY, False)
        wb.review(people[name], ENTRY, sample_review(verdict))
    with pytest.raises(Refused, match="two external reviewers who approve") as refused:
        wb.transition(carlos, ENTRY, "publish")
    assert refused.value.code == "condition"
    assert not memory_kg.public.contains_graph(ENTRY) and wb.state(ENTRY) == "in_review"
    # The reviewers disagree: the curator adds a reviewer, who approves.
    wb.assign(carlos, ENTRY, people["ext_three"])
    wb.declare_conflict(people["ext_three"], ENTRY, False)
    wb.review(people["ext_three"], ENTRY, sample_review())
    assert wb.transition(carlos, ENTRY, "publish") == "approved"


def test_a_reviewer_who_reviews_twice_counts_once(bench):
    wb, people = bench
    carlos = people["carlos_curator"]
    wb.save_draft(people["alice_contributor"], ENTRY, draft_triples(), 0)
    wb.transition(people["alice_contributor"], ENTRY, "submit")
    for name in ("una_reviewer", "ext_one"):
        wb.assign(carlos, ENTRY, people[name])
        wb.declare_conflict(people[name], ENTRY, False)
    wb.review(people["una_reviewer"], ENTRY, sample_review())
    wb.review(people["ext_one"], ENTRY, sample_review("approveWithChanges"))
    wb.review(people["ext_one"], ENTRY, sample_review())   # a revised review replaces the first
    with pytest.raises(Refused, match="two external reviewers"):
        wb.transition(carlos, ENTRY, "publish")


def test_a_conflict_declared_after_reviewing_takes_the_review_out_of_the_count(bench):
    wb, people = bench
    wb.save_draft(people["alice_contributor"], ENTRY, draft_triples(), 0)
    review_and_approve(wb, people, ENTRY)
    wb.declare_conflict(people["ext_two"], ENTRY, True)
    with pytest.raises(Refused, match="conflict of interest"):
        wb.transition(people["carlos_curator"], ENTRY, "publish")


def test_nobody_reviews_or_publishes_their_own_submission(bench):
    wb, people = bench
    carlos = people["carlos_curator"]
    wb.accounts.set_roles("carlos.curator@example.org", add=["contributor"])
    wb.save_draft(carlos, ENTRY, draft_triples(), 0)
    wb.transition(carlos, ENTRY, "submit")
    with pytest.raises(NotAllowed, match="other than the submitter"):
        wb.assign(carlos, ENTRY, people["una_reviewer"])
    with pytest.raises(Refused, match="own submission"):
        wb.transition(carlos, ENTRY, "reject")


def test_a_contributor_cannot_approve_or_publish(bench, memory_kg):
    wb, people = bench
    alice = people["alice_contributor"]
    wb.save_draft(alice, ENTRY, draft_triples(), 0)
    review_and_approve(wb, people, ENTRY)
    with pytest.raises(Refused, match="roles do not allow") as refused:
        wb.transition(alice, ENTRY, "publish")
    assert "no lo permiten" in refused.value.message("es")
    carlos = people["carlos_curator"]
    wb.accounts.set_roles(carlos.email, add=["contributor"])
    token = Sessions(wb.accounts).issue_token(wb.accounts.get(carlos.email), "contributor", "import script")
    with pytest.raises(Refused, match="roles do not allow"):   # the curator's token acts as a contributor only
        wb.transition(Sessions(wb.accounts).token_use(token).acting(), ENTRY, "publish")
    assert not memory_kg.public.contains_graph(ENTRY)


def test_a_reviewer_sees_only_what_is_assigned_to_them(bench):
    wb, people = bench
    wb.save_draft(people["alice_contributor"], ENTRY, draft_triples(), 0)
    wb.transition(people["alice_contributor"], ENTRY, "submit")
    with pytest.raises(NotAllowed, match="not assigned to you"):
        wb.open_for_review(people["una_reviewer"], ENTRY)
    wb.assign(people["carlos_curator"], ENTRY, people["una_reviewer"])
    with pytest.raises(NotAllowed, match="before you open"):
        wb.open_for_review(people["una_reviewer"], ENTRY)


def test_a_review_missing_criteria_is_refused_by_the_shapes(bench):
    wb, people = bench
    wb.save_draft(people["alice_contributor"], ENTRY, draft_triples(), 0)
    wb.transition(people["alice_contributor"], ENTRY, "submit")
    wb.assign(people["carlos_curator"], ENTRY, people["una_reviewer"])
    wb.declare_conflict(people["una_reviewer"], ENTRY, False)
    partial = Review("approve", (Assessment("implemented", True, "It runs since 2020."),
                                 Assessment("timely", True, "")))
    with pytest.raises(ReviewInvalid) as invalid:
        wb.review(people["una_reviewer"], ENTRY, partial)
    assert "Assess the criterion 'innovative' once." in invalid.value.messages
    assert "Justify each criterion in a few words." in invalid.value.messages


def test_a_draft_cannot_approve_itself(bench, memory_kg):
    wb, people = bench
    approved = NamedNode("https://w3id.org/gcmkg/review-status/approved")
    sneaky = [*draft_triples(), Triple(ENTRY, REVIEW_STATUS, approved)]
    wb.save_draft(people["alice_contributor"], ENTRY, sneaky, 0)
    assert not memory_kg.public.contains_graph(ENTRY)
    status = {q.object.value for q in memory_kg.review.quads(ENTRY) if q.predicate == REVIEW_STATUS}
    assert status == {"https://w3id.org/gcmkg/review-status/submitted"}


def test_an_invalid_draft_is_saved_but_cannot_be_submitted(bench):
    wb, people = bench
    untitled = [t for t in draft_triples() if t.predicate != TITLE]
    wb.save_draft(people["alice_contributor"], ENTRY, untitled, 0)
    with pytest.raises(Refused, match="title") as refused:
        wb.transition(people["alice_contributor"], ENTRY, "submit")
    assert wb.state(ENTRY) == "draft" and refused.value.code == "condition"


def test_unpublishing_leaves_a_public_note_and_takes_the_entry_out_of_the_public_store(bench, memory_kg):
    wb, people = bench
    carlos = people["carlos_curator"]
    wb.save_draft(people["alice_contributor"], ENTRY, draft_triples(), 0)
    review_and_approve(wb, people, ENTRY)
    wb.transition(carlos, ENTRY, "publish")
    with pytest.raises(Refused, match="public note"):
        wb.transition(carlos, ENTRY, "unpublish")
    wb.transition(carlos, ENTRY, "unpublish", "Withdrawn at the request of the implementing ministry.")
    assert not memory_kg.public.contains_graph(ENTRY) and memory_kg.review.contains_graph(ENTRY)
    assert wb.withdrawal_note(ENTRY) == "Withdrawn at the request of the implementing ministry."


def test_a_published_entry_stays_public_while_its_update_is_reviewed(bench, memory_kg):
    wb, people = bench
    alice, carlos = people["alice_contributor"], people["carlos_curator"]
    wb.save_draft(alice, ENTRY, draft_triples(), 0)
    review_and_approve(wb, people, ENTRY)
    wb.transition(carlos, ENTRY, "publish")
    wb.transition(carlos, ENTRY, "request_update", "Please add the 2025 results.")
    version, triples = wb.draft(ENTRY)
    renamed = [Triple(t.subject, t.predicate, Literal("Community interpreters in public clinics", language="en"))
               if t.predicate == TITLE else t for t in triples]
    wb.save_draft(alice, ENTRY, renamed, version)
    assert titles(memory_kg.public) == {"Community interpreters in clinics"}
    assert titles(memory_kg.review) == {"Community interpreters in public clinics"}
    wb.transition(alice, ENTRY, "submit")
    wb.assign(carlos, ENTRY, people["una_reviewer"])
    with pytest.raises(Refused, match="UN reviewer"):   # the new version needs its own round of reviews
        wb.transition(carlos, ENTRY, "publish")
    for name in ("una_reviewer", "ext_one", "ext_two"):
        wb.assign(carlos, ENTRY, people[name])
        wb.declare_conflict(people[name], ENTRY, False)
        wb.review(people[name], ENTRY, sample_review())
    wb.transition(carlos, ENTRY, "publish")
    assert titles(memory_kg.public) == {"Community interpreters in public clinics"}
    assert not memory_kg.review.contains_graph(ENTRY)
    assert "changes_requested" in {m["kind"] for m in outbox.inbox(wb.engine, alice.id)}


def test_every_transition_is_declared_once_with_known_states():
    for transition in workflow.TRANSITIONS.values():
        assert transition.sources <= set(workflow.STATES) and transition.target in workflow.STATES
        assert transition.by, transition.name
    for name in ("publish", "reject", "request_changes", "start_review"):
        assert workflow.TRANSITIONS[name].not_submitter, name
    for state in workflow.STATES.values():
        assert set(state) == {"en", "es", "fr"}
