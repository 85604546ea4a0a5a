"""Amending chains: a norm's status follows from the norms that amend it, computed, never typed twice.

A norm states what it amends (`eli:amends`); older entries state it the other way round on the
amended norm (`eli:amended_by`). Both directions count. A norm whose stated status is in force
(or that states none) reads as amended once an amending norm has entered into force by the day
asked (an amender without a date of entry into force counts from its adoption, or at once);
repealed, expired and not-yet-in-force norms keep their stated status.

    >>> computed_status(IN_FORCE, ["2020-03-01"], "2026-01-01") == AMENDED
    True
    >>> computed_status(IN_FORCE, ["2027-01-01"], "2026-01-01") == IN_FORCE
    True
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from gcmkg.names import BASE

from .queries import PROLOGUE
from .store import Store, named_query

IN_FORCE = BASE + "norm-status/in-force"
AMENDED = BASE + "norm-status/amended"

AMENDERS = named_query("amending norms", PROLOGUE + """
SELECT ?amender (SAMPLE(?stated) AS ?status) (SAMPLE(COALESCE(?inForce, ?adopted, "")) AS ?from) WHERE {
  { ?amender eli:amends $norm } UNION { $norm eli:amended_by ?amender }
  ?amender gcm:reviewStatus <https://w3id.org/gcmkg/review-status/approved> .
  OPTIONAL { $norm gcm:normStatus ?stated }
  OPTIONAL { ?amender eli:first_date_entry_in_force ?inForce }
  OPTIONAL { ?amender eli:date_document ?adopted }
} GROUP BY ?amender
""")

STATED = named_query("stated norm status", PROLOGUE + "SELECT ?status WHERE { $norm gcm:normStatus ?status }")


def computed_status(stated: str | None, amended_from: list[str], at: str) -> str | None:
    """The status a norm reads as on day `at`, from its stated status and its amenders' dates ("" unknown)."""
    if stated not in (None, IN_FORCE, AMENDED):
        return stated                                       # repealed, expired, not yet in force
    if any(str(when) <= at for when in amended_from):       # "" (no date) counts at once
        return AMENDED
    return stated or IN_FORCE           # "amended" stated alone: its amending act is not in the repository


def norm_status(store: Store, norm: str, at: str) -> tuple[str | None, list[str]]:
    """(the status `norm` reads as on day `at`, the IRIs of the published norms that amend it)."""
    rows = store.select(AMENDERS, {"norm": NamedNode(norm)})
    stated_rows = store.select(STATED, {"norm": NamedNode(norm)})
    stated = stated_rows[0]["status"].value if stated_rows else None
    amenders = sorted(r["amender"].value for r in rows)
    return computed_status(stated, [r["from"].value for r in rows], at), amenders
