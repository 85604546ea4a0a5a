"""What the submission form page shows of each field: its widget, its values, its choices and its problems.

The fields come from shapes/form.py (read from the SHACL shapes); this module
only decides how each is drawn in HTML: a checklist (or radio buttons) for a
short scheme such as the GCM objectives, a type-ahead picker over a long one
(SDG goals and targets, countries under their M49 regions, organisations),
rows of text and language for a multilingual field. A picker is an input with
a native <datalist>, so it works without JavaScript: the server reads the
typed label, code or acronym back to the concept (graph/vocabulary_choices.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from gcmkg.graph.vocabulary_choices import Choice, scheme_name
from gcmkg.names import GCM
from gcmkg.shapes.form import EntryForm, FieldProblem, FormField, Given

from .i18n import LANGUAGE_NAMES, translator

CHECKLIST_MAX = 40          # longer schemes get a type-ahead picker
PLACE = GCM + "Place"
DATALIST_MAX = 400          # what a picker offers without JavaScript; the type-ahead asks for the rest


@dataclass(frozen=True)
class Option:
    """One value of a checklist, radio group or picker."""
    value: str              # what the form sends: the IRI (checklist) or the display text (picker)
    code: str
    label: str              # the full title
    short: str | None       # the short title (an objective's "Data"), when the scheme has one
    under: str | None       # what it sits under (a country's region), for a picker
    checked: bool = False
    numbered: bool = False  # the code is a notation people know (an objective's 15, a principle's (a))


@dataclass
class FieldView:
    """A field as the template draws it."""
    spec: FormField
    # checklist | radio | picker | multilingual | date-or-year | yes-no | language | text | link
    widget: str
    name: str
    description: str
    values: list[Given]
    rows: int                         # how many inputs a repeatable text-like field shows
    options: list[Option] = field(default_factory=list)
    problems: list[FieldProblem] = field(default_factory=list)
    list_id: str | None = None        # the <datalist> of a picker (shared by fields of one scheme)
    prefix: str = ""                  # a record's field: "party.1." (the row it is in)
    records: list[list["FieldView"]] = field(default_factory=list)   # a records field: each row's fields

    @property
    def key(self) -> str:
        return self.prefix + self.spec.key

    @property
    def errors(self) -> list[FieldProblem]:
        return [p for p in self.problems if p.severity == "Violation"]

    @property
    def warnings(self) -> list[FieldProblem]:
        return [p for p in self.problems if p.severity != "Violation"]


def _option(choice: Choice, lang: str, value: str, labels: dict[str, str], checked: bool) -> Option:
    under = labels.get(choice.broader) if choice.broader else None
    label = choice.label(lang)
    # A short title helps only beside a long one (the objectives' "Data" beside their full titles).
    short = choice.short(lang) if len(label) > 60 else None
    return Option(value, choice.code, label, short, under, checked, bool(choice.notations))


def field_views(form: EntryForm, values: dict[str, list[Given]], problems: Iterable[FieldProblem],
                choices_of, lang: str) -> list[tuple[str, list[FieldView]]]:
    """(group heading, fields) for the page; `choices_of(scheme)` gives a choice field's choices."""
    by_key: dict[str | None, list[FieldProblem]] = {}
    for p in problems:
        by_key.setdefault(p.key, []).append(p)
    return [(group.label(lang) if group else "", _views(specs, values, by_key, choices_of, lang, ""))
            for group, specs in form.groups()]


def _views(specs: Iterable[FormField], values: dict, by_key: dict, choices_of, lang: str,
           prefix: str) -> list[FieldView]:
    views = []
    for spec in specs:
        given = values.get(spec.key, [])
        widget, options, list_id, records = spec.widget, [], None, []
        if spec.widget == "records":    # each record's own fields, and one blank record to add another
            count = max(spec.min_count, len(given) + 1)
            records = [_views(spec.parts, given[i].values if i < len(given) else {}, by_key, choices_of, lang,
                              f"{prefix}{spec.key}.{i}.") for i in range(count)]
        elif spec.allowed and not spec.repeatable:     # sh:in: one of a few texts, or none
            chosen = {g.text for g in given}
            widget = "radio"
            options = [Option("", "", "—", None, None, not chosen)] + [
                Option(v, v, translator(lang)(v), None, None, v in chosen) for v in spec.allowed]
        elif spec.widget in ("choice", "organisation"):
            choices = choices_of(spec.scheme)
            labels = {c.iri: c.label(lang) for c in choices}
            if spec.classes:   # a norm's jurisdiction: countries and places, not regions
                choices = [c for c in choices if spec.classes & c.types]
            if spec.widget == "choice" and len(choices) <= CHECKLIST_MAX:
                widget = "checklist" if spec.repeatable else "radio"
                chosen = {g.text for g in given}
                options = [_option(c, lang, c.iri, labels, c.iri in chosen or c.display(lang) in chosen)
                           for c in choices]
            else:
                widget, list_id = "picker", "choices-" + scheme_name(spec.scheme)
                # Without JavaScript the list is all there is: every country before the thousands of
                # provinces (the type-ahead and the typed-text resolver know them all).
                listed = sorted(choices, key=lambda c: PLACE in c.types)[:DATALIST_MAX]
                options = [_option(c, lang, c.display(lang), labels, False) for c in listed]
        extra = 1 if spec.repeatable or not given else 0
        views.append(FieldView(spec, widget, spec.name(lang), spec.description(lang), given,
                               max(1, len(given) + extra), options, by_key.get(prefix + spec.key, []), list_id,
                               prefix, records))
    return views


def datalists(groups: list[tuple[str, list[FieldView]]]) -> dict[str, list[Option]]:
    """The <datalist> of every picker on the page, records' fields included (one per scheme)."""
    found: dict[str, list[Option]] = {}

    def walk(views: Iterable[FieldView]) -> None:
        for v in views:
            if v.list_id:
                found.setdefault(v.list_id, v.options)
            for row in v.records:
                walk(row)
    for _heading, views in groups:
        walk(views)
    return found


def language_options(lang: str) -> list[tuple[str, str]]:
    """(code, name) of the languages a text may be written in, named in the reader's language."""
    names = LANGUAGE_NAMES.get(lang, LANGUAGE_NAMES["en"])
    return [(code, names[code]) for code in names]
