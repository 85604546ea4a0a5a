"""`gcmkg ingest`: a curator previews the suggestions for several documents from the command line."""

from __future__ import annotations

import json

from conftest import gcmkg
from ingest_documents import DATA, blocks, make_pdf


def test_curator_previews_suggestions_for_several_files_as_json(tmp_path):
    pdf = make_pdf(tmp_path / "rapport.pdf", [blocks("fr")])
    result = gcmkg("ingest", str(DATA / "practice-en.md"), str(DATA / "practica-es.html"), str(pdf),
                   str(DATA / "practices.csv"), "--dry-run")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["run"]["pipeline"]["name"] == "gcmkg-ingest-rules" and report["run"]["type"] == "practice"
    sources = [d["document"]["source"] for d in report["documents"]]
    assert sources == ["practice-en.md", "practica-es.html", "rapport.pdf"] + ["practices.csv"] * 3
    assert [d["document"]["language"] for d in report["documents"]] == ["en", "es", "fr", "en", "es", "fr"]
    assert report["documents"][2]["document"]["pages"] == 1
    for entry in report["documents"]:
        fields = {s["field"] for s in entry["suggestions"]}
        assert {"dcterms:title", "dcterms:spatial"} <= fields, entry["document"]["source"]
        for suggestion in entry["suggestions"]:
            assert suggestion["method"] in ("gazetteer", "rule", "classifier") and 0 < suggestion["confidence"] <= 1
    assert "4/4" in result.stderr, "a progress bar for several files"


def test_without_dry_run_the_command_says_drafts_come_with_the_desk_and_fails(tmp_path):
    result = gcmkg("ingest", str(DATA / "practice-en.md"))
    assert result.returncode != 0 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "gcmkg: error: writing drafts to the review queue comes with the curators' desk (not built yet);"
        " use --dry-run to print the suggestions"]


def test_norm_type_and_forced_language(tmp_path):
    result = gcmkg("ingest", str(DATA / "ley-es.md"), "--type", "norm", "--lang", "es", "--dry-run")
    assert result.returncode == 0, result.stderr
    [entry] = json.loads(result.stdout)["documents"]
    assert entry["document"]["languages"] == {"es": 2}
    assert "eli:jurisdiction" in {s["field"] for s in entry["suggestions"]}


def test_linking_to_stored_organisations_needs_an_initialised_store(tmp_path):
    result = gcmkg("--store", str(tmp_path / "empty"), "ingest", str(DATA / "practice-en.md"),
                   "--organisations-from-store", "--dry-run")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip() == "gcmkg: error: the store has no ontology yet; run `gcmkg init` first"
