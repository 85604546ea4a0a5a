"""gcmkg: the GCM Knowledge Graph of migration norms and promising practices."""

__version__ = "0.2.0"   # the one place the version is written (pyproject.toml reads it; see CHANGELOG.md)
