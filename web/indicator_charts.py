"""Charts of indicator values drawn on the server as inline SVG: no script, no CDN, printable.

A chart is geometry computed here (`line_chart`, `sparkline`) and drawn by the
templates (_indicator_macros.html); each is shown with a table of the same
numbers and a one-sentence summary (`summary`), its text alternatives. Series
differ by colour *and* dash pattern and marker shape, so a chart reads in
black and white and to a reader who does not tell colours apart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from .i18n import translator

#: Series styles: (colour, dash pattern, marker). Okabe–Ito colours, readable on white (≥ 3:1).
STYLES = (("#0072b2", "", "circle"), ("#d55e00", "6 3", "square"), ("#009e73", "2 3", "triangle"),
          ("#cc79a7", "8 3 2 3", "diamond"), ("#7a6a00", "1 2", "circle"), ("#56707f", "10 4", "square"))
WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 16, 40


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    period: str
    value: str


@dataclass(frozen=True)
class Series:
    key: str            # the area code
    label: str
    colour: str
    dash: str
    marker: str
    path: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Chart:
    series: tuple[Series, ...]
    x_ticks: tuple[tuple[float, str], ...]
    y_ticks: tuple[tuple[float, str], ...]
    width: int
    height: int
    plot: tuple[int, int, int, int]       # left, top, right, bottom


def format_value(text: str | None, lang: str) -> str:
    """A value as the reader's language writes numbers (at most three decimals).

    >>> format_value("12345.5", "en"), format_value("12345.5", "fr"), format_value("0.125", "es")
    ('12,345.5', '12\u202f345,5', '0,125')
    """
    if text is None:
        return "–"
    number = Decimal(text).quantize(Decimal("0.001")).normalize()
    whole, _, fraction = f"{number:,f}".partition(".")
    if lang == "es":
        whole = whole.replace(",", ".")
    elif lang == "fr":
        whole = whole.replace(",", "\u202f")
    separator = "," if lang in ("es", "fr") else "."
    return whole + (separator + fraction if fraction else "")


def _position(period: str) -> float:
    year = int(period[:4])
    month = int(period[5:7]) if len(period) >= 7 else 1
    return year + (month - 1) / 12


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high].

    >>> nice_ticks(0, 7.3), nice_ticks(0, 6.23)
    ([0, 2, 4, 6, 8], [0, 2, 4, 6, 8])
    """
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    if float(step).is_integer():
        step, start = int(step), int(start)
    ticks, t = [], start
    while True:
        ticks.append(round(t, 10))
        if t >= high:
            return ticks
        t += step


def line_chart(series: dict[str, list[tuple[str, str]]], labels: dict[str, str], lang: str,
               width: int = WIDTH, height: int = HEIGHT) -> Chart | None:
    """A line per key of `series` (key -> [(period, value)]), None when nothing has a value."""
    values = [(_position(p), float(v)) for points in series.values() for p, v in points]
    if not values:
        return None
    left, top, right, bottom = LEFT, TOP, width - RIGHT, height - BOTTOM
    xs = [x for x, _ in values]
    x_low, x_high = min(xs), max(xs)
    if x_high == x_low:
        x_low, x_high = x_low - 1, x_high + 1
    y_ticks = nice_ticks(min(0.0, min(v for _, v in values)), max(v for _, v in values))
    y_low, y_high = y_ticks[0], y_ticks[-1]

    def sx(x: float) -> float:
        return round(left + (x - x_low) / (x_high - x_low) * (right - left), 1)

    def sy(y: float) -> float:
        return round(bottom - (y - y_low) / (y_high - y_low) * (bottom - top), 1)
    drawn = []
    for n, (key, points) in enumerate(series.items()):
        colour, dash, marker = STYLES[n % len(STYLES)]
        placed = tuple(Point(sx(_position(p)), sy(float(v)), p, format_value(v, lang)) for p, v in sorted(points))
        path = "".join(("M" if i == 0 else "L") + f"{pt.x:g} {pt.y:g}" for i, pt in enumerate(placed))
        drawn.append(Series(key, labels.get(key, key), colour, dash, marker, path, placed))
    years = range(math.ceil(x_low), math.floor(x_high) + 1)
    step = max(1, math.ceil(len(years) / 10))
    x_ticks = tuple((sx(y), str(y)) for y in years[::step])
    return Chart(tuple(drawn), x_ticks, tuple((sy(t), format_value(repr(t), lang)) for t in y_ticks),
                 width, height, (left, top, right, bottom))


def sparkline(points: list[tuple[str, str]], lang: str) -> Chart | None:
    """A small chart of one series for the country and objective pages."""
    return line_chart({"s": points}, {}, lang, width=240, height=90) if points else None


def summary(indicator: str, unit: str, series: dict[str, list[tuple[str, str]]], labels: dict[str, str],
            lang: str) -> str:
    """One sentence saying what the chart shows: each series' first and last value, and the highest latest."""
    _ = translator(lang)
    parts = []
    latest = []
    for key, points in series.items():
        points = sorted(points)
        if not points:
            continue
        (p1, v1), (p2, v2) = points[0], points[-1]
        name = labels.get(key, key)
        latest.append((Decimal(v2), p2, name))
        if p1 == p2:
            parts.append(_("{name} {value} in {period}", name=name, value=format_value(v1, lang), period=p1))
        else:
            verb = _("rose") if Decimal(v2) > Decimal(v1) else _("fell") if Decimal(v2) < Decimal(v1) \
                else _("stayed")
            parts.append(_("{name} {verb} from {start} in {first} to {end} in {last}", name=name, verb=verb,
                           start=format_value(v1, lang), first=p1, end=format_value(v2, lang), last=p2))
    if not parts:
        return _("No values for the chosen countries and years.")
    sentence = f"{indicator} ({unit}): " if unit else f"{indicator}: "
    sentence += "; ".join(parts)
    if len(latest) > 1:
        value, period, name = max(latest)
        sentence += "; " + _("highest latest value: {name} ({value}, {period})", name=name,
                             value=format_value(str(value), lang), period=period)
    return sentence + "."
