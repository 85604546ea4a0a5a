"""What a valid gcmkg entry is: the SHACL shapes (``*.ttl`` here) and the validators built from them.

- :func:`validate_entry`: one entry's graph, with pyshacl (submissions, edits);
- :func:`validate_dataset`: a pyoxigraph store of many entries, with the shapes
  compiled to SPARQL (bulk loads);
- :func:`load_shapes`: the shapes graph, also the source of the submission form.

Both validators return the same :class:`Violation` list for the same data.
"""

from __future__ import annotations

__all__ = ["Violation", "UnsupportedShapeError", "load_shapes", "validate_entry", "validate_dataset"]


def __getattr__(name: str):
    # Imported on first use: pyshacl is slow to import and not every caller needs it.
    if name == "UnsupportedShapeError":
        from .model import UnsupportedShapeError

        return UnsupportedShapeError
    if name in __all__:
        from . import validate

        return getattr(validate, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
