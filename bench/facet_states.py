"""The filter states the facet benchmarks time, as plain data (no gcmkg import).

bench/facets.py and bench/compare.py share them; compare.py's worker imports this
module next to another revision's gcmkg, so it must not depend on this checkout's code.
"""

B = "https://w3id.org/gcmkg/"
OBJECTIVE_7 = B + "gcm/objective/7"

# (name, keyword arguments of gcmkg.graph.search.SearchRequest)
STATES: list[tuple[str, dict]] = [
    ("no filter", {}),
    ("one objective", {"filters": {"objective": [OBJECTIVE_7]}}),
    ("objective + region", {"filters": {"objective": [OBJECTIVE_7], "region": [B + "region/019"]}}),
    ("2 countries OR'd + type", {"filters": {"country": [B + "country/BRA", B + "country/MEX"],
                                             "type": [B + "practice-type/partnership"]}}),
    ('text "remittances"', {"q": "remittances"}),
    ("years + objective + principle", {"filters": {"objective": [OBJECTIVE_7],
                                                   "principle": [B + "gcm/principle/human-rights"]},
                                       "year_from": 2010, "year_to": 2015}),
]
