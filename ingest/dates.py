"""Dates in English, Spanish and French text, by rule: full dates, months, years, and what they mean.

A date found here carries the words before it in its sentence, so the
suggestion step can tell a start ("since", "desde", "depuis") from an end or an
adoption date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {
    **{m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                   "september", "october", "november", "december"], start=1)},
    **{m: i for i, m in enumerate(["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                                   "septiembre", "octubre", "noviembre", "diciembre"], start=1)},
    "setiembre": 9,
    **{m: i for i, m in enumerate(["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                                   "septembre", "octobre", "novembre", "décembre"], start=1)},
}
_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_YEAR = r"(?P<year>(?:19[5-9]\d|20\d\d))"
_DAY = r"(?P<day>[0-3]?\d)(?:er|º|°)?"
_NOT_NUMBER_BEFORE = r"(?<![\d.,/-])"
_NOT_NUMBER_AFTER = r"(?![\d]|[.,]\d)"

_PATTERNS = [re.compile(p, re.IGNORECASE) for p in (
    _NOT_NUMBER_BEFORE + r"(?P<iso>(?P<y2>(?:19|20)\d\d)-(?P<m2>[01]\d)-(?P<d2>[0-3]\d))" + _NOT_NUMBER_AFTER,
    _NOT_NUMBER_BEFORE + _DAY + r"\s+(?:de\s+)?" + _MONTH + r"\s+(?:de(?:l)?\s+)?" + _YEAR + _NOT_NUMBER_AFTER,
    r"\b" + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + _NOT_NUMBER_AFTER,
    r"\b" + _MONTH + r"\s+(?:de(?:l)?\s+)?" + _YEAR + _NOT_NUMBER_AFTER,
    _NOT_NUMBER_BEFORE + r"\b" + _YEAR + _NOT_NUMBER_AFTER,
)]


@dataclass(frozen=True)
class DateMention:
    """A date in the text: its span and ISO value (`2019`, `2019-07` or `2019-07-01`)."""

    start: int
    end: int
    value: str

    @property
    def datatype(self) -> str:
        """The XSD type of the value: a year, a year and month, or a date."""
        return {4: "xsd:gYear", 7: "xsd:gYearMonth"}.get(len(self.value), "xsd:date")


def find_dates(text: str) -> list[DateMention]:
    """Every date in `text`, longest form first where forms overlap.

    >>> [d.value for d in find_dates("Comenzó el 1 de julio de 2019 y terminó en 2023.")]
    ['2019-07-01', '2023']
    >>> [d.value for d in find_dates("Depuis le 1er février 2020; 12,000 workers; March 5, 2021")]
    ['2020-02-01', '2021-03-05']
    """
    taken: list[tuple[int, int]] = []
    found = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            value = _iso(match.groupdict())
            if value:
                taken.append((start, end))
                found.append(DateMention(start, end, value))
    return sorted(found, key=lambda d: d.start)


def _iso(groups: dict) -> str | None:
    if groups.get("iso"):
        year, month, day = int(groups["y2"]), int(groups["m2"]), int(groups["d2"])
    else:
        year = int(groups["year"])
        month = MONTHS[groups["month"].lower()] if groups.get("month") else None
        day = int(groups["day"]) if groups.get("day") else None
    if month is not None and not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
        return None
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")
