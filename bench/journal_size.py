"""How big the journal of store writes gets (curation/store_writes.py): its rows hold the N-Quads of every
graph an act writes, from the act's database commit until its store writes are done.

    python bench/journal_size.py                 # one entry through the workflow; 100 rows; a 20-page PDF
    python bench/journal_size.py --rows 1000 --pages 50

Prints, per act, the characters journalled (graph names and N-Quads) and the number of quads.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from pyoxigraph import NamedNode
from sqlalchemy import func, select

from curation import EDITORS, PRACTICE
from ingest import make_report, make_sheet

from gcmkg.curation import db, store_writes
from gcmkg.curation.demo import add_people, sample_practice, sample_review
from gcmkg.curation.workbench import Workbench
from gcmkg.graph.open import open_knowledge_graph
from gcmkg.graph.system_graphs import demo_files
from gcmkg.ingest.drafts import ingest_to_drafts
from gcmkg.ingest.rdf_input import FORMATS, parse_bytes

journalled: list[tuple[int, int]] = []     # (characters, quads) of each act finished


def measuring(finish):
    def measured(kg, engine, act, between_writes=None):
        with engine.connect() as conn:
            size, quads = conn.execute(select(
                func.sum(func.length(db.store_writes.c.nquads) + func.length(db.store_writes.c.graphs)),
                func.sum(func.length(db.store_writes.c.nquads) - func.length(
                    func.replace(db.store_writes.c.nquads, "\n", "")))).where(db.store_writes.c.act == act)).one()
        journalled.append((size or 0, quads or 0))
        finish(kg, engine, act, between_writes)
    return measured


def report(label: str, start: int) -> None:
    acts = journalled[start:]
    size, quads = sum(a[0] for a in acts), sum(a[1] for a in acts)
    print(f"{label:<48} {len(acts):4} act(s) {size / 1024:10.1f} KiB {quads:9,} quads"
          f"   largest act {max((a[0] for a in acts), default=0) / 1024:9.1f} KiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100, help="spreadsheet rows ingested (100: one batch)")
    parser.add_argument("--pages", type=int, default=20, help="pages of the PDF report ingested")
    args = parser.parse_args()
    store_writes.finish = measuring(store_writes.finish)
    with tempfile.TemporaryDirectory() as folder:
        kg = open_knowledge_graph(in_memory=True)
        kg.init()
        editors = next(r for r in demo_files() if r.name == "editors.ttl")
        kg.load([parse_bytes(editors.read_bytes(), FORMATS[".ttl"], "demo/editors.ttl")])
        wb = Workbench(kg, db.connect(db.database_url(str(Path(folder) / "store"))))
        add_people(wb.accounts)
        people = {a.email.split("@")[0]: a for a in wb.accounts.list()}
        alice, carlos = people["alice.contributor"], people["carlos.curator"]
        entry = NamedNode(PRACTICE + "journal")
        draft = sample_practice(entry.value, EDITORS)
        steps = [("save a practice draft", lambda: wb.save_draft(alice, entry, draft, 0)),
                 ("submit", lambda: wb.transition(alice, entry, "submit")),
                 ("assign the first reviewer (into review)", lambda: wb.assign(carlos, entry, people["una.reviewer"])),
                 ("declare no conflict", lambda: wb.declare_conflict(people["una.reviewer"], entry, False)),
                 ("review", lambda: wb.review(people["una.reviewer"], entry, sample_review()))]
        for label, step in steps:
            start = len(journalled)
            step()
            report(label, start)
        for name in ("ext.one", "ext.two"):
            wb.assign(carlos, entry, people[name])
            wb.declare_conflict(people[name], entry, False)
            wb.review(people[name], entry, sample_review())
        start = len(journalled)
        wb.transition(carlos, entry, "publish")
        report("publish", start)
        sheet = make_sheet(Path(folder) / "practices.xlsx", args.rows)
        start = len(journalled)
        ingest_to_drafts(wb, alice, [sheet])
        report(f"gcmkg ingest: {args.rows:,} spreadsheet rows", start)
        pdf = make_report(Path(folder) / "report.pdf", args.pages)
        start = len(journalled)
        ingest_to_drafts(wb, alice, [pdf])
        report(f"gcmkg ingest: a {args.pages}-page PDF report", start)


if __name__ == "__main__":
    main()
