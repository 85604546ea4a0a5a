"""Ingested documents become drafts in the review queue; their suggestions are PROV-O records a curator decides on."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode

from curation_support import open_workbench
from gcmkg.curation import db
from gcmkg.curation import provenance as pv
from gcmkg.curation.workbench import Conflict, NotAllowed
from gcmkg.ingest.drafts import confirmed_suggestions, decide, ingest_to_drafts, suggestions_for
from gcmkg.ingest.evidence import quoted_text
from gcmkg.ingest.input_guard import IngestError
from gcmkg.ingest.read import read_documents
from gcmkg.names import DCTERMS, GCM, PROV
from ingest_documents import DATA, make_pdf, blocks

COUNTRY = "https://w3id.org/gcmkg/country/"
SPATIAL = DCTERMS + "spatial"


@pytest.fixture
def desk(memory_kg, tmp_path):
    engine = db.connect(db.database_url(str(tmp_path / "store")))
    bench, people = open_workbench(memory_kg, engine)
    yield bench, people
    engine.dispose()


def objects(bench, entry, predicate):
    return {t.object.value for t in bench.draft(entry)[1] if t.predicate.value == predicate}


def test_each_document_and_each_row_becomes_a_draft_filed_by_the_contributor(desk, tmp_path):
    bench, people = desk
    alice = people["alice_contributor"]
    pdf = make_pdf(tmp_path / "rapport.pdf", [blocks("fr")])
    drafts = ingest_to_drafts(bench, alice, [DATA / "practice-en.md", pdf, DATA / "practices.csv"])
    assert [(d.source, d.locator) for d in drafts] == [
        ("practice-en.md", None), ("rapport.pdf", None), ("practices.csv", "line 2"), ("practices.csv", "line 3"),
        ("practices.csv", "line 4")]
    for draft in drafts:
        assert bench.state(draft.entry) == "draft" and draft.suggestions > 3
        assert objects(bench, draft.entry, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type") == {GCM + "Practice"}
        assert not objects(bench, draft.entry, SPATIAL), "values wait as suggestions until a curator takes them"
    first = drafts[0].entry
    assert first.value.startswith("https://w3id.org/gcmkg/id/practice/safe-labour-migration-corridor-between-nepal")
    assert objects(bench, first, DCTERMS + "language") == {"en"}


def test_the_run_and_each_suggestion_are_provenance_with_evidence_in_the_stored_text(desk):
    bench, people = desk
    alice = people["alice_contributor"]
    [draft] = ingest_to_drafts(bench, alice, [DATA / "practice-en.md"])
    history = bench.history(draft.entry)
    runs = {t.subject for t in history if t.object == pv.gcmc("IngestRun")}
    assert len(runs) == 1
    [run] = runs
    associated = {t.object.value for t in history if t.subject == run and t.predicate == pv.prov("wasAssociatedWith")}
    assert alice.iri in associated and any("/agent/ingest-pipeline/" in a for a in associated)
    assert any(t.subject.value == draft.entry.value + "/version/1" and t.predicate == pv.prov("wasGeneratedBy")
               and t.object == run for t in history)
    stored = suggestions_for(bench, draft.entry)
    assert len(stored) == draft.suggestions
    [document] = read_documents(DATA / "practice-en.md")
    assert stored[0].document_text == document.text
    for suggestion in stored:
        assert suggestion.run == run.value and suggestion.status == "pending" and 0 < suggestion.confidence <= 1
        for evidence in suggestion.evidence:
            at_position, exact = quoted_text(document, evidence["selector"])
            assert at_position == exact
    methods = {s.method for s in stored}
    assert {"gazetteer", "rule", "classifier"} <= methods
    nepal = next(s for s in stored if s.field == SPATIAL and s.value.value == COUNTRY + "NPL")
    assert nepal.evidence[0]["selector"][0]["exact"] == "Nepal"


def test_curator_accepts_a_suggestion_and_its_provenance_says_run_span_and_curator(desk):
    bench, people = desk
    alice, carlos = people["alice_contributor"], people["carlos_curator"]
    [draft] = ingest_to_drafts(bench, alice, [DATA / "practice-en.md"])
    nepal = next(s for s in suggestions_for(bench, draft.entry) if s.value.value == COUNTRY + "NPL")
    decided = decide(bench, carlos, draft.entry, nepal.iri, True)
    assert decided.status == "accepted" and decided.decided_by == carlos.iri
    assert objects(bench, draft.entry, SPATIAL) == {COUNTRY + "NPL"}
    history = bench.history(draft.entry)
    version = NamedNode(draft.entry.value + "/version/2")
    derived = {t.object.value for t in history if t.subject == version and t.predicate.value == PROV + "wasDerivedFrom"}
    assert derived == {nepal.iri}
    [public] = confirmed_suggestions(bench, draft.entry)
    assert public == {"field": SPATIAL, "value": COUNTRY + "NPL", "method": "gazetteer", "suggested_from": "Nepal",
                      "confirmed": "accepted"}
    assert carlos.iri not in str(public)
    with pytest.raises(Conflict, match="accepted already"):
        decide(bench, carlos, draft.entry, nepal.iri, False)


def test_a_rejected_suggestion_is_kept_as_rejected_and_the_draft_is_unchanged(desk):
    bench, people = desk
    alice = people["alice_contributor"]
    [draft] = ingest_to_drafts(bench, alice, [DATA / "practice-en.md"])
    title = next(s for s in suggestions_for(bench, draft.entry) if s.field == DCTERMS + "title")
    before = bench.draft(draft.entry)
    decided = decide(bench, alice, draft.entry, title.iri, False)
    assert decided.status == "rejected" and decided.final_value is None
    assert bench.draft(draft.entry) == before
    assert [s.status for s in suggestions_for(bench, draft.entry) if s.iri == title.iri] == ["rejected"]


def test_an_edited_title_replaces_the_accepted_one_and_is_recorded_as_edited(desk):
    bench, people = desk
    alice = people["alice_contributor"]
    [draft] = ingest_to_drafts(bench, alice, [DATA / "practice-en.md"])
    stored = suggestions_for(bench, draft.entry)
    title, summary = (next(s for s in stored if s.field == DCTERMS + name) for name in ("title", "abstract"))
    decide(bench, alice, draft.entry, summary.iri, True)
    wording = Literal("Safe labour migration corridor, Nepal to Malaysia", language="en")
    changed = decide(bench, alice, draft.entry, title.iri, True, value=wording)
    assert changed.status == "edited" and changed.final_value == wording
    assert objects(bench, draft.entry, DCTERMS + "title") == {wording.value}
    assert objects(bench, draft.entry, DCTERMS + "abstract") == {summary.value.value}
    assert [c["confirmed"] for c in confirmed_suggestions(bench, draft.entry)
            if c["field"] == DCTERMS + "title"] == ["edited"]


def test_an_organisation_without_a_role_needs_the_curator_to_choose_one(desk):
    bench, people = desk
    alice = people["alice_contributor"]
    [draft] = ingest_to_drafts(bench, alice, [DATA / "practice-en.md"])
    stored = suggestions_for(bench, draft.entry)
    iom = next(s for s in stored if s.value.value.endswith("/org/iom"))
    decided = decide(bench, alice, draft.entry, iom.iri, True, field=GCM + "partnerOrganisation")
    assert decided.final_field == GCM + "partnerOrganisation"
    assert "https://w3id.org/gcmkg/id/org/iom" in objects(bench, draft.entry, GCM + "partnerOrganisation")


def test_someone_else_cannot_decide_on_a_contributors_draft(desk):
    bench, people = desk
    alice, una = people["alice_contributor"], people["una_reviewer"]
    [draft] = ingest_to_drafts(bench, alice, [DATA / "practice-en.md"])
    first = suggestions_for(bench, draft.entry)[0]
    with pytest.raises(NotAllowed):
        decide(bench, una, draft.entry, first.iri, True)


def test_an_unreadable_file_files_no_draft_at_all(desk, tmp_path):
    bench, people = desk
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(IngestError):
        ingest_to_drafts(bench, people["alice_contributor"], [DATA / "practice-en.md", bad])
    assert not [g for g in bench.kg.review.named_graphs() if "/id/practice/" in g]
