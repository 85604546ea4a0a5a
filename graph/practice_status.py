"""A practice's status on a day — planned, ongoing or completed — computed from its dates, never stored.

The rule, in one place (the search facet, the entry page and the entry JSON all ask it):

- **planned** when it starts after the day;
- otherwise **ongoing** when it states `gcm:ongoing true`, when its end is on or after the day, or when
  it has started and states no end;
- otherwise **completed** (its end is before the day);
- **no status** when it states no date at all and is not stated ongoing: nothing says whether it ran.

A start given as a year (or year-month) counts from its first day, an end given so until its last day:
a practice that ended "2020" is still ongoing on 2020-06-01. A day asked as a year is its first day.

    >>> practice_status("2015", None, False, "2026-01-01") == ONGOING
    True
    >>> practice_status("2015-03-01", "2020", False, "2020-06-01") == ONGOING
    True
    >>> practice_status("2015-03-01", "2020", False, "2021") == COMPLETED
    True
    >>> practice_status("2030", None, True, "2026-01-01") == PLANNED
    True
    >>> practice_status(None, None, False, "2026-01-01") is None
    True
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from gcmkg.names import BASE

from .queries import PROLOGUE
from .store import Store, named_query

SCHEME = BASE + "practice-statuses"
PLANNED = BASE + "practice-status/planned"
ONGOING = BASE + "practice-status/ongoing"
COMPLETED = BASE + "practice-status/completed"


def first_day(lexical: str) -> str:
    """The first day a date, year-month or year stands for, as YYYY-MM-DD.

    >>> first_day("2015"), first_day("2015-06"), first_day("2015-06-03T10:00:00Z")
    ('2015-01-01', '2015-06-01', '2015-06-03')
    """
    return {4: lexical + "-01-01", 7: lexical + "-01"}.get(len(lexical), lexical[:10])


def last_day(lexical: str) -> str:
    """The last day a date, year-month or year stands for (a month's as its 31st: only compared, never shown).

    >>> last_day("2015"), last_day("2015-06"), last_day("2015-06-03")
    ('2015-12-31', '2015-06-31', '2015-06-03')
    """
    return {4: lexical + "-12-31", 7: lexical + "-31"}.get(len(lexical), lexical[:10])


def is_true(lexical: str | None) -> bool:
    """An xsd:boolean's lexical form read as Python does (true or 1)."""
    return lexical in ("true", "1")


def practice_status(start: str | None, end: str | None, ongoing: bool, at: str) -> str | None:
    """The status IRI of a practice on day `at` from its start, end (lexical forms) and `gcm:ongoing`; None if unknown."""
    on = first_day(at)
    if start and first_day(start) > on:
        return PLANNED
    if ongoing or (end and last_day(end) >= on) or (start and not end):
        return ONGOING
    if end:
        return COMPLETED
    return None


PRACTICE_DATES = named_query("practice dates", PROLOGUE + """
SELECT (SAMPLE(?start) AS ?from) (SAMPLE(?end) AS ?until) (SAMPLE(?on) AS ?ongoing) WHERE {
  $practice a gcm:Practice .
  OPTIONAL { $practice schema:startDate ?start } OPTIONAL { $practice schema:endDate ?end }
  OPTIONAL { $practice gcm:ongoing ?on }
}""")


def status_of(store: Store, practice: str, at: str) -> str | None:
    """The status of the practice `practice` on day `at`, from its dates in `store` (None: no date says)."""
    for row in store.select(PRACTICE_DATES, {"practice": NamedNode(practice)}):
        def text(key):
            return row[key].value if key in row else None
        return practice_status(text("from"), text("until"), is_true(text("ongoing")), at)
    return None
