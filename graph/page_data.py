"""What the web pages may ask of the public store: one typed service, so `web/` never holds the store.

`PageData` answers each question with a named query of graph/ (page_queries,
queries, labels, entry_view), values bound as terms. The app builds one at
start-up (`app.state.public`); a page asks it, never `app.state.kg`.
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import NamedNode, Triple

from . import amendments
from . import instrument_parties as parties
from . import indicator_queries as iq
from . import practice_status
from . import page_queries as q
from . import profile_queries
from .concept_labels import ConceptLabels
from .entry_view import EntryView, entry_view
from .grouping_list import Grouping, groupings
from .labels import labels
from .queries import describe, places_per_country, scheme_concepts, scheme_sizes
from .store import Store


class PageData:
    """The public store, as the pages see it: read-only questions with typed answers."""

    def __init__(self, store: Store):
        self._store = store
        self._datasets = iq.DatasetSummaries(store)
        self._indicators: dict[str, list[iq.Indicator]] = {}

    def entry_summaries(self, iris: Iterable[str], lang: str) -> list[q.EntrySummary]:
        """Summaries of the entries `iris`, in the order given; unpublished IRIs are left out."""
        return q.entry_summaries(self._store, iris, lang)

    def row_details(self, iris: list[str], lang: str) -> dict[str, tuple[str | None, str | None, str | None]]:
        """Entry IRI -> (summary, its language, norm status) for a page of results."""
        return q.row_details(self._store, iris, lang)

    def entry_statements(self, iris: list[str], properties: Iterable[str]) -> dict[str, dict[str, list]]:
        """Entry IRI -> property IRI -> values, for the given properties of many entries."""
        return q.entry_statements(self._store, iris, properties)

    def entry(self, iri: str, lang: str) -> EntryView | None:
        """A published entry with its fields labelled in `lang`, or None."""
        return entry_view(self._store, iri, lang)

    def graph(self, iri: str) -> list[Triple] | None:
        """The triples of the named graph `iri` (an entry's, the ontology's), None when there is none."""
        node = NamedNode(iri)
        return [quad.triple for quad in self._store.quads(node)] if self._store.contains_graph(node) else None

    def describe(self, node: NamedNode) -> list[Triple]:
        """An entry's own graph, or every statement about a concept, scheme or term."""
        return describe(self._store, node)

    def labels(self, iris: Iterable[str], lang: str) -> dict[str, str]:
        """IRI -> its label in `lang` (English fallback), for the IRIs that have one."""
        return labels(self._store, iris, lang)

    def scheme_sizes(self, schemes: Iterable[str]) -> dict[str, int]:
        """Scheme IRI -> its number of concepts."""
        return scheme_sizes(self._store, schemes)

    def scheme_concepts(self, scheme: str, lang: str, under: str | None = None) -> list[dict]:
        """The concepts of a vocabulary with notation, broader concept, label and short label (below `under`)."""
        return scheme_concepts(self._store, scheme, lang, under)

    def places_per_country(self) -> dict[str, int]:
        """Country IRI -> how many places (provinces, cities) lie in it."""
        return places_per_country(self._store)

    def groupings(self, lang: str) -> list[Grouping]:
        """Every grouping of countries (gcm:Grouping) with its members counted, by name in `lang`."""
        return groupings(self._store, lang)

    def narrower(self, concept: str) -> list[tuple[str, str]]:
        """The concepts directly under `concept`, with their notation."""
        return q.narrower(self._store, concept)

    def entries_linking_to(self, target: str) -> dict[str, list[str]]:
        """Entry IRI -> the properties by which it links to `target`."""
        return q.entries_linking_to(self._store, target)

    def links_to(self, entries: Iterable[str], target: str) -> dict[str, list[str]]:
        """Entry IRI -> the properties by which each of `entries` links to `target`."""
        return q.links_to(self._store, entries, target)

    def units(self, parent: str, lang: str) -> list[tuple[str, str]]:
        """The organisations that are units of `parent` (a regional office of an organisation): (IRI, label)."""
        return q.units(self._store, parent, lang)

    def crosswalk(self) -> list[tuple[str, str]]:
        """The GCM objective -> SDG target pairs."""
        return q.crosswalk(self._store)

    def country_norms(self, country: str, lang: str) -> list[q.NormOnTimeline]:
        """A country's national norms on a timeline."""
        return q.country_norms(self._store, country, lang)

    def country_instruments(self, country: str, at: str, lang: str) -> list[q.EntrySummary]:
        """The published international instruments `country` is a party to on the day `at`."""
        return q.entry_summaries(self._store, parties.instruments_of(self._store, country, at), lang)

    def instrument_parties(self, instrument: str, at: str) -> list[dict]:
        """An instrument's party records, each saying whether its State is a party on the day `at`."""
        return parties.parties_of(self._store, instrument, at)

    def norm_status(self, norm: str, at: str) -> tuple[str | None, list[str]]:
        """The status a norm reads as on day `at`, computed from its amending chain, and its amenders."""
        return amendments.norm_status(self._store, norm, at)

    def places_with_entries(self, country: str) -> list[tuple[str, int]]:
        """The provinces and cities of `country` with published entries, and how many."""
        return q.places_with_entries(self._store, country)

    def practice_status(self, practice: str, at: str) -> str | None:
        """The status of a practice on day `at`, computed from its dates (graph/practice_status.py)."""
        return practice_status.status_of(self._store, practice, at)

    def entries_scoped_to(self, areas: Iterable[str], limit: int) -> list[str]:
        """Up to `limit` entries scoped to one of `areas` itself."""
        return q.entries_scoped_to(self._store, areas, limit)

    def area_tree(self) -> dict[str, q.Area]:
        """Every M49 area and country by IRI, with its children."""
        return q.area_tree(self._store)

    def latest_approved(self) -> q.LatestApproved:
        """The latest approved entries, read again after `invalidate` (wire it to the store's writes)."""
        return q.LatestApproved(self._store)

    def concept_labels(self) -> ConceptLabels:
        """The vocabularies' labels in every language, read once per language."""
        return ConceptLabels(self._store)

    def profile_assessments(self, profile, countries: Iterable[str] = (),
                            norms: Iterable[str] = ()) -> list[profile_queries.Assessment]:
        """What the norms of `countries` (or the `norms`) say on a thematic profile's dimensions, provisions quoted."""
        return profile_queries.assessments(self._store, profile, countries, norms)

    def implementation_analysis(self, profile, countries: list[str],
                                dimensions: list[str]) -> list[profile_queries.CountryAnalysis]:
        """Norms, practices and indicator data of each country by objective and dimension (graph/profile_queries)."""
        return profile_queries.analyse(self._store, profile, countries, dimensions)

    # -- statistical data (graph/cubes.py, graph/indicator_queries.py) --------------------------
    def indicators(self, lang: str) -> list[iq.Indicator]:
        """Every indicator with its metadata in `lang`, read once per language (they are vocabulary:
        `forget_indicators` when the vocabularies change)."""
        found = self._indicators.get(lang)
        if found is None:
            found = self._indicators[lang] = iq.indicators(self._store, lang)
        return found

    def forget_indicators(self) -> None:
        self._indicators = {}

    def datasets(self, indicator: str | None = None) -> list[iq.DatasetSummary]:
        """The stored datasets (of one indicator), each with what it covers."""
        return self._datasets.of(indicator)

    def observations(self, indicator: str, wanted: iq.ObservationFilter) -> list[iq.Observation]:
        """The observations of `indicator`'s datasets that `wanted` lets through."""
        return iq.observations(self._store, self._datasets.of(indicator), wanted)

    def dataset_rows(self, dataset_id: str, sdmx: bool):
        """A dataset as CSV rows, header first (SDMX-CSV 1.0 when `sdmx`)."""
        from .cubes import export_rows
        return export_rows(self._store, dataset_id, sdmx)
