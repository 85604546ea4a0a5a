"""Search and facets over the published entries: the one place a filter gets its meaning.

The JSON API and the web pages both answer searches through `SearchIndex`, a
derived index of the public store (SPARQL GROUP BY cannot serve a facet
panel: seconds per filter state at 100k entries, where this takes
milliseconds). The store stays the source of truth: the index is rebuilt
from it at start-up and told about every write.

    index = SearchIndex.build(kg.public)
    kg.on_change(index.apply_changes)
    result = index.search(SearchRequest(q="remesas", filters={"country": [BRA]}, sort="newest"))

Semantics, in one place:
- entries are the public practices and national norms;
- several values of one facet combine with OR, facets with each other and
  with the free text with AND;
- each facet's counts apply every filter except that facet's own
  (disjunctive), and list every known value, zeros included;
- a place counts under its sub-region and region, an SDG target under its
  goal; only an entry scoped to the World (region/001) counts under it;
- free text matches an entry's own texts in every language or the labels,
  in every language, of the concepts and organisations it links to.
"""

from __future__ import annotations

import heapq
import re
import threading
import unicodedata
from array import array
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import unquote

from pyoxigraph import NamedNode
from pyroaring import BitMap

from gcmkg.names import APPROVED, ORGANISATION, RDF_TYPE

from . import search_queries as sq
from .facet_index import DIMENSIONS, KINDS, EntryFacts, FacetIndex, Vocabulary, natural_key
from .store import Store
from .text_index import TextIndex, idf, terms

SORTS = ("relevance", "newest", "title", "scope")
MAX_PAGE_SIZE = 100
MAX_QUERY_LENGTH = 500
FILTER_DIMENSIONS = tuple(d for d in DIMENSIONS if d != "year")
KIND_ALIASES = {name: iri for iri, name in KINDS.items()}        # "practice" -> gcm:Practice
REBUILD_ABOVE = 2000   # a write touching more entries than this rebuilds rather than upserts
_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")

_OBJECTIVE_SCHEMES = ("https://w3id.org/gcmkg/gcm/objectives",)
_SCHEMES = {
    "objective": _OBJECTIVE_SCHEMES,
    "principle": ("https://w3id.org/gcmkg/gcm/principles",),
    "type": ("https://w3id.org/gcmkg/practice-types", "https://w3id.org/gcmkg/norm-types"),
    "status": ("https://w3id.org/gcmkg/norm-statuses",),
}


class InvalidParameter(ValueError):
    """A search parameter that cannot be used; `parameter` names it (for a problem body)."""

    def __init__(self, parameter: str, detail: str):
        self.parameter = parameter
        super().__init__(f"{parameter}: {detail}")


