"""Answering a search over the index: facet counts, free-text matches, orders, one page of rows.

The reading half of `SearchIndex` (search_index.py builds the index and keeps
it in step with the store); `SearchIndex` inherits these methods and holds
the state they read. The semantics are written down in graph/search.py.
"""

from __future__ import annotations

import heapq
import logging
import time
import unicodedata
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field

from pyroaring import BitMap

from .search_facet_index import DIMENSIONS, FacetValue
from .search_facets import KIND_NAMES
from .search import FILTER_DIMENSIONS, InvalidParameter, ResultRow, SearchRequest, SearchResult
from .search_text_index import idf, terms

log = logging.getLogger("gcmkg.graph.search_index")


@dataclass
class TextMatch:
    """The entries a free text matches, with their relevance and, per language, their ranked order."""
    entries: BitMap                     # live entries holding every word
    scores: dict[int, float]            # their relevance
    ranked: dict[str, tuple[array, dict[int, int]]] = field(default_factory=dict)   # by language


def _fold(text: str) -> str:
    """Case- and accent-insensitive sort key."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _pick_title(packed: str, lang: str) -> tuple[str, str]:
    """(lang, title) from _pack_titles: the requested language, else English, else any (first by tag)."""
    if "\x1e" not in packed and "\x1f" in packed:     # one title (most entries): that one, whatever the language
        tag, title = packed.split("\x1f", 1)
        return tag, title
    titles = [tuple(pair.split("\x1f", 1)) for pair in packed.split("\x1e") if "\x1f" in pair]
    want = lang.split("-")[0].lower()
    for wanted in (want, "en"):
        for tag, title in titles:
            if tag.split("-")[0].lower() == wanted:
                return tag, title
    return titles[0] if titles else ("", "")


class SearchAnswers:
    """Counts, matches, orders and rows, read from the state a `SearchIndex` holds (under its lock)."""

    # -- reading ---------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.live)

    def __contains__(self, iri: str) -> bool:
        return iri in self._ids

    def __iter__(self) -> Iterator[str]:
        """The IRIs of the indexed entries."""
        with self._lock:
            return iter([self._iri[i] for i in self.live])

    def matching(self, q: str) -> list[str]:
        """The IRIs of every entry the free text matches, unordered (tests and benchmarks check counts with it)."""
        with self._lock:
            found = self._match_text(q)
            return [self._iri[i] for i in (found.entries & self.live if found is not None else self.live)]

    def facet_values(self, dimension: str) -> list[str]:
        """Every known value of a dimension (IRIs in natural order; years as text, ascending)."""
        if dimension not in DIMENSIONS:
            raise InvalidParameter(dimension, f"unknown facet (facets: {', '.join(DIMENSIONS)})")
        with self._lock:
            return self.facets.values(dimension)

    def label(self, iri: str, lang: str = "en") -> str | None:
        """The preferred label of a concept or organisation: in `lang`, else English, else any."""
        labels = self._pref_labels.get(iri)
        if not labels:
            return None
        want = lang.split("-")[0].lower()
        return labels.get(want) or labels.get("en") or labels[min(labels)]

    def search(self, request: SearchRequest) -> SearchResult:
        """Counts of every facet under the request's filters, and one page of results."""
        started = time.perf_counter()
        with self._lock:
            found = self._match_text(request.q)
            text = [found.entries] if found is not None else []
            at = request.on_day
            view = self.view(at)
            restrict = {d: self.facets.union(d, values, view) for d, values in request.filters.items()}
            if request.wider and "country" in restrict:
                restrict["country"] |= self.covering(request.filters["country"])
            if request.year_from is not None or request.year_to is not None:
                restrict["year"] = self.facets.years_between(request.year_from, request.year_to)
            every = self._intersect([*text, *restrict.values()])
            facets: dict[str, list[FacetValue]] = {}
            year_range = None
            complement = None if every is None else self.facets.complement(every)     # once for every dimension
            for dimension in request.facets:
                if dimension in restrict:
                    facets[dimension] = self.facets.counts(dimension, self._intersect(
                        [*text, *(b for d, b in restrict.items() if d != dimension)]), view)
                else:
                    facets[dimension] = self.facets.counts(dimension, every, view, complement)
                if dimension == "year":
                    years = [int(v) for v, n in facets[dimension] if n]
                    year_range = (years[0], years[-1]) if years else None
            result = every if every is not None else self.live
            ids = self._page(result, request, found)
            scores = found.scores if found is not None else None
            rows = [self._row(i, request.lang, scores, at) for i in ids]
        log.debug("search %r: %d results, %.1f ms", request, len(result), (time.perf_counter() - started) * 1000)
        return SearchResult(len(result), request.page, request.page_size, rows, facets, year_range)

    def _intersect(self, bitmaps: list[BitMap]) -> BitMap | None:
        """Live entries in every one of the sets; None when there is no set (every entry, unfiltered)."""
        return self.live.intersection(*bitmaps) if bitmaps else None

    # -- free text ---------------------------------------------------------------
    def _match_text(self, q: str) -> TextMatch | None:
        """Entries holding every word of q, in their own texts or a linked label, with their relevance."""
        words = tuple(terms(q))
        if not words:
            return None
        match = self._query_cache.get(words)
        if match is None:
            per_word = [self._match_word(w) for w in words]
            if len(per_word) == 1:
                entries, scores = per_word[0]
            else:
                entries = BitMap.intersection(*(m for m, _ in per_word))
                scores = {i: sum(s.get(i, 0.0) for _, s in per_word) for i in entries}
            match = self._query_cache[words] = TextMatch(entries, scores)
            if len(self._query_cache) > 32:
                self._query_cache.popitem(last=False)
        self._query_cache.move_to_end(words)
        return match

    def _match_word(self, word: str) -> tuple[BitMap, dict[int, float]]:
        cached = self._term_cache.get(word)
        if cached is not None:
            self._term_cache.move_to_end(word)
            return cached
        scores = self.text.entry_scores(word)
        via_labels = BitMap()
        for value_id in self.text.labelled(word):
            iri = self._value_iris[value_id]
            for bitmap in (*(self.facets.bitmaps[d].get(iri) for d in FILTER_DIMENSIONS), self._placed.get(iri)):
                if bitmap is not None:
                    via_labels |= bitmap
        if via_labels:
            # A label match counts as one mention of the word in a text of average length.
            weight = idf(len(via_labels), len(self.live))
            for i in via_labels:
                scores[i] = scores.get(i, 0.0) + weight
        matches = BitMap(scores) & self.live       # dead ids keep their contentless text rows
        scores = {i: scores[i] for i in matches}
        self._term_cache[word] = (matches, scores)
        if len(self._term_cache) > 64:
            self._term_cache.popitem(last=False)
        return matches, scores

    # -- ordering ------------------------------------------------------------------
    def _order(self, sort: str, lang: str) -> tuple[array, array]:
        """Every live entry in the order of a sort, and each entry's position in it."""
        key = (sort, lang.split("-")[0].lower())
        cached = self._orders.get(key)
        if cached is not None:
            return cached
        titles = {i: _fold(_pick_title(self._titles.get(i, ""), lang)[1]) for i in self.live}
        iris, years, scopes = self._iri, self._year, self._scope
        if sort == "title":
            ordered = sorted(self.live, key=lambda i: (titles[i], iris[i]))
        elif sort == "scope":
            ordered = sorted(self.live, key=lambda i: (scopes[i], titles[i], iris[i]))
        else:       # newest: latest year first, undated last, then title
            ordered = sorted(self.live, key=lambda i: (-years[i] if years[i] else 1, titles[i], iris[i]))
        rank = array("I", bytes(4 * len(self._kind)))
        for position, i in enumerate(ordered):
            rank[i] = position
        self._orders[key] = (array("I", ordered), rank)
        return self._orders[key]

    def _ranked(self, match: TextMatch, lang: str) -> tuple[array, dict[int, int]]:
        """The text matches by relevance, newest first among equals."""
        key = lang.split("-")[0].lower()
        cached = match.ranked.get(key)
        if cached is None:
            _, newest = self._order("newest", lang)
            scores = match.scores
            ordered = sorted(match.entries, key=lambda i: (-scores[i], newest[i]))
            cached = match.ranked[key] = (array("I", ordered), {i: p for p, i in enumerate(ordered)})
        return cached

    def _page(self, result: BitMap, request: SearchRequest, found: TextMatch | None) -> list[int]:
        start = (request.page - 1) * request.page_size
        wanted = start + request.page_size
        if start >= len(result):
            return []
        if request.sort == "relevance" and found is not None:
            ordered, rank = self._ranked(found, request.lang)
        else:
            ordered, rank = self._order("newest" if request.sort == "relevance" else request.sort, request.lang)
        if len(result) * 16 < len(ordered):       # few results: sort them
            return heapq.nsmallest(wanted, result, key=rank.__getitem__)[start:]
        page: list[int] = []
        for i in ordered:                           # many results: walk the order
            if i in result:
                page.append(i)
                if len(page) == wanted:
                    break
        return page[start:]

    def _row(self, entry_id: int, lang: str, scores: dict[int, float] | None, at: str) -> ResultRow:
        title_lang, title = _pick_title(self._titles.get(entry_id, ""), lang)
        objectives, places = (part.split() for part in self._links[entry_id].split("\t"))
        places += self.parties_at(entry_id, at)
        dimension = self.vocabulary.dimension
        return ResultRow(
            iri=self._iri[entry_id], kind=KIND_NAMES[self._kind[entry_id]],
            title=title, title_lang=title_lang, year=self._year[entry_id] or None,
            countries=tuple(dict.fromkeys(filter(None, map(self.vocabulary.country.get, places)))),
            regions=tuple(p for p in places if dimension.get(p) in ("region", "subregion")),
            objectives=tuple(objectives), score=scores.get(entry_id) if scores is not None else None)
