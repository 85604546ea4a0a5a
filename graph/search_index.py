"""The search index: facets (pyroaring bitmaps) and free text (SQLite FTS5) over the public entries.

Built from the public store with a few SELECTs (search_queries), kept in
step with every write through `apply_changes` (KnowledgeGraph.on_change):
that is this module. It is queried with a `search.SearchRequest` through the
methods it inherits from search_answers.py. The semantics are written down
in `search`'s docstring; these modules make them fast.

Entry ids are dense ints. A re-indexed entry gets a new id and its old one
stays dead: the text index is contentless and cannot delete a row without
its old text, so `live` filters text matches.
"""

from __future__ import annotations

import csv
import logging
import tempfile
import threading
import time
from array import array
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote

from pyoxigraph import BlankNode, NamedNode, QueryResultsFormat
from pyroaring import BitMap

from gcmkg.names import APPROVED, DATASET_BASE, RDF_TYPE, WORLD, is_system_graph

from . import change_log, search_saved_index
from . import search_queries as sq
from .amendments import Amended, amended_by, amended_norms
from .instrument_parties import PartyTimeline, party_timelines, today
from .practice_status import is_true, practice_status
from .search_answers import SearchAnswers, TextMatch
from .search_facet_index import FACETS, READERS, VIEWS_KEPT, DayView, EntryFacts, FacetIndex, Vocabulary, natural_key
from .search_facets import (ENTRY_KINDS, HAS_DATA, INDICATOR_DATA, KIND, KIND_NAMES, KINDS, NO_DATA,
                            PLACE_FACETS, PRACTICE_STATUS, ROLLED_UP, STATUS)
from .store import Store
from .search_text_index import TextIndex

log = logging.getLogger(__name__)

_START, _END, _ONGOING = next(f.properties for f in FACETS if f.name == PRACTICE_STATUS)   # a practice's dates
_PLACE_PROPERTIES = next(f.properties for f in FACETS if f.name == PLACE_FACETS[-1])   # where a place is stated
_PLACE = _PLACE_PROPERTIES[0]

_PRACTICE, _NORM, _INSTRUMENT = ENTRY_KINDS

REBUILD_ABOVE = 2000   # a write touching more entries than this rebuilds rather than upserts
WORN_ABOVE = 1000      # a saved index with more dead ids than this (and a quarter of its entries) is rebuilt

_UNSEEN = object()


def _save_csv(store: Store, query: str, path: Path) -> Path:
    store.run(query).serialize(str(path), format=QueryResultsFormat.CSV)
    return path