@dataclass(frozen=True)
class SearchRequest:
    """One search: free text, facet filters (dimension -> value IRIs), a year range, sort, page.

    >>> SearchRequest(sort="popular")
    Traceback (most recent call last):
    ...
    gcmkg.graph.search.InvalidParameter: sort: unknown sort 'popular'; use one of relevance, newest, title, scope
    """

    q: str = ""
    filters: Mapping[str, Sequence[str]] = field(default_factory=dict)
    year_from: int | None = None
    year_to: int | None = None
    sort: str = "relevance"
    lang: str = "en"
    page: int = 1
    page_size: int = 20

    def __post_init__(self) -> None:
        if not isinstance(self.q, str) or len(self.q) > MAX_QUERY_LENGTH:
            raise InvalidParameter("q", f"must be text of at most {MAX_QUERY_LENGTH} characters")
        if self.sort not in SORTS:
            raise InvalidParameter("sort", f"unknown sort {self.sort!r}; use one of {', '.join(SORTS)}")
        if not isinstance(self.lang, str) or not _LANG.match(self.lang):
            raise InvalidParameter("lang", f"{self.lang!r} is not a language tag such as 'en' or 'es'")
        for name in ("year_from", "year_to"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, int) or isinstance(value, bool) or not 0 < value < 10000):
                raise InvalidParameter(name, f"{value!r} is not a year")
        if self.year_from is not None and self.year_to is not None and self.year_from > self.year_to:
            raise InvalidParameter("year_from", f"{self.year_from} is after year_to {self.year_to}")
        if not isinstance(self.page, int) or isinstance(self.page, bool) or self.page < 1:
            raise InvalidParameter("page", f"{self.page!r} is not a page number (1, 2, ...)")
        if (not isinstance(self.page_size, int) or isinstance(self.page_size, bool)
                or not 1 <= self.page_size <= MAX_PAGE_SIZE):
            raise InvalidParameter("page_size", f"{self.page_size!r} is not between 1 and {MAX_PAGE_SIZE}")
        filters: dict[str, tuple[str, ...]] = {}
        for dimension, values in dict(self.filters).items():
            if dimension not in FILTER_DIMENSIONS:
                hint = "; use year_from and year_to" if dimension == "year" else ""
                raise InvalidParameter(dimension, f"unknown facet{hint} (facets: {', '.join(FILTER_DIMENSIONS)})")
            if isinstance(values, str) or not all(isinstance(v, str) for v in values):
                raise InvalidParameter(dimension, "values must be a list of IRIs")
            if dimension == "kind":
                values = [KIND_ALIASES.get(v, v) for v in values]
            if values:
                filters[dimension] = tuple(dict.fromkeys(values))
        object.__setattr__(self, "filters", filters)

    @classmethod
    def from_params(cls, params: Mapping[str, str | Sequence[str]]) -> SearchRequest:
        """A request from URL query parameters (each a string or a list of strings), e.g. the API's.

        >>> SearchRequest.from_params({"objective": ["https://w3id.org/gcmkg/gcm/objective/7"], "page": "2"}).page
        2
        """
        def one(name: str) -> str | None:
            value = params.get(name)
            if value is None or isinstance(value, str):
                return value
            return value[-1] if value else None

        def number(name: str) -> int | None:
            text = one(name)
            if text in (None, ""):
                return None
            try:
                return int(text)
            except ValueError:
                raise InvalidParameter(name, f"{text!r} is not a whole number") from None

        controls = {"q", "sort", "lang", "page", "page_size", "year_from", "year_to"}
        unknown = [k for k in params if k not in controls and k not in FILTER_DIMENSIONS]
        if unknown:
            raise InvalidParameter(unknown[0], "unknown parameter")
        filters = {d: [params[d]] if isinstance(params[d], str) else list(params[d])
                   for d in FILTER_DIMENSIONS if d in params}
        return cls(q=one("q") or "", filters=filters, year_from=number("year_from"), year_to=number("year_to"),
                   sort=one("sort") or "relevance", lang=one("lang") or "en",
                   page=number("page") or 1, page_size=number("page_size") or 20)


@dataclass(frozen=True)
class FacetValue:
    value: str      # a concept or organisation IRI; for `year`, the year
    count: int


@dataclass(frozen=True)
class ResultRow:
    """What a result list shows; the caller fetches the full entry from the store."""

    iri: str
    kind: str                      # "practice" or "norm"
    title: str
    title_lang: str
    year: int | None
    countries: tuple[str, ...]
    regions: tuple[str, ...]       # regions the entry is scoped to as such (region/001 = global)
    objectives: tuple[str, ...]
    score: float | None = None     # relevance, when there is free text


@dataclass(frozen=True)
class SearchResult:
    total: int
    page: int
    page_size: int
    rows: list[ResultRow]
    facets: dict[str, list[FacetValue]]
    year_range: tuple[int, int] | None    # years present under every filter but the year range


_UNSEEN = object()


def _decode_fact(token: str, codes: list[str]) -> tuple[str, str] | None:
    """(role, value) from one token of search_queries.entry_facts_query's ?facts."""
    role, mark, payload = sq.ROLE_BY_LETTER.get(token[:1]), token[1:2], token[2:]
    if role is None or not payload:
        return None
    if mark == "#":
        return role, codes[int(payload)]
    if mark == "<":
        return role, payload
    if mark == '"':
        return role, unquote(payload)
    return None


