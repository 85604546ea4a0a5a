"""International instruments and their parties at a date: who is bound by a treaty on a given day.

A party record (gcm:Party, a blank node of the instrument's entry) states a
State's dates; whether the State is a party on day D follows from them, in
one place, here, as a SPARQL pattern that the search facets, the country page
and the JSON API all use:

- not if the instrument itself has not yet entered into force by D;
- not if the State's withdrawal took effect on or before D;
- not if the instrument enters into force for the State only after D;
- otherwise yes if it entered into force for the State, or (without that
  date) the State consented, on or before D; or if the record states no
  date at all (a founding member whose own dates are not known).

Dates are compared as text: a year ("2025") stands for its first day, which is
how a YYYY-MM-DD and a YYYY compare in string order.

    >>> "?party gcm:partyCountry ?place" in party_pattern('"2025-01-01"')
    True
"""

from __future__ import annotations

import datetime
import re
import time
from bisect import bisect_right
from collections import defaultdict
from typing import NamedTuple

from pyoxigraph import Literal, NamedNode

from .queries import PROLOGUE
from .store import Store, named_query

_DAY = re.compile(r"^[0-9]{4}(-[0-9]{2}-[0-9]{2})?$")


def party_pattern(at: str, place: str = "?place") -> str:
    """SPARQL linking instrument ?e to each State `place` that is a party on the day `at`.

    `at` is a SPARQL term: a literal ('"2025-01-01"') or a bound variable (`$at`). Uses ?party and ?until.
    """
    return (f"?e gcm:party ?party . ?party gcm:partyCountry {place} . "
            f"FILTER NOT EXISTS {{ ?e eli:first_date_entry_in_force ?until FILTER(STR(?until) > {at}) }} "
            f"FILTER NOT EXISTS {{ ?party gcm:dateWithdrawal ?until FILTER(STR(?until) <= {at}) }} "
            f"FILTER NOT EXISTS {{ ?party gcm:dateEntryIntoForce ?until FILTER(STR(?until) > {at}) }} "
            f"FILTER(EXISTS {{ ?party gcm:dateEntryIntoForce|gcm:dateConsent ?until FILTER(STR(?until) <= {at}) }} "
            f"|| NOT EXISTS {{ ?party gcm:dateSigned|gcm:dateConsent|gcm:dateEntryIntoForce ?until }})")


_TODAY = (0.0, "")      # (the time the day ends, the day)


def today() -> str:
    """Today as YYYY-MM-DD: the date the search facets count parties at.

    Kept until local midnight: every search asks, and date.today() took ~15-20 us inside a search
    (1.5 us in a loop of its own), a few percent of a filtered search at 10k entries.
    """
    global _TODAY
    now = time.time()
    if now >= _TODAY[0]:
        found = datetime.date.fromtimestamp(now)
        _TODAY = (datetime.datetime.combine(found + datetime.timedelta(days=1), datetime.time()).timestamp(),
                  found.isoformat())
    return _TODAY[1]


def day(text: str | None) -> str:
    """A date a reader asked for (YYYY-MM-DD or YYYY), today when none; ValueError names a bad one.

    >>> day("2025-01-28"), day("2025")
    ('2025-01-28', '2025')
    """
    if not text:
        return today()
    if not _DAY.match(text):
        raise ValueError(f"{text!r} is not a date (YYYY-MM-DD or YYYY)")
    if len(text) == 10:
        datetime.date.fromisoformat(text)       # a real day, not 2025-02-30
    return text


PARTIES_OF = named_query("instrument parties", PROLOGUE + f"""
SELECT ?party ?country ?signed ?consent ?form ?inForce ?withdrawal ?bound
       (GROUP_CONCAT(DISTINCT STR(?source); separator=" ") AS ?sources)
       (GROUP_CONCAT(DISTINCT ?reservation; separator="\\n") AS ?reservations) WHERE {{
  $e gcm:party ?party . ?party gcm:partyCountry ?country .
  OPTIONAL {{ ?party gcm:dateSigned ?signed }}
  OPTIONAL {{ ?party gcm:dateConsent ?consent }}
  OPTIONAL {{ ?party gcm:consentForm ?form }}
  OPTIONAL {{ ?party gcm:dateEntryIntoForce ?inForce }}
  OPTIONAL {{ ?party gcm:dateWithdrawal ?withdrawal }}
  OPTIONAL {{ ?party gcm:partySource ?source }}
  OPTIONAL {{ ?party gcm:reservation ?reservation }}
  BIND(EXISTS {{ {party_pattern("$at", "?country").replace("?e ", "$e ")} }} AS ?bound)
}} GROUP BY ?party ?country ?signed ?consent ?form ?inForce ?withdrawal ?bound
""")

