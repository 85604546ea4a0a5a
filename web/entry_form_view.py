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

from .i18n import LANGUAGE_NAMES

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

    @property
    def key(self) -> str:
        return self.spec.key

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
    out = []
    for group, specs in form.groups():
        views = []
        for spec in specs:
            given = values.get(spec.key, [])
            widget, options, list_id = spec.widget, [], None
            if spec.widget in ("choice", "organisation"):
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
                                   max(1, len(given) + extra), options, by_key.get(spec.key, []), list_id))
        out.append((group.label(lang) if group else "", views))
    return out


def language_options(lang: str) -> list[tuple[str, str]]:
    """(code, name) of the languages a text may be written in, named in the reader's language."""
    names = LANGUAGE_NAMES.get(lang, LANGUAGE_NAMES["en"])
    return [(code, names[code]) for code in names]
