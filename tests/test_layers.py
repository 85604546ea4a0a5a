"""Data flows one way: ingest -> shapes -> graph -> api / web. The imports are checked, not hoped for."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


def imported_modules(path: Path) -> set[str]:
    """Every gcmkg module a file imports, at any depth (function-local imports included)."""
    package = "gcmkg." + ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                found.add(f"{base}.{node.module}" if node.module else base)
            elif node.module:
                found.add(node.module)
    return {name for name in found if name.startswith("gcmkg")}


def files_of(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("layer, forbidden, except_for", [
    ("graph", ("gcmkg.api", "gcmkg.web", "gcmkg.curation"), ()),
    ("shapes", ("gcmkg.api", "gcmkg.web", "gcmkg.graph.search"), ()),
    ("ingest", ("gcmkg.api", "gcmkg.web"), ()),
    ("web", ("gcmkg.api",), ()),
    # api/app.py is where the app is put together: it alone mounts the web pages.
    ("api", ("gcmkg.web",), ("app.py",)),
])
def test_a_layer_does_not_import_the_layers_above_it(layer, forbidden, except_for):
    offending = {f"{path.relative_to(ROOT)} imports {name}"
                 for path in files_of(layer) if path.name not in except_for
                 for name in imported_modules(path) if name.startswith(forbidden)}
    assert not offending, sorted(offending)
