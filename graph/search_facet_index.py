"""Facet bitmaps: one pyroaring BitMap of entry ids per (dimension, value).

Facet behaviour is data (graph/search_facets.py): `DIMENSIONS` and which
property feeds which facet come from the declarations; `Vocabulary.facets_of`
says where an entry's statements land, rolling a place up to its sub-region
and region and an SDG target up to its goal. Counting is a popcount of intersections, so the counts for any
filter state take milliseconds where SPARQL GROUP BY takes seconds.

Entry ids are dense ints handed out by `SearchIndex`; a replaced entry gets a
new id (the text index cannot delete a contentless row), so ids only grow.
"""

from __future__ import annotations

import re
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import repeat
from typing import NamedTuple

from pyroaring import BitMap, FrozenBitMap

from gcmkg.names import APPROVED, REVIEW_STATUS, SDG_SCHEME, WORLD

from .search_facets import (AS_STATED, DATED, GROUPED, KIND, KIND_VALUES, LANGUAGE, LANGUAGE_BASE, ROLLED_UP, YEAR,
                            declared)

FACETS = declared()
# Every facet dimension, in the order a facet panel shows them.
DIMENSIONS: tuple[str, ...] = tuple(f.name for f in FACETS)
_BY_NAME = {f.name: f for f in FACETS}
# Each property the index reads, with the facets reading it; the review status decides what is public.
READERS: dict[str, tuple] = {}
for _facet in FACETS:
    for _property in _facet.properties:
        READERS[_property] = (*READERS.get(_property, ()), _facet)
READERS.setdefault(REVIEW_STATUS.value, ())
# What result rows need besides the counts: the entry's kind, objectives as stated, places, years.
_KIND_PROPERTIES = frozenset(_BY_NAME["kind"].properties)
_OBJECTIVE_PROPERTIES = frozenset(_BY_NAME["objective"].properties)
_PLACE_PROPERTIES = frozenset(_BY_NAME["country"].properties)
_YEAR_PROPERTIES = frozenset(_BY_NAME["year"].properties)
# What the facets computed per day read of an entry as stated (a practice's dates).
_DATED_PROPERTIES = frozenset(p for f in FACETS if f.values == DATED for p in f.properties)
_REVIEW = REVIEW_STATUS.value
_YEAR = re.compile(r"^(\d{4})")
_DIGITS = re.compile(r"(\d+)")


@lru_cache(maxsize=65536)
def natural_key(iri: str) -> tuple:
    """Sort key putting objective/2 before objective/10 and sdg/10.2 before sdg/10.10.

    >>> sorted(["sdg/10.10", "sdg/10.2", "sdg/10.a", "sdg/9.1"], key=natural_key)
    ['sdg/9.1', 'sdg/10.2', 'sdg/10.10', 'sdg/10.a']
    """
    return tuple(int(part) if part.isdigit() else part for part in _DIGITS.split(iri))


def year_of(lexical: str) -> int | None:
    """The year of an xsd:date, xsd:gYear or xsd:dateTime lexical form.

    >>> year_of("2004-01-21"), year_of("2010"), year_of("unknown")
    (2004, 2010, None)
    """
    match = _YEAR.match(lexical)
    return int(match.group(1)) if match else None


@dataclass(slots=True)
class EntryFacts:
    """What one entry contributes to the index, read from its statements."""

    kind: str | None = None                      # class IRI, when a practice or a norm
    approved: bool = False
    facets: list[tuple[str, str | int]] = field(default_factory=list)  # (dimension, value IRI or year); may repeat
    objectives: list[str] = field(default_factory=list)                # as stated (for result rows)
    places: list[str] = field(default_factory=list)                    # as stated: countries and regions
    years: list[int] = field(default_factory=list)
    dates: dict[str, str] = field(default_factory=dict)               # property -> value, for the DATED facets


Facets = tuple[tuple[str, str | int], ...]


