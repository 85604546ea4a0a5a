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


def test_without_dry_run_the_command_asks_whose_drafts_these_are(tmp_path):
    result = gcmkg("ingest", str(DATA / "practice-en.md"))
    assert result.returncode != 0 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "gcmkg: error: say whose drafts these are: --as EMAIL (a contributor or curator account),"
        " or --dry-run to print the suggestions"]


def test_contributor_files_drafts_into_the_review_queue_with_a_progress_bar(store_dir):
    from gcmkg.curation import db
    from gcmkg.curation.workbench import Workbench
    from gcmkg.graph.open import open_knowledge_graph
    from gcmkg.ingest.drafts import suggestions_for
    from pyoxigraph import NamedNode

    assert gcmkg("--store", str(store_dir), "init").returncode == 0
    assert gcmkg("--store", str(store_dir), "user", "add", "ana@example.org", "--role", "contributor").returncode == 0
    result = gcmkg("--store", str(store_dir), "ingest", str(DATA / "pratique-fr.md"), str(DATA / "practices.csv"),
                   "--as", "ana@example.org")
    assert result.returncode == 0, result.stderr
    lines = [line.split("\t") for line in result.stdout.strip().splitlines()]
    assert [line[1] for line in lines] == ["pratique-fr.md", "practices.csv line 2", "practices.csv line 3",
                                           "practices.csv line 4"]
    assert "2/2" in result.stderr and "4/4" in result.stderr
    assert result.stderr.strip().endswith("filed 4 drafts under ana@example.org in the review queue")
    kg = open_knowledge_graph(store=str(store_dir))
    engine = db.open_database(str(store_dir))
    try:
        bench = Workbench(kg, engine)
        entry = NamedNode(lines[0][0])
        assert bench.state(entry) == "draft"
        assert len(suggestions_for(bench, entry)) == int(lines[0][2].split()[0]) > 5
    finally:
        engine.dispose()
        kg.close()


def test_filing_drafts_under_an_unknown_account_is_one_line_and_writes_nothing(store_dir):
    assert gcmkg("--store", str(store_dir), "init").returncode == 0
    result = gcmkg("--store", str(store_dir), "ingest", str(DATA / "practice-en.md"), "--as", "nobody@example.org")
    assert result.returncode != 0 and result.stdout == ""
    assert result.stderr.strip() == "gcmkg: error: no account with e-mail 'nobody@example.org'"


def test_a_reviewer_cannot_file_drafts(store_dir):
    assert gcmkg("--store", str(store_dir), "init").returncode == 0
    gcmkg("--store", str(store_dir), "user", "add", "rev@example.org", "--role", "reviewer", "--affiliation", "un")
    result = gcmkg("--store", str(store_dir), "ingest", str(DATA / "practice-en.md"), "--as", "rev@example.org")
    assert result.returncode != 0 and result.stdout == ""
    assert result.stderr.strip() == ("gcmkg: error: rev@example.org is neither a contributor nor a curator,"
                                     " so cannot file drafts")


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
