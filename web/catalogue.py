"""The interface's words in Spanish and French, keyed by their English text: (es, fr).

Kept complete by tests/test_web_pages.py (every string the templates and
page modules ask for is here in both languages).
"""

CATALOGUE: dict[str, tuple[str, str]] = {
    "Search": ("Buscar", "Rechercher"),
    "{n} results": ("{n} resultados", "{n} résultats"),
}
