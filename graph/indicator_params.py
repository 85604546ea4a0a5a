"""The filters of the indicator pages and of the JSON API, read from a URL's parameters the same way for both.

`area` (repeatable: ISO 3166 alpha-3 or M49 code), `from` and `to` (years),
`sex` (SDMX: F, M, _T...), `age`, `level` (ISCED 2011: 0-8), `migration`
(national, migrant, refugee...), `status` (SDMX observation status) and
`dataset` (repeatable). A value gcmkg does not know is an `InvalidParameter`
naming the parameter and the value, which the API answers as a 422 problem.

>>> wanted = observation_filter({"area": ["arg", "CHL"], "from": ["2010"], "sex": ["F"]})
>>> wanted.areas, wanted.year_from, wanted.slice
(('ARG', 'CHL'), 2010, {'SEX': 'F'})
>>> observation_filter({"level": ["9"]})
Traceback (most recent call last):
...
gcmkg.graph.search.InvalidParameter: level: '9' is not an ISCED 2011 level (0-8)
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from .cubes import code_lists
from .indicator_queries import FILTER_COLUMNS, ObservationFilter
from .search import InvalidParameter

MAX_AREAS = 300
_KINDS = {"sex": ("sex", "an SDMX sex code (F, M, _T, _U, _N)"),
          "level": ("isced", "an ISCED 2011 level (0-8)"),
          "migration": ("migration", "a migration status (national, migrant, refugee, asylum-seeker, stateless, "
                                     "returnee)"),
          "status": ("status", "an SDMX observation status (A, B, E, F, I, M, P, S)")}


def _one(params: Mapping[str, Sequence[str]], name: str) -> str | None:
    values = [v.strip() for v in params.get(name, ()) if v.strip()]
    return values[-1] if values else None


def _year(params: Mapping[str, Sequence[str]], name: str) -> int | None:
    text = _one(params, name)
    if text is None:
        return None
    if not re.fullmatch(r"\d{4}", text):
        raise InvalidParameter(name, f"{text!r} is not a year (YYYY)", text)
    return int(text)


def observation_filter(params: Mapping[str, Sequence[str]]) -> ObservationFilter:
    """The filter the parameters describe (see the module's docstring), or InvalidParameter."""
    lists = code_lists()
    areas = []
    for value in params.get("area", ()):
        for code in (c.strip().upper() for c in value.split(",")):
            if not code:
                continue
            if code not in lists["area"]:
                raise InvalidParameter("area", f"{code!r} is not a country (ISO 3166 alpha-3) or M49 region code",
                                       code)
            areas.append(code)
    if len(areas) > MAX_AREAS:
        raise InvalidParameter("area", f"at most {MAX_AREAS} areas at once")
    year_from, year_to = _year(params, "from"), _year(params, "to")
    if year_from is not None and year_to is not None and year_from > year_to:
        raise InvalidParameter("from", f"from ({year_from}) is after to ({year_to})")
    chosen = {}
    for name, column in FILTER_COLUMNS.items():
        code = _one(params, name)
        if code is None:
            continue
        if name in _KINDS:
            kind, expected = _KINDS[name]
            if code not in lists[kind]:
                raise InvalidParameter(name, f"{code!r} is not {expected}", code)
        chosen[column] = code
    datasets = tuple(dict.fromkeys(d.strip() for d in params.get("dataset", ()) if d.strip()))
    return ObservationFilter(tuple(dict.fromkeys(areas)), year_from, year_to, chosen, datasets)