def _csv_rows(path: Path) -> Iterable[tuple[str, str]]:
    """(first, second) column of a SPARQL CSV result file, header skipped."""
    with path.open(newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        next(rows, None)
        for row in rows:
            if len(row) >= 2:
                yield row[0], row[1]


def _decode_fact(token: str, codes: list[str]) -> tuple[str, str] | None:
    """(property, value) from one token of search_queries.entry_facts_query's ?facts."""
    role, mark, payload = sq.PROPERTY_BY_LETTER.get(token[:1]), token[1:2], token[2:]
    if role is None or not payload:
        return None
    if mark == "#":
        return role, codes[int(payload)]
    if mark == "<":
        return role, payload
    if mark == '"':
        return role, unquote(payload)
    return None


def _pack_titles(titles: Iterable[tuple[str, str]]) -> str:
    """(lang, title) pairs as one string, which the garbage collector need not walk."""
    return "\x1e".join(f"{lang}\x1f{' '.join(title.split())}" for lang, title in titles)


class SearchIndex(SearchAnswers):
    """Facets (pyroaring bitmaps) and free text (SQLite FTS5) over the public entries of a store."""

    def __init__(self, store: Store):
        """An empty index of `store`; `reload` fills it. `SearchIndex.build(store)` does both."""
        self.store = store
        self._lock = threading.RLock()
        self._loading = False
        self._pending: set[str] = set()     # IRIs written while loading, applied once it is done
        self.facets = FacetIndex()
        self.text = TextIndex()
        self.vocabulary: Vocabulary | None = None
        self.live = BitMap()
        self._ids: dict[str, int] = {}                 # entry IRI -> its current id
        # Per entry id. Only dicts of str and arrays: the garbage collector skips them, where a
        # full collection walking 100k-item lists paused a search for 15 ms every ~16 searches.
        self._iri: dict[int, str] = {}
        self._kind = bytearray()                        # index in ENTRY_KINDS: 0 practice, 1 norm, 2 instrument
        self._year = array("h")                         # earliest year, 0 when unknown
        self._scope = bytearray()                       # 0 global, 1 regional, 2 national, 3 unknown
        self._titles: dict[int, str] = {}               # _pack_titles
        self._links: dict[int, str] = {}                # objectives TAB places, space-separated IRIs
        self._value_ids: dict[str, int] = {}            # labelled value IRI -> label_text rowid
        self._value_iris: list[str] = []
        self._pref_labels: dict[str, dict[str, str]] = {}
        self._orders: dict[tuple[str, str], tuple[array, array]] = {}
        # What the facets computed per day follow from, per entry id: ("parties", PartyTimeline),
        # ("status", Amended), ("practice", start, end, ongoing); and each amended norm's Amended by IRI.
        self._dated: dict[int, list[tuple]] = {}
        self._amended: dict[str, Amended] = {}
        self._covered: frozenset[str] = frozenset()     # countries with observations in a loaded dataset
        self._scoped: dict[str, BitMap] = {}            # region IRI -> entries scoped to it as such (as stated)
        # A place below the country -> the entries stated in it: it has no facet value of its own (it rolls
        # up to its country), so this is how its name finds them.
        self._placed: dict[str, BitMap] = {}
        self._term_cache: OrderedDict[str, tuple[BitMap, dict[int, float]]] = OrderedDict()
        self._query_cache: OrderedDict[tuple[str, ...], TextMatch] = OrderedDict()
        self.timings: dict[str, float] = {}     # seconds since the build started, at the end of each step
        # What the index is known to be in step with: the store's version (embedded) or the
        # change-log time from which a follower brings it up to date (shared); see `save`.
        self.mark: str | None = None
        self.saved_mark: str | None = None      # the mark of the last index file read or written

    # What a saved index holds (besides the facets and the text, which have their own form).
    _SAVED = ("vocabulary", "live", "_ids", "_iri", "_kind", "_year", "_scope", "_titles", "_links",
              "_value_ids", "_value_iris", "_pref_labels", "_orders",
              "_dated", "_amended", "_covered", "_scoped", "_placed")

    # -- building ------------------------------------------------------------
    @classmethod
    def build(cls, store: Store) -> SearchIndex:
        """Read the public store with a few SELECTs and index every public practice and norm.

        A server that takes writes while it starts registers the listener first, so
        nothing written during the build is missed:

            index = SearchIndex(kg.public)
            kg.on_change(index.apply_changes)
            index.reload()
        """
        index = cls(store)
        index.reload()
        return index

    @classmethod
    def open(cls, store: Store, saved: Path | None = None, *, since: str | None = None) -> SearchIndex:
        """The index of `store`: read from the file `saved` if it still describes the store, else built
        from the store and saved there (see search_saved_index). Without `saved`, `build`.

        On a shared store, `since` is the change-log time read before the build
        (change_log.server_now): the rebuilt index is in step with the log from
        then on. Follow the log from `index.mark` either way.
        """
        index = cls.saved(store, saved) if saved is not None else None
        if index is not None and not index._worn():
            return index
        log.info("search index: building it from the store (about 20 s per 100k entries on two cores)")
        index = cls(store)
        index.reload()
        if store.shared:
            index.mark = since
        if saved is not None:
            index.save(saved, mark=index.mark)
        return index

    @classmethod
    def saved(cls, store: Store, path: Path) -> SearchIndex | None:
        """The index saved in `path` if it still describes `store`, else None.

        Embedded: it was built from the store's current version. Shared: the
        store's change log still holds every change since the index's mark, so
        a follower starting there brings it up to date.
        """
        found = search_saved_index.read(path)
        if found is None:
            return None
        mark, state = found
        current = mark is not None and (change_log.still_holds(store, mark) if store.shared
                                        else mark == store.version())
        if not current:
            log.info("search index file %s is out of date; rebuilding", path)
            return None
        index = cls(store)
        index._restore(state)
        index.mark = index.saved_mark = mark
        log.info("search index: %d entries read from %s", len(index.live), path)
        return index

    def _worn(self) -> bool:
        """Many dead ids: entries re-indexed since the last rebuild leave their old text rows behind
        (the text index is contentless), so a long-lived saved index is rebuilt now and then."""
        return len(self._kind) - len(self.live) > max(WORN_ABOVE, len(self.live) // 4)

    def save(self, path: Path, *, mark: str | None = None) -> bool:
        """Write the index to `path` if it changed since last read or written; False when nothing was written.

        Only an index known to be in step with the store is written. Embedded:
        its build saw no write and it took in every write since (the one
        process sees them all), so its mark is the store's version. Shared:
        `mark` is the change-log time up to which its follower handed it every
        change (ChangeFollower.since).
        """
        with self._lock:
            if self.store.shared:
                if mark is None:
                    return False
            else:
                mark = self.mark
                if mark is None or mark != self.store.version():
                    return False
            if self._loading or self._pending or (mark == self.saved_mark and Path(path).exists()):
                return False
            started = time.perf_counter()
            size = search_saved_index.write(path, mark, self._state())
            self.saved_mark = mark
        log.info("search index saved to %s (%.0f MiB, %.1f s)", path, size / 2**20, time.perf_counter() - started)
        return True

    def _state(self) -> dict:
        state = {name: getattr(self, name) for name in self._SAVED}
        state["facet_bitmaps"], state["facet_size"] = self.facets.bitmaps, self.facets.size
        state["text"] = self.text.to_bytes()
        return state

    def _restore(self, state: dict) -> None:
        for name in self._SAVED:
            setattr(self, name, state[name])
        self.facets.bitmaps, self.facets.size = state["facet_bitmaps"], state["facet_size"]
        self.text = TextIndex(state["text"])

    def reload(self) -> None:
        """Rebuild from the store; searches see the old index until the new one is ready."""
        with self._lock:
            self._loading = True
        try:
            fresh = SearchIndex(self.store)
            version = None if self.store.shared else self.store.version()
            fresh._load()
            # In step with that version only if no write came between.
            fresh.mark = version if version is not None and version == self.store.version() else None
        finally:
            with self._lock:
                self._loading = False
        with self._lock:
            self.__dict__.update({k: v for k, v in fresh.__dict__.items()
                                  if k not in ("_lock", "_loading", "_pending", "saved_mark")})
            pending, self._pending = self._pending, set()
        for iri in sorted(pending):
            self.upsert(iri)
        if pending:
            self._caught_up()

    def _load(self) -> None:
        store = self.store
        clock = time.perf_counter
        started = clock()
        concepts = [(r["concept"].value, r["scheme"].value, r["type"].value if "type" in r else None)
                    for r in store.select(sq.CONCEPTS)]
        broader = [(r["concept"].value, r["broader"].value) for r in store.select(sq.BROADER)]
        regions = [r["region"].value for r in store.select(sq.M49_REGIONS)]
        members = [(r["grouping"].value, r["member"].value) for r in store.select(sq.GROUPING_MEMBERS)]
        vocabulary = self.vocabulary = Vocabulary(concepts, broader, regions, members)
        organisations = [(r["organisation"].value, r["class"].value) for r in store.select(sq.INSTANCES)]
        self._declare_known_values(organisations)
        labels: dict[str, list[tuple[str, str, bool]]] = {}
        for r in store.select(sq.LABELS):
            label = r["label"]
            labels.setdefault(r["concept"].value, []).append((label.value, label.language or "", "preferred" in r))
        self._set_labels(labels)
        self.timings["vocabulary"] = clock() - started

        # Facts and texts are two long reads. Oxigraph writes each to a CSV file on its own core
        # without the GIL (iterating rows in Python would make the two threads take turns),
        # then Python indexes them.
        codes = sorted({iri for iri in vocabulary.scheme} | {iri for iri, _ in organisations} | set(KINDS)
                       | {APPROVED.value})
        facts_query = sq.entry_facts_query({iri: str(i) for i, iri in enumerate(codes)})
        with tempfile.TemporaryDirectory(prefix="gcmkg-search-") as tmp, ThreadPoolExecutor(2) as pool:
            facts = pool.submit(_save_csv, store, facts_query, Path(tmp, "facts.csv"))
            texts = pool.submit(_save_csv, store, sq.ENTRY_TEXTS, Path(tmp, "texts.csv"))
            timelines, amended = party_timelines(store), amended_norms(store)       # instruments and norms: few
            self._covered = self._covered_countries()
            self._read_facts(_csv_rows(facts.result()), codes, timelines, amended)
            self.timings["facts"] = clock() - started
            # Python work stays on this thread: threads running Python at once take turns on the GIL.
            self.text.add_entries(self._text_rows(_csv_rows(texts.result())))
            self.timings["texts"] = clock() - started
        self._order("newest", "en")     # the default order, so the first visitor does not wait for it
        self.view(today())              # and the facets computed for today
        self.timings["ordered"] = clock() - started
        log.info("search index: %d entries built in %.1f s (%s)", len(self.live), self.timings["ordered"],
                 ", ".join(f"{step} {seconds:.1f}" for step, seconds in self.timings.items()))

    def _declare_known_values(self, instances: Iterable[tuple[str, str]]) -> None:
        """List each facet's known values (at zero until an entry has them), as its declaration says."""
        vocabulary = self.vocabulary
        for facet in FACETS:
            if facet.values == KIND:
                self.facets.declare(facet.name, KINDS)
            if facet.schemes:
                self.facets.declare(facet.name, vocabulary.in_schemes(facet.schemes))
            if facet.values == ROLLED_UP:
                self.facets.declare(facet.name, vocabulary.of_dimension(facet.name))
        self._declare_instances(instances)

    def _declare_instances(self, instances: Iterable[tuple[str, str]]) -> None:
        """Known values that are instances of a class (organisations): (IRI, class) pairs."""
        instances = list(instances)
        for facet in FACETS:
            if facet.instances_of:
                self.facets.declare(facet.name, [iri for iri, class_ in instances if class_ == facet.instances_of])

    def _set_labels(self, labels: Mapping[str, list[tuple[str, str, bool]]]) -> None:
        rows = []
        for iri, items in labels.items():
            value_id = self._value_ids.get(iri)
            if value_id is None:
                value_id = self._value_ids[iri] = len(self._value_iris)
                self._value_iris.append(iri)
            self._pref_labels[iri] = {lang: text for text, lang, preferred in items if preferred}
            rows.append((value_id, [(lang, text) for text, lang, _ in items]))
        self.text.set_labels(rows)

    def _new_id(self, iri: str) -> int:
        entry_id = self._ids.get(iri)
        if entry_id is None:
            entry_id = self._ids[iri] = len(self._kind)
            self._iri[entry_id] = iri
            self._kind.append(0)
            self._year.append(0)
            self._scope.append(3)
        return entry_id

    def _read_facts(self, rows: Iterable[tuple[str, str]], codes: list[str],
                    timelines: Mapping[str, PartyTimeline], amended: Mapping[str, Amended]) -> None:
        resolved: dict[str, tuple[tuple[str, str], tuple] | None] = {}
        buckets: dict[tuple[str, str | int], list[int]] = defaultdict(list)
        vocabulary = self.vocabulary
        for iri, facts_text in rows:
            statements = []
            for token in facts_text.split(" "):
                found = resolved.get(token, _UNSEEN)
                if found is _UNSEEN:
                    statement = _decode_fact(token, codes)
                    found = resolved[token] = (statement, vocabulary.facets_of(*statement)) if statement else None
                if found is not None:
                    statements.append(found)
            facts = vocabulary.collect(statements)
            if facts.kind and facts.approved:
                entry_id = self._new_id(iri)
                self._take_dated(entry_id, iri, facts, timelines.get(iri), amended.get(iri))
                self._describe(entry_id, facts)
                for facet in facts.facets:
                    buckets[facet].append(entry_id)
        self.facets.add_many(buckets)

    def _text_rows(self, rows: Iterable[tuple[str, str]]) -> Iterable[tuple[int, list, list]]:
        title_field = str(sq.TEXT_PROPERTIES.index(sq.TITLE_PROPERTY))
        separator = sq.TEXT_SEPARATOR
        ids = self._ids
        for iri, joined in rows:
            entry_id = ids.get(iri)
            if entry_id is None:
                continue        # not a public entry (a scheme's title, the ontology's description)
            texts = []
            for piece in joined.split(separator):
                parts = piece.split(" ", 2)
                if len(parts) == 3 and parts[0].isdigit():
                    texts.append(parts)
                elif texts:         # the separator inside a text: glue it back
                    texts[-1][2] += separator + piece
            yield self._text_row(entry_id, texts, title_field)

    def _text_row(self, entry_id: int, texts: list, title_field: str) -> tuple[int, list, list]:
        titles = sorted({(lang, text) for field_, lang, text in texts if field_ == title_field})
        self._titles[entry_id] = _pack_titles(titles)
        return entry_id, titles, [(lang, text) for field_, lang, text in texts if field_ != title_field]

    def _index_facts(self, entry_id: int, facts: EntryFacts) -> None:
        self.facets.add(entry_id, facts.facets)
        self._describe(entry_id, facts)

    def _take_dated(self, entry_id: int, iri: str, facts: EntryFacts, timeline: PartyTimeline | None,
                    amended: Amended | None) -> None:
        """Keep what an entry's facets computed per day follow from; an amended norm's status as stated
        gives way to the one computed from its amenders (graph/amendments.py)."""
        kind = KIND_NAMES[ENTRY_KINDS.index(facts.kind)]
        items: list[tuple] = []
        if timeline is not None and kind == "instrument":
            items.append(("parties", timeline))
        if amended is not None and kind != "practice":
            items.append(("status", amended))
            facts.facets = [f for f in facts.facets if f[0] != STATUS]
            self._amended[iri] = amended
        if kind == "practice" and facts.dates:
            items.append(("practice", facts.dates.get(_START), facts.dates.get(_END),
                          is_true(facts.dates.get(_ONGOING))))
        if items:
            self._dated[entry_id] = items

    def _dated_facets(self, items: list[tuple], at: str) -> Iterable[tuple[str, str]]:
        """The (dimension, value) pairs an entry's dated facts give it on day `at`."""
        for item in items:
            if item[0] == "parties":
                for state in item[1].parties_at(at):
                    yield from self.vocabulary.facets_of(_PLACE, state)
            elif item[0] == "status":
                status = item[1].status_at(at)
                if status:
                    yield STATUS, status
            else:
                status = practice_status(item[1], item[2], item[3], at)
                if status:
                    yield PRACTICE_STATUS, status

    def view(self, at: str) -> DayView:
        """The values the dated facets give entries on day `at`: computed once per day, kept for a few days."""
        with self._lock:
            views = self.facets.views
            found = views.get(at)
            if found is None:
                found = views[at] = DayView({})
                for entry_id, items in self._dated.items():
                    found.add(entry_id, self._dated_facets(items, at))
                while len(views) > VIEWS_KEPT:
                    views.popitem(last=False)
            else:
                views.move_to_end(at)
            if INDICATOR_DATA not in found.extra:
                found.extra[INDICATOR_DATA] = self._indicator_data(found)
            return found

    def _indicator_data(self, view: DayView) -> dict[str, BitMap]:
        """Entries with and without indicator data on the view's day: through the countries they cover."""
        countries = [c for c in self._covered if c in self.facets.bitmaps["country"]]
        with_data = self.facets.union("country", countries, view) & self.live
        return {HAS_DATA: with_data, NO_DATA: self.live - with_data}

    def covering(self, countries: Iterable[str]) -> BitMap:
        """Entries scoped as such to a region one of `countries` lies in (M49 sub-regions, region, the World)."""
        regions = {a for c in countries for a in (*self.vocabulary.ancestors.get(c, ()), WORLD)}
        return BitMap.union(BitMap(), *(self._scoped[r] for r in regions if r in self._scoped))

    def _entries_changed(self) -> None:
        """Which entries have indicator data is recomputed on the next search (a union of a few bitmaps)."""
        for view in self.facets.views.values():
            view.extra.pop(INDICATOR_DATA, None)
            view.ordered.pop(INDICATOR_DATA, None)
            view.totals.pop(INDICATOR_DATA, None)

    def _covered_countries(self) -> frozenset[str]:
        return frozenset(r["area"].value for r in self.store.select(sq.COVERED_AREAS))

    def datasets_changed(self) -> None:
        """A dataset was loaded or replaced: re-read which countries have indicator data."""
        covered = self._covered_countries()
        with self._lock:
            self._covered = covered
            self._entries_changed()

    def parties_at(self, entry_id: int, at: str) -> tuple[str, ...]:
        """The States party on day `at` to the instrument `entry_id` (none for another entry)."""
        for item in self._dated.get(entry_id, ()):     # a loop, not next(genexpr): it runs for every result row
            if item[0] == "parties":
                return item[1].parties_at(at)
        return ()

    def _describe(self, entry_id: int, facts: EntryFacts) -> None:
        """What result rows and sorts need of an entry."""
        dimension = self.vocabulary.dimension
        self._kind[entry_id] = ENTRY_KINDS.index(facts.kind)
        self._year[entry_id] = min(facts.years) if facts.years else 0
        parties = next((item[1].ever() for item in self._dated.get(entry_id, ()) if item[0] == "parties"), set())
        places = [*facts.places, *sorted(parties)]
        kinds = {dimension.get(p) for p in places}
        self._scope[entry_id] = (0 if WORLD in places else 1 if kinds & {"region", "subregion"} or len(parties) > 1
                                 else 2 if places else 3)
        for place in facts.places:
            if place == WORLD or dimension.get(place) in ("region", "subregion"):
                self._scoped.setdefault(place, BitMap()).add(entry_id)
            elif place not in dimension:        # a province, a city
                self._placed.setdefault(place, BitMap()).add(entry_id)
        objectives = sorted(set(facts.objectives), key=natural_key)
        self._links[entry_id] = " ".join(objectives) + "\t" + " ".join(dict.fromkeys(facts.places))
        self.live.add(entry_id)

    # -- keeping in step with writes ------------------------------------------
    def upsert(self, iri: str | NamedNode, *, following: bool = True) -> None:
        """Re-read one resource from the store: index it, re-index it, or drop it if it is no longer public.

        An organisation's labels and facet value are refreshed the same way; so is the status of the
        norms an amender amends (unless `following` is False).
        """
        iri = iri.value if isinstance(iri, NamedNode) else iri
        with self._lock:
            if self._loading or self.vocabulary is None:
                self._pending.add(iri)
                return
        rows = self.store.select(sq.STATEMENTS_OF, {"entry": NamedNode(iri)})
        # A place below the country that no entry was scoped to at the build has no labels here yet (the
        # build reads only the places in use): read its names now, so it is found by them at once.
        places = {r["v"].value: r["v"] for r in rows if r["p"].value in _PLACE_PROPERTIES
                  and isinstance(r["v"], NamedNode) and r["v"].value not in self._value_ids}
        place_labels = {iri_: [(r["label"].value, r["label"].language or "", "preferred" in r)
                               for r in self.store.select(sq.PLACE_LABELS, {"place": place})]
                        for iri_, place in places.items()}
        kinds = {r["v"].value for r in rows if r["p"] == RDF_TYPE and r["v"].value in KINDS}
        timeline = party_timelines(self.store, iri).get(iri) if _INSTRUMENT in kinds else None
        amended = amended_norms(self.store, iri).get(iri) if kinds - {_PRACTICE} else None
        # Publishing or withdrawing an amender changes the status of the norms it amends: re-read them too.
        follow = set(amended_by(self.store, iri)) if following else set()
        with self._lock:
            if self._loading:
                self._pending.add(iri)
                return
            if following:
                follow |= {n for n, found in self._amended.items() if any(a == iri for a, _day in found.amenders)}
            self._forget(iri)
            if any(place_labels.values()):
                self._set_labels({p: found for p, found in place_labels.items() if found})
            types = {r["v"].value for r in rows if r["p"] == RDF_TYPE}
            if types & sq.INSTANCE_CLASSES:
                self._declare_instances((iri, class_) for class_ in types)
                self._set_labels({iri: [(r["v"].value, r["v"].language or "", r["p"].value.endswith("prefLabel"))
                                        for r in rows if r["p"].value in (sq.PREF_LABEL, sq.ALT_LABEL)]})
            facts = self.vocabulary.facts((r["p"].value, r["v"].value) for r in rows if r["p"].value in READERS)
            if facts.kind and facts.approved:
                self._index_entry(iri, rows, facts, timeline, amended)
        for norm in sorted(follow - {iri}):
            if norm in self._ids:
                self.upsert(norm, following=False)

    def _index_entry(self, iri: str, rows: list, facts: EntryFacts, timeline: PartyTimeline | None,
                     amended: Amended | None) -> None:
        """Index a public entry read by `upsert` (under the lock)."""
        entry_id = self._new_id(iri)
        self._take_dated(entry_id, iri, facts, timeline, amended)
        self._index_facts(entry_id, facts)
        for at, view in self.facets.views.items():
            view.add(entry_id, self._dated_facets(self._dated.get(entry_id, []), at))
        self._entries_changed()
        self._orders.clear()        # rebuilt on the next search that sorts (0.2 s at 100k entries)
        fields = {p: str(i) for i, p in enumerate(sq.TEXT_PROPERTIES)}
        texts = [(fields[r["p"].value], getattr(r["v"], "language", None) or "", r["v"].value) for r in rows
                 if r["p"].value in fields and not isinstance(r["v"], BlankNode)]
        self.text.add_entries([self._text_row(entry_id, texts, fields[sq.TITLE_PROPERTY])])

    def remove(self, iri: str | NamedNode) -> None:
        """Drop an entry from the index (it was deleted or withdrawn from the public store)."""
        iri = iri.value if isinstance(iri, NamedNode) else iri
        with self._lock:
            if self._loading or self.vocabulary is None:
                self._pending.add(iri)
                return
            follow = {n for n, found in self._amended.items() if any(a == iri for a, _day in found.amenders)}
            self._forget(iri)
        for norm in sorted(follow):
            self.upsert(norm, following=False)

    def _forget(self, iri: str) -> None:
        entry_id = self._ids.pop(iri, None)
        self._term_cache.clear()
        self._query_cache.clear()
        if entry_id is None:
            return
        # The old id stays dead: its contentless text row and its places in the orders are
        # skipped, as every result is a subset of `live`.
        self.live.discard(entry_id)
        self.facets.discard_everywhere(entry_id)
        self._dated.pop(entry_id, None)
        self._amended.pop(iri, None)
        for scoped in (*self._scoped.values(), *self._placed.values()):
            scoped.discard(entry_id)
        self._entries_changed()
        for per_entry in (self._iri, self._titles, self._links):
            per_entry.pop(entry_id, None)

    def apply_changes(self, iris: Iterable[str]) -> None:
        """The KnowledgeGraph.on_change listener: re-read what a write changed (a big load rebuilds)."""
        iris = list(iris)
        with self._lock:
            if self._loading or self.vocabulary is None:
                self._pending.update(iris)
                return
        if len(iris) > REBUILD_ABOVE or any(map(is_system_graph, iris)):     # a big load, new vocabularies
            self.reload()
            return
        if any(iri.startswith(DATASET_BASE) for iri in iris):
            self.datasets_changed()
        for iri in iris:
            if not iri.startswith(DATASET_BASE):
                self.upsert(iri)
        self._caught_up()

    def _caught_up(self) -> None:
        """After taking in a write on the embedded store: in step with its version now."""
        if self.store.shared:
            return      # the caller knows the change-log time it has handed over (see `save`)
        with self._lock:
            self.mark = None if self._pending else self.store.version()

    def clear_caches(self) -> None:
        """Forget the cached text matches (benchmarks measure cold text queries with it)."""
        with self._lock:
            self._term_cache.clear()
            self._query_cache.clear()