class Vocabulary:
    """Where concepts sit: the rolled-up facet they belong to, their ancestors, the groupings they are members
    of. Built from search_queries CONCEPTS, BROADER, M49_REGIONS, GROUPING_MEMBERS."""

    def __init__(self, concepts: Iterable[tuple[str, str, str | None]], broader: Iterable[tuple[str, str]],
                 m49_regions: Iterable[str], members: Iterable[tuple[str, str]] = ()):
        self.scheme: dict[str, str] = {}
        self._schemes: dict[str, set[str]] = defaultdict(set)   # a concept may sit in several (target populations)
        types: dict[str, str] = {}
        for concept, scheme, type_ in concepts:
            self.scheme[concept] = scheme
            self._schemes[concept].add(scheme)
            if type_:
                types[concept] = type_.rsplit("#", 1)[-1]
        parents: dict[str, set[str]] = defaultdict(set)
        for concept, up in broader:
            parents[concept].add(up)
        self.ancestors: dict[str, tuple[str, ...]] = {c: tuple(sorted(self._closure(c, parents))) for c in parents}
        regions = set(m49_regions) | {WORLD}
        self.dimension: dict[str, str] = {}
        self._facets_cache: dict[tuple[str, str], Facets] = {}
        self.groupings: dict[str, tuple[str, ...]] = {}      # member concept -> the groupings listing it
        for grouping, member in sorted(members):
            self.groupings[member] = (*self.groupings.get(member, ()), grouping)
        self.grouping_iris = frozenset(g for gs in self.groupings.values() for g in gs)
        for concept, scheme in self.scheme.items():
            if types.get(concept) == "Country":
                self.dimension[concept] = "country"
            elif types.get(concept) == "Region":
                self.dimension[concept] = "region" if concept in regions else "subregion"
            elif scheme == SDG_SCHEME:
                ups = parents.get(concept, set())
                if not ups:
                    self.dimension[concept] = "sdg_goal"
                elif all(not parents.get(u) for u in ups):
                    self.dimension[concept] = "sdg_target"

        # Each place's country (a country's is itself), looked up for every result row.
        self.country: dict[str, str] = {}
        for place in (*self.dimension, *self.ancestors):
            if self.dimension.get(place) == "country":
                self.country[place] = place
            else:
                country = next((a for a in self.ancestors.get(place, ()) if self.dimension.get(a) == "country"), None)
                if country is not None:
                    self.country[place] = country

    @staticmethod
    def _closure(concept: str, parents: Mapping[str, set[str]]) -> set[str]:
        seen: set[str] = set()
        stack = list(parents.get(concept, ()))
        while stack:
            c = stack.pop()
            if c not in seen:
                seen.add(c)
                stack.extend(parents.get(c, ()))
        return seen

    def country_of(self, place: str) -> str | None:
        """The country a place is (a country) or lies in (a province, a city); None for a region or grouping."""
        return self.country.get(place)

    def in_schemes(self, schemes: Iterable[str]) -> list[str]:
        wanted = set(schemes)
        return [c for c, s in self._schemes.items() if s & wanted]

    def of_dimension(self, dimension: str) -> list[str]:
        return [c for c, d in self.dimension.items() if d == dimension]

    def facets_of(self, prop: str, value: str) -> Facets:
        """The (dimension, value) pairs one statement (property IRI, value) puts its entry under."""
        key = (prop, value)
        found = self._facets_cache.get(key)
        if found is None:
            found = self._facets_cache[key] = tuple(dict.fromkeys(self._facets_of(prop, value)))
        return found

    def _facets_of(self, prop: str, value: str) -> Iterable[tuple[str, str | int]]:
        for facet in READERS.get(prop, ()):
            if facet.values == AS_STATED:
                yield facet.name, value
            elif facet.values == KIND:
                for counted_as in KIND_VALUES.get(value, ()):
                    yield facet.name, counted_as
            elif facet.values == LANGUAGE:
                if value and "/" not in value:
                    yield facet.name, LANGUAGE_BASE + value.lower()
            elif facet.values == DATED:
                continue            # computed per day by the index
            elif facet.values == YEAR:
                year = year_of(value)
                if year is not None:
                    yield facet.name, year
            elif facet.values == GROUPED:
                # An entry counts under a grouping it is scoped to, and under every grouping listing its
                # place or a place above it (a province's country).
                if value in self.grouping_iris:
                    yield facet.name, value
                for concept in (value, *self.ancestors.get(value, ())):
                    for grouping in self.groupings.get(concept, ()):
                        yield facet.name, grouping
            elif facet.values == ROLLED_UP:
                # A value counts under itself and its ancestors the vocabulary places in this facet;
                # only a global entry counts under the World.
                for concept in (value, *(a for a in self.ancestors.get(value, ()) if a != WORLD)):
                    if self.dimension.get(concept) == facet.name:
                        yield facet.name, concept

    def facts(self, statements: Iterable[tuple[str, str]]) -> EntryFacts:
        """What one entry contributes, from its (property IRI, value) pairs."""
        return self.collect((statement, self.facets_of(*statement)) for statement in statements)

    @staticmethod
    def collect(resolved: Iterable[tuple[tuple[str, str], Facets]]) -> EntryFacts:
        """EntryFacts from (property, value) pairs already resolved by `facets_of` (the bulk path caches them)."""
        facts = EntryFacts()
        facets = facts.facets
        for (prop, value), found in resolved:
            if found:
                facets.extend(found)
            if prop == _REVIEW:
                facts.approved = facts.approved or value == APPROVED.value
                continue
            if prop in _KIND_PROPERTIES and value in KIND_VALUES:
                facts.kind = value
            if prop in _OBJECTIVE_PROPERTIES:
                facts.objectives.append(value)
            if prop in _PLACE_PROPERTIES:
                facts.places.append(value)
            if prop in _YEAR_PROPERTIES:
                year = year_of(value)
                if year is not None:
                    facts.years.append(year)
            if prop in _DATED_PROPERTIES:
                facts.dates[prop] = value
        return facts


