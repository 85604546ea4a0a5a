"""Parsing HTTP `Accept` and `Accept-Language` headers: ranges with their q values, best first."""

from __future__ import annotations


def parse_accept(header: str | None, default: str = "*/*") -> list[tuple[str, float]]:
    """Media ranges (or language tags) with their q values, best first, stable for equal q; q=0 dropped.

    >>> parse_accept("text/html;q=0.9, text/turtle, */*;q=0.1")
    [('text/turtle', 1.0), ('text/html', 0.9), ('*/*', 0.1)]
    >>> parse_accept("fr-CH, fr;q=0.9, en;q=0", default="")
    [('fr-ch', 1.0), ('fr', 0.9)]
    """
    ranges = []
    for i, part in enumerate((header or default).split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        ranges.append((fields[0].lower(), q, i))
    ranges.sort(key=lambda r: (-r[1], r[2]))
    return [(m, q) for m, q, _ in ranges if q > 0]
