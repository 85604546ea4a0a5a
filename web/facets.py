"""The facet panel: the declared facets a search page shows (graph/search_facets.py declares them).

The meaning of a filter lives in graph/search.py (`SearchRequest`, the same
one the JSON API uses, with the same parameter names), and its URL form in
graph/search_params.py (short values such as `objective=20`). A facet's
heading, tree, labels and order are part of its declaration; this module
only picks the facets with a place in the panel.

>>> [f.name for f in FACETS if f.parent == "region"]
['subregion']
"""

from __future__ import annotations

from gcmkg.graph.search_facets import Facet, declared

# The panel, in order; a facet with a parent is shown inside its parent's box (a tree).
FACETS: tuple[Facet, ...] = tuple(f for f in declared() if f.panel or f.parent)
FACET_BY_DIMENSION = {f.name: f for f in FACETS}

__all__ = ["FACETS", "FACET_BY_DIMENSION", "Facet"]