def _fold(text: str) -> str:
    """Case- and accent-insensitive sort key."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _pick_title(titles: tuple[tuple[str, str], ...], lang: str) -> tuple[str, str]:
    """(lang, title): the requested language, else English, else any (first by language tag)."""
    want = lang.split("-")[0].lower()
    for wanted in (want, "en"):
        for tag, title in titles:
            if tag.split("-")[0].lower() == wanted:
                return tag, title
    return titles[0] if titles else ("", "")


class SearchIndex:
    """Facets (pyroaring bitmaps) and free text (SQLite FTS5) over the public entries of a store."""

    def __init__(self, store: Store):
        self.store = store
        self._lock = threading.RLock()
        self._reset()

    def _reset(self) -> None:
        self.facets = FacetIndex()
        self.text = TextIndex()
        self.vocabulary: Vocabulary | None = None
        self.live = BitMap()
        self._ids: dict[str, int] = {}                 # entry IRI -> its current id
        self._iri: list[str | None] = []
        self._kind = bytearray()                        # 0 practice, 1 norm
        self._year = array("h")                         # earliest year, 0 when unknown
        self._scope = bytearray()                       # 0 global, 1 regional, 2 national, 3 unknown
        self._titles: list[tuple[tuple[str, str], ...]] = []
        self._links: list[tuple[tuple[str, ...], tuple[str, ...]]] = []   # (objectives, places)
        self._value_ids: dict[str, int] = {}            # labelled value IRI -> label_text rowid
        self._value_iris: list[str] = []
        self._pref_labels: dict[str, dict[str, str]] = {}
        self._orders: dict[tuple[str, str], tuple[list[int], array]] = {}
        self._term_cache: OrderedDict[str, tuple[BitMap, dict[int, float]]] = OrderedDict()
        self._id_lock = threading.Lock()

    # -- building ------------------------------------------------------------
    @classmethod
    def build(cls, store: Store) -> SearchIndex:
        """Read the public store with a few SELECTs and index every public practice and norm."""
        index = cls(store)
        index._load()
        return index

    def _load(self) -> None:
        store = self.store
        concepts = [(r["concept"].value, r["scheme"].value, r["type"].value if "type" in r else None)
                    for r in store.select(sq.CONCEPTS)]
        broader = [(r["concept"].value, r["broader"].value) for r in store.select(sq.BROADER)]
        regions = [r["region"].value for r in store.select(sq.M49_REGIONS)]
        vocabulary = self.vocabulary = Vocabulary(concepts, broader, regions)
        organisations = [r["organisation"].value for r in store.select(sq.ORGANISATIONS)]
        self._declare_known_values(organisations)
        labels: dict[str, list[tuple[str, str, bool]]] = {}
        for r in store.select(sq.LABELS):
            label = r["label"]
            labels.setdefault(r["concept"].value, []).append((label.value, label.language or "", "preferred" in r))
        self._set_labels(labels)

        # Facts and texts are two long reads; Oxigraph decodes on another core while Python indexes.
        codes = sorted({iri for iri in vocabulary.scheme} | set(organisations) | set(KINDS) | {APPROVED.value})
        with ThreadPoolExecutor(1) as pool:
            texts = pool.submit(self._read_texts)
            self._read_facts(store.run(sq.entry_facts_query({iri: str(i) for i, iri in enumerate(codes)})), codes)
            texts.result()
        self._orders.clear()

    def _declare_known_values(self, organisations: Iterable[str]) -> None:
        vocabulary = self.vocabulary
        self.facets.declare("kind", KINDS)
        for dimension, schemes in _SCHEMES.items():
            self.facets.declare(dimension, vocabulary.in_schemes(schemes))
        for dimension in ("sdg_goal", "sdg_target", "region", "subregion", "country"):
            self.facets.declare(dimension, vocabulary.of_dimension(dimension))
        self.facets.declare("organisation", organisations)

    def _set_labels(self, labels: Mapping[str, list[tuple[str, str, bool]]]) -> None:
        rows = []
        for iri, items in labels.items():
            value_id = self._value_ids.get(iri)
            if value_id is None:
                value_id = self._value_ids[iri] = len(self._value_iris)
                self._value_iris.append(iri)
            self._pref_labels[iri] = {lang: text for text, lang, preferred in items if preferred}
            rows.append((value_id, "\n".join(text for text, _, _ in items)))
        self.text.set_labels(rows)

    def _new_id(self, iri: str) -> int:
        with self._id_lock:
            entry_id = self._ids.get(iri)
            if entry_id is None:
                entry_id = self._ids[iri] = len(self._iri)
                self._iri.append(iri)
                self._kind.append(0)
                self._year.append(0)
                self._scope.append(3)
                self._titles.append(())
                self._links.append(((), ()))
            return entry_id

    def _read_facts(self, solutions, codes: list[str]) -> None:
        decoded: dict[str, tuple[str, str] | None] = {}
        buckets: dict[tuple[str, str | int], list[int]] = defaultdict(list)
        for solution in solutions:
            statements = []
            for token in solution["facts"].value.split(" "):
                statement = decoded.get(token, _UNSEEN)
                if statement is _UNSEEN:
                    statement = decoded[token] = _decode_fact(token, codes)
                if statement is not None:
                    statements.append(statement)
            facts = self.vocabulary.facts(statements)
            if facts.kind and facts.approved:
                entry_id = self._new_id(solution["e"].value)
                self._describe(entry_id, facts)
                for facet in facts.facets:
                    buckets[facet].append(entry_id)
        for (dimension, value), ids in buckets.items():
            self.facets.bitmap(dimension, value).update(ids)

    def _read_texts(self) -> None:
        self.text.add_entries(self._text_rows(self.store.run(sq.ENTRY_TEXTS)))

    def _text_rows(self, solutions) -> Iterable[tuple[int, str, str]]:
        title_field = str(sq.TEXT_PROPERTIES.index(sq.TITLE_PROPERTY))
        for solution in solutions:
            texts = []
            for piece in solution["texts"].value.split(sq.TEXT_SEPARATOR):
                parts = piece.split(" ", 2)
                if len(parts) == 3 and parts[0].isdigit():
                    texts.append(tuple(parts))
                elif texts:         # the separator inside a text: glue it back
                    texts[-1] = (*texts[-1][:2], texts[-1][2] + sq.TEXT_SEPARATOR + piece)
            yield self._text_row(self._new_id(solution["e"].value), texts, title_field)

    def _text_row(self, entry_id: int, texts: list[tuple[str, str, str]], title_field: str) -> tuple[int, str, str]:
        titles = sorted({(lang, text) for f, lang, text in texts if f == title_field})
        self._titles[entry_id] = tuple(titles)
        return (entry_id, "\n".join(t for _, t in titles),
                "\n".join(text for f, _, text in texts if f != title_field))

    def _index_facts(self, entry_id: int, facts: EntryFacts) -> None:
        self.facets.add(entry_id, facts.facets)
        self._describe(entry_id, facts)

    def _describe(self, entry_id: int, facts: EntryFacts) -> None:
        """What result rows and sorts need of an entry."""
        dimension = self.vocabulary.dimension
        self._kind[entry_id] = 0 if KINDS[facts.kind] == "practice" else 1
        self._year[entry_id] = min(facts.years) if facts.years else 0
        kinds = {dimension.get(p) for p in facts.places}
        self._scope[entry_id] = (0 if sq.WORLD in facts.places else 1 if kinds & {"region", "subregion"}
                                 else 2 if facts.places else 3)
        self._links[entry_id] = (tuple(sorted(set(facts.objectives), key=natural_key)), tuple(facts.places))
        self.live.add(entry_id)

    # -- keeping in step with writes ------------------------------------------
    def upsert(self, iri: str | NamedNode) -> None:
        """Re-read one resource from the store: index it, re-index it, or drop it if it is no longer public.

        An organisation's labels and facet value are refreshed the same way.
        """
        iri = iri.value if isinstance(iri, NamedNode) else iri
        rows = self.store.select(sq.STATEMENTS_OF, {"entry": NamedNode(iri)})
        with self._lock:
            self._forget(iri)
            types = {r["v"].value for r in rows if r["p"] == RDF_TYPE}
            if ORGANISATION.value in types:
                self.facets.declare("organisation", [iri])
                self._set_labels({iri: [(r["v"].value, r["v"].language or "", r["p"].value.endswith("prefLabel"))
                                        for r in rows if r["p"].value in (sq.PREF_LABEL, sq.ALT_LABEL)]})
            facts = self.vocabulary.facts((sq.FACET_PROPERTIES[r["p"].value], r["v"].value)
                                          for r in rows if r["p"].value in sq.FACET_PROPERTIES)
            if not (facts.kind and facts.approved):
                return
            entry_id = self._new_id(iri)
            self._index_facts(entry_id, facts)
            fields = {p: str(i) for i, p in enumerate(sq.TEXT_PROPERTIES)}
            texts = [(fields[r["p"].value], r["v"].language or "", r["v"].value) for r in rows
                     if r["p"].value in fields and not isinstance(r["v"], NamedNode)]
            self.text.add_entries([self._text_row(entry_id, texts, fields[sq.TITLE_PROPERTY])])

    def remove(self, iri: str | NamedNode) -> None:
        """Drop an entry from the index (it was deleted or withdrawn from the public store)."""
        with self._lock:
            self._forget(iri.value if isinstance(iri, NamedNode) else iri)

    def _forget(self, iri: str) -> None:
        entry_id = self._ids.pop(iri, None)
        self._orders.clear()
        self._term_cache.clear()
        if entry_id is None:
            return
        # The old id stays dead; its contentless text row is skipped by `live`.
        self.live.discard(entry_id)
        self.facets.discard_everywhere(entry_id)
        self._iri[entry_id] = None
        self._titles[entry_id] = ()
        self._links[entry_id] = ((), ())

    def apply_changes(self, iris: Iterable[str]) -> None:
        """The KnowledgeGraph.on_change listener: re-read what a write changed (a big load rebuilds)."""
        iris = list(iris)
        if len(iris) > REBUILD_ABOVE:
            fresh = SearchIndex.build(self.store)
            with self._lock:
                state = dict(fresh.__dict__)
                state.pop("_lock")
                self.__dict__.update(state)
            return
        for iri in iris:
            self.upsert(iri)

    # -- reading ---------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.live)

    def __contains__(self, iri: str) -> bool:
        return iri in self._ids

    def facet_values(self, dimension: str) -> list[str]:
        """Every known value of a dimension (IRIs in natural order; years as text, ascending)."""
        if dimension not in DIMENSIONS:
            raise InvalidParameter(dimension, f"unknown facet (facets: {', '.join(DIMENSIONS)})")
        with self._lock:
            return [str(v) for v in self.facets.values(dimension)]

    def label(self, iri: str, lang: str = "en") -> str | None:
        """The preferred label of a concept or organisation: in `lang`, else English, else any."""
        labels = self._pref_labels.get(iri)
        if not labels:
            return None
        want = lang.split("-")[0].lower()
        return labels.get(want) or labels.get("en") or labels[min(labels)]

    def search(self, request: SearchRequest) -> SearchResult:
        """Counts of every facet under the request's filters, and one page of results."""
        with self._lock:
            found = self._match_text(request.q)
            restrict = {d: self.facets.union(d, values) for d, values in request.filters.items()}
            if request.year_from is not None or request.year_to is not None:
                restrict["year"] = self.facets.years_between(request.year_from, request.year_to)
            every = self._intersect(found, restrict.values())
            facets: dict[str, list[FacetValue]] = {}
            year_range = None
            for dimension in DIMENSIONS:
                base = every if dimension not in restrict else self._intersect(
                    found, (b for d, b in restrict.items() if d != dimension))
                counts = self.facets.counts(dimension, base)
                facets[dimension] = [FacetValue(str(v), n) for v, n in counts]
                if dimension == "year":
                    years = [v for v, n in counts if n]
                    year_range = (years[0], years[-1]) if years else None
            result = every if every is not None else self.live
            ids = self._page(result, request, found)
            scores = found[1] if found else None
            rows = [self._row(i, request.lang, scores) for i in ids]
            return SearchResult(len(result), request.page, request.page_size, rows, facets, year_range)

    def _intersect(self, found, bitmaps: Iterable[BitMap]) -> BitMap | None:
        """Entries under the text match and the given filters; None means every entry, unfiltered."""
        sets = [b for b in bitmaps]
        if found is not None:
            sets.append(found[0])
        if not sets:
            return None
        return self.live.intersection(*sets)

    # -- free text ---------------------------------------------------------------
    def _match_text(self, q: str) -> tuple[BitMap, dict[int, float]] | None:
        """(matching entries, relevance) for the query's words, each word in the text or a linked label."""
        words = terms(q)
        if not words:
            return None
        per_word = [self._match_word(w) for w in words]
        matches = BitMap.intersection(*(m for m, _ in per_word)) if len(per_word) > 1 else per_word[0][0]
        if len(per_word) == 1:
            return matches, per_word[0][1]
        scores = {i: sum(s.get(i, 0.0) for _, s in per_word) for i in matches}
        return matches, scores

    def _match_word(self, word: str) -> tuple[BitMap, dict[int, float]]:
        cached = self._term_cache.get(word)
        if cached is not None:
            self._term_cache.move_to_end(word)
            return cached
        scores = self.text.entry_scores(word)
        in_text = BitMap(scores) & self.live
        via_labels = BitMap()
        for value_id in self.text.labelled(word):
            iri = self._value_iris[value_id]
            for dimension in FILTER_DIMENSIONS:
                bitmap = self.facets.bitmaps[dimension].get(iri)
                if bitmap is not None:
                    via_labels |= bitmap
        matches = in_text | via_labels
        if via_labels:
            # A label match counts as one mention of the word in an average-length text.
            weight = idf(len(via_labels), len(self.live))
            for i in via_labels:
                scores[i] = scores.get(i, 0.0) + weight
        scores = {i: s for i, s in scores.items() if i in matches}
        self._term_cache[word] = (matches, scores)
        if len(self._term_cache) > 64:
            self._term_cache.popitem(last=False)
        return matches, scores

    # -- ordering ------------------------------------------------------------------
    def _order(self, sort: str, lang: str) -> tuple[list[int], array]:
        """Every live entry in the order of a sort, and each entry's position in it."""
        key = (sort, lang.split("-")[0].lower())
        cached = self._orders.get(key)
        if cached is not None:
            return cached
        titles = {i: _fold(_pick_title(self._titles[i], lang)[1]) for i in self.live}
        if sort == "title":
            ordered = sorted(self.live, key=lambda i: (titles[i], self._iri[i]))
        elif sort == "scope":
            ordered = sorted(self.live, key=lambda i: (self._scope[i], titles[i], self._iri[i]))
        else:       # newest: latest year first, undated last, then title
            ordered = sorted(self.live, key=lambda i: (-self._year[i] if self._year[i] else 1, titles[i], self._iri[i]))
        rank = array("I", bytes(4 * len(self._iri)))
        for position, i in enumerate(ordered):
            rank[i] = position
        self._orders[key] = (ordered, rank)
        return ordered, rank

    def _page(self, result: BitMap, request: SearchRequest, found) -> list[int]:
        start = (request.page - 1) * request.page_size
        wanted = start + request.page_size
        if start >= len(result):
            return []
        sort = request.sort
        if sort == "relevance" and found is None:
            sort = "newest"
        ordered, rank = self._order("newest" if sort == "relevance" else sort, request.lang)
        if sort == "relevance":
            scores = found[1]
            best = heapq.nsmallest(wanted, result, key=lambda i: (-scores.get(i, 0.0), rank[i]))
            return best[start:]
        if len(result) * 16 < len(ordered):       # few results: sort them
            return heapq.nsmallest(wanted, result, key=rank.__getitem__)[start:]
        page: list[int] = []
        for i in ordered:                           # many results: walk the order
            if i in result:
                page.append(i)
                if len(page) == wanted:
                    break
        return page[start:]

    def _row(self, entry_id: int, lang: str, scores: dict[int, float] | None) -> ResultRow:
        title_lang, title = _pick_title(self._titles[entry_id], lang)
        objectives, places = self._links[entry_id]
        dimension = self.vocabulary.dimension
        return ResultRow(
            iri=self._iri[entry_id], kind="practice" if self._kind[entry_id] == 0 else "norm",
            title=title, title_lang=title_lang, year=self._year[entry_id] or None,
            countries=tuple(p for p in places if dimension.get(p) == "country"),
            regions=tuple(p for p in places if dimension.get(p) in ("region", "subregion")),
            objectives=objectives, score=scores.get(entry_id) if scores is not None else None)