class Ordered(NamedTuple):
    """A dimension's values in display order, their bitmaps, and the mean size of those not empty."""

    values: list[str]
    bitmaps: list[FrozenBitMap]
    typical: int


class FacetValue(NamedTuple):
    """One value of a facet and how many entries have it under the current filters."""

    value: str      # a concept, organisation or class IRI; for `year`, the year
    count: int


# Roaring keeps a chunk of 65,536 ids holding fewer than 4,096 of them as a sorted array, and
# intersecting thousands of small value bitmaps with arrays is ~15x slower than with bitsets.
# A sparse filtered set is therefore counted through its complement, which is dense:
# |value & base| = |value - complement(base)| -- in a dimension of many small values (organisations,
# countries). Where the values are arrays larger than the filtered set (objectives, regions:
# ~1,000 entries each at 10k), the set's few ids are the work and intersecting is up to 2x faster; values
# stored as bitsets (kind, language) count fastest against the bitset complement. `counts` chooses per
# dimension by the mean size of its values.
_ARRAY_LIMIT = 4096
_CHUNK = 1 << 16


_facet_value = partial(tuple.__new__, FacetValue)     # FacetValue((value, count)) at C speed
_EMPTY = FrozenBitMap()
_UNKNOWN = object()     # a complement not computed yet
VIEWS_KEPT = 8      # days whose facet values are kept computed (today, and the days readers ask for)


class DayView:
    """The values the dated facets give entries on one day, and each such dimension's bitmaps with them merged in."""

    __slots__ = ("extra", "ordered", "totals")

    def __init__(self, extra: dict[str, dict[str | int, BitMap]]):
        self.extra = extra                                   # dimension -> value -> entries, on that day
        self.ordered: dict[str, Ordered] = {}
        self.totals: dict[str, list[FacetValue]] = {}

    def add(self, entry_id: int, facets: Iterable[tuple[str, str | int]]) -> None:
        for dimension, value in facets:
            self.extra.setdefault(dimension, {}).setdefault(value, BitMap()).add(entry_id)
            self.ordered.pop(dimension, None)
            self.totals.pop(dimension, None)

    def discard(self, entry_id: int) -> None:
        for dimension, maps in self.extra.items():
            for bitmap in maps.values():
                if entry_id in bitmap:
                    bitmap.discard(entry_id)
                    self.ordered.pop(dimension, None)
                    self.totals.pop(dimension, None)


