"""The documents `make run` files as drafts: each becomes a draft whose suggestions say what it is about."""

from __future__ import annotations

from pathlib import Path

import pytest

from curation_support import open_workbench
from gcmkg.curation import db
from gcmkg.ingest.drafts import ingest_to_drafts, suggestions_for

DOCUMENTS = Path(__file__).parents[1] / "gcmkg" / "demo" / "documents"
OBJECTIVE = "https://w3id.org/gcmkg/gcm/objective/"
GCM = "https://w3id.org/gcmkg/ontology#"


@pytest.fixture
def desk(memory_kg, tmp_path):
    engine = db.connect(db.database_url(str(tmp_path / "store")))
    bench, people = open_workbench(memory_kg, engine)
    yield bench, people["alice_contributor"]
    engine.dispose()


@pytest.mark.parametrize("name, kind, field, objective", [
    ("remittance-pilot-report.md", "practice", "primaryObjective", "20"),
    ("programa-retorno.html", "practice", "primaryObjective", "21"),
    ("decret-titre-de-sejour.md", "norm", "addressesObjective", "5"),
])
def test_newcomer_sees_a_demo_document_as_a_draft_with_its_objective_suggested(desk, name, kind, field, objective):
    bench, alice = desk
    [draft] = ingest_to_drafts(bench, alice, [DOCUMENTS / name], kind=kind)
    stored = suggestions_for(bench, draft.entry)
    best = max((s for s in stored if s.field == GCM + field), key=lambda s: s.confidence)
    assert best.value.value == OBJECTIVE + objective and best.method == "classifier"
    assert any(s.field == "http://purl.org/dc/terms/title" for s in stored)
    for suggestion in stored:
        for evidence in suggestion.evidence:
            position = evidence["selector"][1]
            assert suggestion.document_text[position["start"]:position["end"]] == evidence["selector"][0]["exact"]


def test_makefile_files_every_demo_document():
    makefile = (Path(__file__).parents[1] / "Makefile").read_text(encoding="utf-8")
    documents = sorted(p.name for p in DOCUMENTS.iterdir() if p.name != "README.md")
    assert all(f"$(DOCS)/{name}" in makefile for name in documents)