INSTRUMENTS_OF = named_query("instruments a country is party to", PROLOGUE + f"""
SELECT DISTINCT ?e WHERE {{
  ?e a gcm:InternationalInstrument ; gcm:reviewStatus <https://w3id.org/gcmkg/review-status/approved> .
  {party_pattern("$at", "$country")}
}}
""")


def parties_of(store: Store, instrument: str, at: str) -> list[dict]:
    """The party records of an instrument, each with its dates and whether the State is bound on `at`."""
    rows = store.select(PARTIES_OF, {"e": NamedNode(instrument), "at": Literal(at)})

    def text(row, key):
        return row[key].value if key in row else None
    out = [{"country": text(r, "country"), "signed": text(r, "signed"), "consent": text(r, "consent"),
            "form": text(r, "form"), "in_force": text(r, "inForce"), "withdrawal": text(r, "withdrawal"),
            "sources": (text(r, "sources") or "").split(), "reservations": [x for x in (text(r, "reservations") or "").split("\n") if x],
            "party_on_date": text(r, "bound") == "true"} for r in rows]
    return sorted(out, key=lambda p: p["country"] or "")


def instruments_of(store: Store, country: str, at: str) -> list[str]:
    """IRIs of the published instruments `country` is a party to on `at`."""
    return sorted(r["e"].value for r in store.select(INSTRUMENTS_OF, {"country": NamedNode(country), "at": Literal(at)}))


# The days on which who is a party may change: the rule above compares `at` with these dates only, so
# between two of them (in string order) the answer stays the same; "" stands for any day before them all.
# The search index asks the rule itself at each such day (one query for every instrument) and keeps
# the answers as a timeline: the rule is written once, here, in SPARQL.
PARTY_CHANGES = named_query("instrument parties at each day they may change", PROLOGUE + f"""
SELECT ?e ?at ?place WHERE {{
  {{ SELECT DISTINCT ?e ?at WHERE {{
    ?e a gcm:InternationalInstrument .
    {{ BIND("" AS ?at) }}
    UNION {{ ?e eli:first_date_entry_in_force ?day BIND(STR(?day) AS ?at) }}
    UNION {{ ?e gcm:party/(gcm:dateSigned|gcm:dateConsent|gcm:dateEntryIntoForce|gcm:dateWithdrawal) ?day
            BIND(STR(?day) AS ?at) }}
  }} }}
  OPTIONAL {{ {party_pattern("?at")} }}
}}""")


class PartyTimeline(NamedTuple):
    """Who is a party to one instrument from each day on: `days[i]` (sorted, "" first) to the next."""

    days: tuple[str, ...]
    members: tuple[tuple[str, ...], ...]    # the States party from days[i] on

    def parties_at(self, at: str) -> tuple[str, ...]:
        """The States party on day `at` (YYYY-MM-DD or YYYY), as `party_pattern` says.

        >>> PartyTimeline(("", "2025-01-29"), (("MLI", "NGA"), ("NGA",))).parties_at("2025-01-28")
        ('MLI', 'NGA')
        """
        return self.members[bisect_right(self.days, at) - 1]

    def ever(self) -> set[str]:
        """Every State that is a party on some day."""
        return {state for members in self.members for state in members}


def party_timelines(store: Store, instrument: str | None = None) -> dict[str, PartyTimeline]:
    """The party timeline of every instrument in `store` (of one, when `instrument` is given)."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    bindings = {"e": NamedNode(instrument)} if instrument else None
    for row in store.select(PARTY_CHANGES, bindings):
        members = found[row["e"].value][row["at"].value]
        if "place" in row:
            members.add(row["place"].value)
    return {e: PartyTimeline(tuple(sorted(days)), tuple(tuple(sorted(days[d])) for d in sorted(days)))
            for e, days in found.items()}
