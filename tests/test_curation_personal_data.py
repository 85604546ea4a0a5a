"""Personal data of contributors, curators and reviewers never reaches the public store (nor the provenance)."""

from __future__ import annotations

from pyoxigraph import NamedNode

from curation_support import PEOPLE, PRACTICE, draft_triples, open_workbench, review_and_approve
from gcmkg.curation import db


def personal_strings(accounts) -> set[str]:
    """Every name and e-mail (and its local part) of every account."""
    return {s.lower() for a in accounts.list() for s in (a.email, a.email.split("@")[0], a.name)}


def leaks(quads, personal) -> list[str]:
    return sorted({f"{s!r} in {q}" for q in quads for s in personal
                   if s in " ".join(term.value.lower() for term in (q.subject, q.predicate, q.object, q.graph_name)
                                    if hasattr(term, "value"))})


def test_publishing_after_review_puts_no_name_or_email_in_the_public_store(memory_kg, tmp_path):
    engine = db.open_database(str(tmp_path / "store"))
    wb, people = open_workbench(memory_kg, engine)
    entry = NamedNode(PRACTICE)
    wb.save_draft(people["alice_contributor"], entry, draft_triples(), 0)
    review_and_approve(wb, people, entry)
    wb.transition(people["carlos_curator"], entry, "publish")
    personal = personal_strings(wb.accounts)
    assert len(personal) == 3 * len(PEOPLE)
    public = list(memory_kg.public.quads())
    assert any(q.graph_name == entry for q in public), "the entry was published"
    assert leaks(public, personal) == []
    # The review store's provenance names people by agent IRI only.
    assert leaks([q for q in memory_kg.review.quads() if q.graph_name != entry], personal) == []
