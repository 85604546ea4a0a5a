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

from typing import NamedTuple

from pyoxigraph import NamedNode

from gcmkg.names import BASE

from .queries import PROLOGUE
from .store import Store, named_query

IN_FORCE = BASE + "norm-status/in-force"
AMENDED = BASE + "norm-status/amended"

AMENDERS = named_query("amending norms", PROLOGUE + """
SELECT ?norm ?amender (SAMPLE(?stated) AS ?status) (SAMPLE(COALESCE(?inForce, ?adopted, "")) AS ?from) WHERE {
  { ?amender eli:amends ?norm } UNION { ?norm eli:amended_by ?amender }
  # A filter, not a join: Oxigraph read every published entry for the join (0.2-0.35 s of each index
  # build at 10k practices with no amending norm; 1 ms as a filter).
  FILTER EXISTS { ?amender gcm:reviewStatus <https://w3id.org/gcmkg/review-status/approved> }
  OPTIONAL { ?norm gcm:normStatus ?stated }
  OPTIONAL { ?amender eli:first_date_entry_in_force ?inForce }
  OPTIONAL { ?amender eli:date_document ?adopted }
} GROUP BY ?norm ?amender
""")

# The norms an entry amends, whichever side states it: publishing or withdrawing an amender changes their status.
AMENDED_BY = named_query("norms an entry amends", PROLOGUE + """
SELECT DISTINCT ?norm WHERE { { $amender eli:amends ?norm } UNION { ?norm eli:amended_by $amender } }
""")

STATED = named_query("stated norm status", PROLOGUE + "SELECT ?status WHERE { $norm gcm:normStatus ?status }")


def computed_status(stated: str | None, amended_from: list[str], at: str) -> str | None:
    """The status a norm reads as on day `at`, from its stated status and its amenders' dates ("" unknown)."""
    if stated not in (None, IN_FORCE, AMENDED):
        return stated                                       # repealed, expired, not yet in force
    if any(str(when) <= at for when in amended_from):       # "" (no date) counts at once
        return AMENDED
    return stated or IN_FORCE           # "amended" stated alone: its amending act is not in the repository


class Amended(NamedTuple):
    """What a norm's status follows from: its stated status and its published amenders with their dates."""

    stated: str | None
    amenders: tuple[tuple[str, str], ...]      # (amender IRI, the day it counts from; "" unknown)

    def status_at(self, at: str) -> str | None:
        """The status the norm reads as on day `at` (`computed_status`)."""
        return computed_status(self.stated, [day for _amender, day in self.amenders], at)


def amended_norms(store: Store, norm: str | None = None) -> dict[str, Amended]:
    """Every norm that a published norm amends (or `norm` alone, if it is amended), with what its status follows from."""
    found: dict[str, tuple[str | None, list]] = {}
    for row in store.select(AMENDERS, {"norm": NamedNode(norm)} if norm else None):
        stated = row["status"].value if "status" in row else None
        found.setdefault(row["norm"].value, (stated, []))[1].append((row["amender"].value, row["from"].value))
    return {n: Amended(stated, tuple(sorted(amenders))) for n, (stated, amenders) in found.items()}


def amended_by(store: Store, amender: str) -> list[str]:
    """The norms `amender` amends (either side stating it), published or not."""
    return [r["norm"].value for r in store.select(AMENDED_BY, {"amender": NamedNode(amender)})]


def norm_status(store: Store, norm: str, at: str) -> tuple[str | None, list[str]]:
    """(the status `norm` reads as on day `at`, the IRIs of the published norms that amend it)."""
    found = amended_norms(store, norm).get(norm)
    if found is None:
        stated_rows = store.select(STATED, {"norm": NamedNode(norm)})
        found = Amended(stated_rows[0]["status"].value if stated_rows else None, ())
    return found.status_at(at), [amender for amender, _day in found.amenders]
