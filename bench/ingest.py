"""The ingest assistant's speed and memory: a 20-page PDF report to suggestions, 1,000 spreadsheet rows.

    python bench/ingest.py                 # 20 pages, 1,000 rows
    python bench/ingest.py --pages 50 --rows 5000

Documents are generated in a temp dir (fpdf2 and openpyxl, the test
dependencies) from the en/es/fr test texts. Prints the time of each step and
the process's resident memory. Goals set by issue 9: a 20-page PDF to a draft
with suggestions within 5 s; 1,000 rows to drafts within 60 s (read, suggested,
and filed as drafts with their suggestions' provenance in an in-memory review
store and an SQLite curation database).
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

FILLER = [
    "Return migrants from {a} and {b} received vocational training and psychosocial support in 2021.",
    "Los trabajadores migrantes de {a} recibieron orientación jurídica desde el 3 de mayo de 2019.",
    "Les autorités de {a} et du {b} ont signé un accord de coopération le 12 mars 2020.",
    "The International Organization for Migration (IOM) and UNICEF worked with local authorities in {a}.",
]
COUNTRIES = ["Mexico", "Guatemala", "Senegal", "Mali", "Nepal", "Malaysia", "Colombia", "Ecuador", "Morocco", "Niger"]


def rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_report(path: Path, pages: int) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    for page in range(pages):
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 14)
        pdf.multi_cell(0, 8, f"{page + 1}. Safe labour migration: results of year {2015 + page % 10}",
                       new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10)
        for i in range(9):
            a, b = COUNTRIES[(page + i) % 10], COUNTRIES[(page + i + 3) % 10]
            sentences = " ".join(FILLER[(i + j) % 4].format(a=a, b=b) for j in range(3))
            pdf.multi_cell(0, 5, sentences, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    pdf.output(str(path))
    return path


def make_sheet(path: Path, rows: int) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Practices")
    sheet.append(["Title", "Summary", "Countries", "Start year", "End year", "Implementing organisation"])
    for i in range(rows):
        a, b = COUNTRIES[i % 10], COUNTRIES[(i + 4) % 10]
        sheet.append([f"Practice {i}: training for migrant workers", FILLER[i % 4].format(a=a, b=b), f"{a}; {b}",
                      2010 + i % 12, 2020 + i % 5, "IOM" if i % 2 else "OIT"])
    workbook.save(str(path))
    return path


def desk(folder: Path):
    """A workbench over an in-memory knowledge graph and an SQLite curation database, with one contributor."""
    from gcmkg.curation import db
    from gcmkg.curation.workbench import Workbench
    from gcmkg.graph.open import open_knowledge_graph

    kg = open_knowledge_graph(in_memory=True)
    kg.init()
    workbench = Workbench(kg, db.connect(db.database_url(str(folder / "store"))))
    return workbench, workbench.accounts.add("bench@example.org", "Bench", ["contributor"])


def file_drafts(workbench, account, rows, suggested) -> None:
    from gcmkg.ingest.drafts import file_drafts, start_run

    file_drafts(workbench, account, list(zip(rows, suggested)), kind="practice", run=start_run(account))


def timed(label: str, call, *args):
    start = time.perf_counter()
    result = call(*args)
    print(f"{label:<52} {time.perf_counter() - start:8.2f} s   (peak RSS {rss_mb():6.0f} MB)")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--rows", type=int, default=1000)
    args = parser.parse_args()
    from gcmkg.ingest.classifier import default_classifier
    from gcmkg.ingest.language import detect_language
    from gcmkg.ingest.nlp import default_gazetteer, rule_pipeline
    from gcmkg.ingest.read import read_documents
    from gcmkg.ingest.suggestions import suggest

    print(f"{'start (gcmkg.ingest imported)':<52} {'':8}     (peak RSS {rss_mb():6.0f} MB)")
    with tempfile.TemporaryDirectory() as folder:
        report = make_report(Path(folder) / "report.pdf", args.pages)
        sheet = make_sheet(Path(folder) / "practices.xlsx", args.rows)
        timed("language identifier (once per process)", detect_language, FILLER[0])
        timed("gazetteer from the vocabularies (once per process)", default_gazetteer)
        for language in ("en", "es", "fr"):
            timed(f"spaCy rule pipeline '{language}' (once per process)", rule_pipeline, language)
        timed("topic classifier, WordLlama (once per process)", default_classifier)
        start = time.perf_counter()
        [document] = timed(f"read {args.pages}-page PDF ({report.stat().st_size // 1024} KB)", read_documents, report)
        found = timed(f"suggest ({len(document.text):,} characters)", suggest, document)
        total = time.perf_counter() - start
        print(f"{'PDF report to suggestions, pipelines loaded':<52} {total:8.2f} s   goal <= 5 s;"
              f" {len(found)} suggestions, {sum(len(s.evidence) for s in found)} evidence spans")
        start = time.perf_counter()
        rows = timed(f"read {args.rows:,} spreadsheet rows", read_documents, sheet)
        suggested = timed(f"suggest for {len(rows):,} rows", lambda: [suggest(r) for r in rows])
        workbench, account = desk(Path(folder))
        timed(f"file {len(rows):,} drafts with their suggestions", file_drafts, workbench, account, rows, suggested)
        total = time.perf_counter() - start
        print(f"{'spreadsheet rows to drafts':<52} {total:8.2f} s   goal <= 60 s;"
              f" {sum(map(len, suggested)):,} suggestions")
    print(f"{'peak resident memory of the whole run':<52} {rss_mb():8.0f} MB")


if __name__ == "__main__":
    main()
