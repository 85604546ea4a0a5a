"""The facet panel as data: which facets a page shows, how they nest, and their short URL values.

The meaning of a filter lives in graph/search.py (`SearchRequest`, the same
one the JSON API uses, with the same parameter names), and its URL form in
graph/search_params.py (short values such as `objective=20`). This module
only says how the panel shows the facets.

>>> Facet("objective", "GCM objective").param
'objective'
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Facet:
    """One box of the panel: a dimension, its heading, for which kinds, how it is shown."""
    dimension: str
    heading: str                      # English text, translated by the catalogue
    kinds: tuple[str, ...] = ("practice", "norm")
    parent: str | None = None         # dimension whose values group this one's (a tree)
    top: int | None = None            # show the first `top` values, the rest under "more"
    most: int | None = None           # list at most this many in the panel; all of them on the facet's own page

    @property
    def param(self) -> str:
        return self.dimension


# The panel, in order. Trees: SDG goal → target, region → sub-region → country.
FACETS: tuple[Facet, ...] = (
    Facet("kind", "Kind of entry"),
    Facet("objective", "GCM objective"),
    Facet("principle", "Guiding principle"),
    Facet("sdg_goal", "SDG goal"),
    Facet("sdg_target", "SDG target", parent="sdg_goal"),
    Facet("region", "Region"),
    Facet("subregion", "Sub-region", parent="region"),
    Facet("country", "Country", parent="subregion"),
    Facet("type", "Type"),
    Facet("organisation", "Organisation", top=12, most=100),
    Facet("status", "Status of the norm", kinds=("norm",)),
)
FACET_BY_DIMENSION = {f.dimension: f for f in FACETS}