class FacetIndex:
    """BitMaps per (dimension, value), with the known values of each dimension."""

    def __init__(self) -> None:
        self.bitmaps: dict[str, dict[str | int, BitMap]] = {d: {} for d in DIMENSIONS}
        self._sorted: dict[str, Ordered] = {}
        self._totals: dict[str, list[FacetValue]] = {}
        self.size = 0       # 1 + the largest entry id seen
        self.views: OrderedDict[str, DayView] = OrderedDict()     # by day; the search index fills it

    def _changed(self, dimension: str) -> None:
        self._sorted.pop(dimension, None)
        self._totals.clear()
        for view in self.views.values():
            view.ordered.pop(dimension, None)
            view.totals.pop(dimension, None)

    def declare(self, dimension: str, values: Iterable[str | int]) -> None:
        """Make values known (listed with a zero count) before any entry uses them."""
        maps = self.bitmaps[dimension]
        for value in values:
            if value not in maps:
                maps[value] = BitMap()
                self._changed(dimension)

    def bitmap(self, dimension: str, value: str | int) -> BitMap:
        """The bitmap of a value to add entries to, created (and the value made known) on first use."""
        maps = self.bitmaps[dimension]
        bitmap = maps.get(value)
        if bitmap is None:
            bitmap = maps[value] = BitMap()
        self._changed(dimension)
        return bitmap

    def add(self, entry_id: int, facets: Iterable[tuple[str, str | int]]) -> None:
        for dimension, value in facets:
            self.bitmap(dimension, value).add(entry_id)
        self.size = max(self.size, entry_id + 1)

    def add_many(self, buckets: Mapping[tuple[str, str | int], list[int]]) -> None:
        """Bulk `add`: (dimension, value) -> entry ids."""
        for (dimension, value), ids in buckets.items():
            self.bitmap(dimension, value).update(ids)
            self.size = max(self.size, max(ids) + 1)

    def discard_everywhere(self, entry_id: int) -> None:
        """Take an entry out of every bitmap (a few thousand discards: rare, and under a millisecond or two)."""
        for maps in self.bitmaps.values():
            for bitmap in maps.values():
                bitmap.discard(entry_id)
        self._sorted.clear()
        self._totals.clear()
        for view in self.views.values():
            view.discard(entry_id)
            view.ordered.clear()
            view.totals.clear()

    def _ordered(self, dimension: str, view: DayView | None = None) -> Ordered:
        """The values as text in display order (IRIs in natural order, years ascending), their bitmaps, with
        the values the entries take on the day of `view` merged in, and the bitmaps' typical size.

        The bitmaps are frozen copies made in one go: counting walks thousands of them, and
        copies lying side by side in memory count twice as fast as bitmaps grown entry by entry.
        """
        extra = view.extra.get(dimension) if view is not None else None
        cache = view.ordered if extra else self._sorted
        ordered = cache.get(dimension)
        if ordered is None:
            maps = self.bitmaps[dimension]
            known = set(maps) | set(extra) if extra else maps
            values = sorted(known) if _BY_NAME[dimension].values == YEAR else sorted(known, key=natural_key)
            if extra:
                bitmaps = [FrozenBitMap(maps.get(v, _EMPTY) | extra.get(v, _EMPTY)) for v in values]
            else:
                bitmaps = [FrozenBitMap(maps[v]) for v in values]
            used = [len(b) for b in bitmaps if b]
            ordered = cache[dimension] = Ordered([str(v) for v in values], bitmaps, sum(used) // max(1, len(used)))
        return ordered

    def values(self, dimension: str) -> list[str]:
        """Known values of a dimension: IRIs in natural order, years ascending (as text)."""
        return list(self._ordered(dimension)[0])

    def union(self, dimension: str, values: Iterable[str | int], view: DayView | None = None) -> BitMap:
        """Entries with any of the values (OR within a facet) on the day of `view`; unknown values match nothing."""
        maps = self.bitmaps[dimension]
        extra = (view.extra.get(dimension) if view is not None else None) or {}
        values = list(values)
        return BitMap.union(BitMap(), *(maps[v] for v in values if v in maps), *(extra[v] for v in values if v in extra))

    def years_between(self, low: int | None, high: int | None) -> BitMap:
        years = [y for y in self.bitmaps["year"] if (low is None or y >= low) and (high is None or y <= high)]
        return self.union("year", years)

    def complement(self, base: BitMap) -> BitMap | None:
        """The entries not in `base` when `base` is sparse enough to be counted through them, else None.

        A search counting many dimensions over one filtered set computes it once and passes it to `counts`
        (it was taken for every dimension: ~5 us each, a tenth of a search at 10k entries).
        """
        return base.flip(0, self.size) if len(base) < _ARRAY_LIMIT * self.chunks() else None

    def chunks(self) -> int:
        """Roaring chunks of 65,536 ids the entries span."""
        return (self.size + _CHUNK - 1) // _CHUNK

    def counts(self, dimension: str, base: BitMap | None, view: DayView | None = None,
               complement: BitMap | None | object = _UNKNOWN) -> list[FacetValue]:
        """Every known value with its number of entries in `base` (None: all entries) on the day of `view`;
        `complement` is `self.complement(base)` when the caller has it already."""
        values, bitmaps, typical = self._ordered(dimension, view)
        if base is None or not typical:     # no filter, or no entry has a value: the totals, kept
            # (the synthetic practices have no status, original language or education facets; counting
            # their 60-odd empty values took ~20 us of every filtered search)
            cache = view.totals if view is not None and view.extra.get(dimension) else self._totals
            totals = cache.get(dimension)
            if totals is None:
                totals = cache[dimension] = list(map(_facet_value, zip(values, map(len, bitmaps))))
            return totals
        if _ARRAY_LIMIT * self.chunks() > typical >= len(base):
            complement = None       # values stored as arrays larger than the set (objectives): intersect
        elif complement is _UNKNOWN:
            complement = self.complement(base)
        if complement is not None:
            counts = map(FrozenBitMap.difference_cardinality, bitmaps, repeat(complement))
        else:
            counts = map(FrozenBitMap.intersection_cardinality, bitmaps, repeat(base))
        return list(map(_facet_value, zip(values, counts)))
