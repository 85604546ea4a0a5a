"""Every facet of the search, declared once, as data (as Sampo-UI declares its facets).

A `Facet` says what the index reads of an entry (its properties, how a
statement becomes facet values, where its known values come from), how
SPARQL says the same (the reference patterns the index is tested against,
and the form "show as SPARQL" writes), how the panel shows it (heading in
en/es/fr, tree, labels, order) and what the JSON API says of its parameter.
The index, the request validation, the URL state, the panel, the JSON API's
parameters and OpenAPI, and the SPARQL bridge are all derived from `FACETS`.

A deployment (or a test) adds a facet with `register` before the search
modules are imported:

>>> partner = Facet("partner", Text("Partner", "Socio", "Partenaire"), "Partner organisation.",
...                 properties=(GCM + "partnerOrganisation",), instances_of=ORG + "Organization", label="name")
>>> partner.count_pattern
'?e gcm:partnerOrganisation ?value .'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from gcmkg.names import (BASE, DCTERMS, ELI, GCM, INTERNATIONAL_INSTRUMENT, NATIONAL_NORM, OBJECTIVES_SCHEME, ORG,
                         PRACTICE, PREFIXES, RDF_TYPE, SCHEMA, SDG_SCHEME)

from .instrument_parties import party_pattern
from .practice_status import COMPLETED, ONGOING, PLANNED
from .practice_status import SCHEME as PRACTICE_STATUSES

# How a statement becomes facet values.
AS_STATED = "as_stated"     # the value itself
KIND = "kind"               # the class, when it is a kind of entry (KINDS)
YEAR = "year"               # the year of a date
LANGUAGE = "language"       # a language tag ("es") as its ISO 639-1 IRI (LANGUAGE_BASE + "es")
ROLLED_UP = "rolled_up"     # the value and its ancestors, each under the facet the vocabulary places it in
GROUPED = "grouped"         # the groupings (gcm:Grouping) with the value or an ancestor as member; a grouping itself
DATED = "dated"             # none as stated: the index computes its values for the day a search asks (DATED_FACETS)

# Facets whose counts depend on the day a search asks (`at`): the places of an international instrument are
# its parties on that day, a norm's status follows from its amenders in force by then, a practice's status
# from its dates. The index keeps what they follow from and computes the values per day (search_index.py).
PLACE_FACETS = ("region", "subregion", "country")
STATUS = "status"
PRACTICE_STATUS = "practice_status"
INDICATOR_DATA = "indicator_data"
DATED_FACETS = (*PLACE_FACETS, STATUS, PRACTICE_STATUS, INDICATOR_DATA)
HAS_DATA, NO_DATA = BASE + "indicator-data/yes", BASE + "indicator-data/no"

# The day in a reference pattern: `at_day` puts the day asked in its place (not valid SPARQL until then).
AT = "\u00a7at\u00a7"


def at_day(pattern: str, at: str) -> str:
    """A pattern with the day `at` (YYYY-MM-DD or YYYY) written where it says AT.

    >>> at_day('FILTER(?d <= §at§)', "2025-01-29")
    'FILTER(?d <= "2025-01-29")'
    """
    return pattern.replace(AT, '"' + at.replace('"', "") + '"')

# Where a language tag's concept lives: the Library of Congress ISO 639-1 IRIs (ontology/vocab/languages.ttl).
LANGUAGE_BASE = "http://id.loc.gov/vocabulary/iso639-1/"
LANGUAGE_SCHEME = BASE + "languages"

# The kinds of entry the search covers: class IRI -> the name result rows, pages and the `kind` filter use.
KINDS = {PRACTICE.value: "practice", NATIONAL_NORM.value: "norm", INTERNATIONAL_INSTRUMENT.value: "instrument"}
# The kind facet values each class counts under: an international instrument is listed with the norms (the
# normative map, /norms), and under a narrower value of its own, so that `kind=instrument` finds what a result
# row calls an instrument and `kind=norm` keeps finding norms and instruments.
KIND_VALUES = {PRACTICE.value: (PRACTICE.value,), NATIONAL_NORM.value: (NATIONAL_NORM.value,),
               INTERNATIONAL_INSTRUMENT.value: (NATIONAL_NORM.value, INTERNATIONAL_INSTRUMENT.value)}
# A kind narrower than another: on a page of the broader kind (/norms), it narrows the page.
KIND_WITHIN = {"instrument": "norm"}
ENTRY_KINDS = tuple(KINDS)                  # the index keeps an entry's position here
KIND_NAMES = tuple(KINDS.values())          # ... and result rows name it so


class Text(NamedTuple):
    """A text in each language of the interface."""
    en: str
    es: str
    fr: str

    def in_(self, lang: str) -> str:
        """The text in `lang` (its primary subtag), English otherwise.

        >>> Text("Type", "Tipo", "Type").in_("es-MX")
        'Tipo'
        """
        key = lang.split("-")[0].lower()
        return getattr(self, key) if key in self._fields else self.en


def _path(properties: tuple[str, ...]) -> str:
    """A property path of alternatives, prefixed where a prefix covers it (`gcm:a|eli:b`)."""
    def short(iri: str) -> str:
        for prefix in ("gcm", "dcterms", "eli", "schema", "skos"):
            if iri.startswith(PREFIXES[prefix]) and iri[len(PREFIXES[prefix]):].replace("_", "").isalnum():
                return f"{prefix}:{iri[len(PREFIXES[prefix]):]}"
        return f"<{iri}>"
    return "|".join(short(p) for p in properties)


@dataclass(frozen=True)
class Facet:
    """One facet: what it reads, how SPARQL says it, how the panel shows it, what the API says of it."""

    name: str                          # the dimension: URL and API parameter, index and result key
    heading: Text                      # the panel's heading, a chip's name
    description: str                   # the JSON API parameter's description (OpenAPI)
    properties: tuple[str, ...] = ()   # the entry's properties it reads
    values: str = AS_STATED            # how a statement becomes values: AS_STATED, KIND, YEAR, ROLLED_UP
    schemes: tuple[str, ...] = ()      # vocabularies whose concepts are its known values (listed at zero)
    instances_of: str | None = None    # a class whose instances are its known values (organisations)
    # SPARQL linking the entry ?e to ?value: to count (?e bound first) and to filter (?value bound
    # first; Oxigraph keeps the order as written); default: the properties as a path.
    count_pattern: str = ""
    filter_pattern: str = ""
    bridge_pattern: str = ""           # the filter as "show as SPARQL" writes it, when a faster form says the same
    filter: bool = True                # a URL/API filter parameter of its own (the year has year_from/year_to)
    # The panel.
    panel: str = "list"                # "list", "goal_tree" (goals with their targets), "place_tree", "" (none)
    box_heading: Text | None = None    # the heading of its box, when it holds more than itself (a tree)
    parent: str | None = None          # the facet whose box shows this one's values inside its own
    kinds: tuple[str, ...] = ("practice", "norm")   # the pages it appears on
    kind_schemes: tuple[tuple[str, str], ...] = ()  # on a page of one kind, only the values of that kind's scheme
    label: str = "short"               # a value's name: short, label, notation_short, notation_label, name, kind
    order: str = "natural"             # the values' order: natural, count, notation, scheme
    top: int | None = None             # show the first `top` values, the rest under "more"
    most: int | None = None            # list at most this many in the panel; all on the facet's own page

    def __post_init__(self) -> None:
        if not self.count_pattern:
            object.__setattr__(self, "count_pattern", f"?e {_path(self.properties)} ?value .")
        if not self.filter_pattern:
            object.__setattr__(self, "filter_pattern", self.count_pattern)
        if not self.bridge_pattern:
            object.__setattr__(self, "bridge_pattern", self.filter_pattern)

    @property
    def param(self) -> str:
        """The URL and API parameter of the facet."""
        return self.name


# An entry's places: a practice's scope, a norm's jurisdiction, and the States party to an instrument on
# the day asked (graph/instrument_parties.py; the index keeps each instrument's party timeline).
PARTY_PLACE = GCM + "partyCountry"
_PLACE = (DCTERMS + "spatial", ELI + "jurisdiction")
_PLACE_PATH = _path(_PLACE)


def _places(var: str = "?place") -> str:
    """SPARQL linking entry ?e to each of its places `var`, stated or through an instrument's parties on AT."""
    return f"{{ ?e {_PLACE_PATH} {var} }} UNION {{ {party_pattern(AT, var)} }}"


# A norm's status on AT (graph/amendments.py): as stated, unless a published norm amends it; then the
# status follows from the amenders' dates. Written apart from the Python rule: the tests hold them together.
_APPROVED = "<https://w3id.org/gcmkg/review-status/approved>"
_AMENDER = f"{{ ?amender eli:amends ?e }} UNION {{ ?e eli:amended_by ?amender }} ?amender gcm:reviewStatus {_APPROVED} ."
_AMENDED_ON_AT = (f"EXISTS {{ {_AMENDER} OPTIONAL {{ ?amender eli:first_date_entry_in_force ?inForce }} "
                  f"OPTIONAL {{ ?amender eli:date_document ?adopted }} "
                  f'FILTER(STR(COALESCE(?inForce, ?adopted, "")) <= {AT}) }}')
_KEPT = "(<https://w3id.org/gcmkg/norm-status/in-force>, <https://w3id.org/gcmkg/norm-status/amended>)"
_NORM_STATUS = (f"{{ ?e gcm:normStatus ?normStatus . FILTER NOT EXISTS {{ {_AMENDER} }} }} UNION "
                f"{{ ?e a ?normClass . VALUES ?normClass {{ gcm:NationalNorm gcm:InternationalInstrument }} "
                f"FILTER EXISTS {{ {_AMENDER} }} OPTIONAL {{ ?e gcm:normStatus ?stated }} "
                f"BIND(IF(BOUND(?stated) && ?stated NOT IN {_KEPT}, ?stated, IF({_AMENDED_ON_AT}, "
                f"<https://w3id.org/gcmkg/norm-status/amended>, "
                f"COALESCE(?stated, <https://w3id.org/gcmkg/norm-status/in-force>))) AS ?normStatus) }}")


# Whether an entry has indicator data (issue 12): a country it covers — one it is scoped to, or a State
# party to the instrument on AT — is the reference area of an observation with a value in a loaded
# dataset (the dataset's gcm:coverage, graph/cubes.py). A regional or global entry counts only through
# the countries it names: a region's data would say nothing of the entry's own countries.
# The area's class is checked last: checked before the coverage, it took Oxigraph 4.6 s over 10k practices, 0.9 s after.
_HAS_DATA = (f"EXISTS {{ {{ ?e {_PLACE_PATH} ?area }} UNION {{ {party_pattern(AT, '?area')} }} "
             "?covers <http://purl.org/linked-data/sdmx/2009/dimension#refArea> ?area . "
             "?dataset gcm:coverage ?covers . ?area a gcm:Country }")
_INDICATOR_DATA = f"BIND(IF({_HAS_DATA}, <{HAS_DATA}>, <{NO_DATA}>) AS ?indicatorData)"


# A practice's status on AT (graph/practice_status.py), written apart from the Python rule on purpose.
def _day(term: str, first: bool) -> str:
    year, month = ('"-01-01"', '"-01"') if first else ('"-12-31"', '"-31"')
    return (f"IF(STRLEN(STR({term})) = 4, CONCAT(STR({term}), {year}), "
            f"IF(STRLEN(STR({term})) = 7, CONCAT(STR({term}), {month}), SUBSTR(STR({term}), 1, 10)))")


_PRACTICE_STATUS = (
    "?e a gcm:Practice . OPTIONAL { ?e schema:startDate ?start } OPTIONAL { ?e schema:endDate ?end } "
    "OPTIONAL { ?e gcm:ongoing ?ongoing } "
    f"BIND({_day('?start', True)} AS ?startDay) BIND({_day('?end', False)} AS ?endDay) "
    f"BIND({_day(AT, True)} AS ?atDay) "
    f"BIND(IF(BOUND(?startDay) && ?startDay > ?atDay, <{PLANNED}>, "
    f'IF((BOUND(?ongoing) && STR(?ongoing) IN ("true", "1")) || (BOUND(?endDay) && ?endDay >= ?atDay) '
    f"|| (BOUND(?startDay) && !BOUND(?endDay)), <{ONGOING}>, IF(BOUND(?endDay), <{COMPLETED}>, ?none))) "
    "AS ?practiceStatus) FILTER(BOUND(?practiceStatus))")

_ORGANISATIONS = (GCM + "implementingOrganisation", GCM + "partnerOrganisation", GCM + "donorOrganisation",
                  ELI + "passed_by")
# Reference patterns independent of the index's code on purpose: hierarchies through skos:broader*,
# levels from the vocabulary, years from the lexical form.
_GOAL = f"?value skos:inScheme <{SDG_SCHEME}> . FILTER NOT EXISTS {{ ?value skos:broader ?up }}"
_TARGET = "?value skos:broader ?goal . FILTER NOT EXISTS { ?goal skos:broader ?up }"
_REGION = ("?value a gcm:Region . FILTER(?value != region:001 || ?place = region:001) "
           "FILTER(?value = region:001 || EXISTS { ?country gcm:m49Region ?value })")
_SUBREGION = "?value a gcm:Region . FILTER(?value != region:001) FILTER NOT EXISTS { ?country gcm:m49Region ?value }"
# "Show as SPARQL" writes hierarchies as plain joins: `skos:broader*` inside FILTER EXISTS takes Oxigraph
# seconds, and the vocabularies are shallow (goal > target > indicator) or state every ancestor
# (`skos:broaderTransitive` of a place), so the joins say the same.
_BRIDGE_PLACE = (f"{_places('?value')} UNION {{ {_places()} "
                 f"?place skos:broaderTransitive ?value FILTER(?value != region:001) }}")
# A province or city is stated (a State party to an instrument is a country), one skos:broader below its
# country (a country is skos:broader of no country); no `?place a gcm:Place`: Oxigraph would scan every
# place for each entry.
_BELOW = f"?e {_PLACE_PATH} ?place . ?place"  # continued by the caller's predicate
_BRIDGE_COUNTRY = f"{_places('?value')} UNION {{ {_BELOW} skos:broader ?value }}"
# A grouping's members are countries.
_BRIDGE_GROUPING = (f"{_places('?value')} UNION {{ ?value skos:member ?place . {_places()} }} "
                    f"UNION {{ {_BELOW} skos:broader ?in . ?value skos:member ?in }}")
_BRIDGE_GOAL = ("{ ?e gcm:sdg ?value } UNION { ?e gcm:sdg/skos:broader ?value } "
                "UNION { ?e gcm:sdg/skos:broader/skos:broader ?value }")
_BRIDGE_TARGET = "{ ?e gcm:sdg ?value } UNION { ?e gcm:sdg/skos:broader ?value }"

# Every facet, in the order a panel (and the API's parameters) list them.
FACETS: list[Facet] = [
    Facet("kind", Text("Kind of entry", "Tipo de registro", "Type de fiche"),
          "practice; norm (national norms and international instruments); instrument (international "
          "instruments only, also on /api/norms).", properties=(RDF_TYPE.value,), values=KIND,
          count_pattern="?e a ?class . VALUES (?class ?value) { "
                        + " ".join(f"(<{cls}> <{value}>)" for cls, values in KIND_VALUES.items() for value in values)
                        + " }",
          label="kind"),
    Facet("objective", Text("GCM objective", "Objetivo del Pacto Mundial", "Objectif du Pacte mondial"),
          "GCM objective (1-23).",
          properties=(GCM + "primaryObjective", GCM + "secondaryObjective", GCM + "addressesObjective"),
          schemes=(OBJECTIVES_SCHEME,), label="notation_short"),
    # The same objectives split by weight: a practice's primary and secondary objectives, a norm's
    # addressed objectives counting as primary (a norm does not rank them).
    Facet("primary_objective", Text("Primary GCM objective", "Objetivo principal del Pacto Mundial",
                                    "Objectif principal du Pacte mondial"),
          "Primary GCM objective (1-23): a practice's primary objectives, a norm's objectives.",
          properties=(GCM + "primaryObjective", GCM + "addressesObjective"),
          schemes=(OBJECTIVES_SCHEME,), label="notation_short"),
    Facet("secondary_objective", Text("Secondary GCM objective", "Objetivo secundario del Pacto Mundial",
                                      "Objectif secondaire du Pacte mondial"),
          "Secondary GCM objective (1-23) of a practice.", properties=(GCM + "secondaryObjective",),
          schemes=(OBJECTIVES_SCHEME,), kinds=("practice",), label="notation_short"),
    Facet("principle", Text("Guiding principle", "Principio rector", "Principe directeur"),
          "Guiding principle, e.g. human-rights.", properties=(GCM + "guidingPrinciple",),
          schemes=(BASE + "gcm/principles",), order="notation"),
    Facet("sdg_goal", Text("SDG goal", "Objetivo de Desarrollo Sostenible", "Objectif de développement durable"),
          "SDG goal, e.g. 10 (its targets included).", properties=(GCM + "sdg",), values=ROLLED_UP,
          count_pattern=f"?e gcm:sdg ?tag . ?tag skos:broader* ?value . {_GOAL}",
          filter_pattern=f"{_GOAL} ?tag skos:broader* ?value . ?e gcm:sdg ?tag .", bridge_pattern=_BRIDGE_GOAL,
          panel="goal_tree", label="notation_short",
          box_heading=Text("Sustainable Development Goal", "Objetivo de Desarrollo Sostenible",
                           "Objectif de développement durable")),
    Facet("sdg_target", Text("SDG target", "Meta de los ODS", "Cible des ODD"), "SDG target, e.g. 10.7.",
          properties=(GCM + "sdg",), values=ROLLED_UP,
          count_pattern=f"?e gcm:sdg ?tag . ?tag skos:broader* ?value . {_TARGET}",
          filter_pattern=f"{_TARGET} ?tag skos:broader* ?value . ?e gcm:sdg ?tag .", bridge_pattern=_BRIDGE_TARGET,
          parent="sdg_goal", label="notation_label"),
    Facet("region", Text("Region", "Región", "Région"), "UN M49 region, e.g. 150 (001: global entries).",
          properties=_PLACE, values=ROLLED_UP,
          count_pattern=f"{_places()} ?place skos:broader* ?value . {_REGION}",
          filter_pattern=f"?place skos:broader* ?value . {_places()} {_REGION}",
          bridge_pattern=_BRIDGE_PLACE, panel="place_tree", label="label",
          box_heading=Text("Region and country", "Región y país", "Région et pays")),
    Facet("subregion", Text("Sub-region", "Subregión", "Sous-région"),
          "UN M49 sub-region or intermediate region, e.g. 419.", properties=_PLACE, values=ROLLED_UP,
          count_pattern=f"{_places()} ?place skos:broader* ?value . {_SUBREGION}",
          filter_pattern=f"?place skos:broader* ?value . {_places()} {_SUBREGION}",
          bridge_pattern=_BRIDGE_PLACE, parent="region", label="label"),
    # A place below the country (a province, a city) counts under its country.
    Facet("country", Text("Country", "País", "Pays"), "Country, ISO 3166-1 alpha-3, e.g. MDA.",
          properties=_PLACE, values=ROLLED_UP,
          count_pattern=f"{_places()} ?place skos:broader* ?value . ?value a gcm:Country .",
          filter_pattern=f"?value a gcm:Country . ?place skos:broader* ?value . {_places()}",
          bridge_pattern=_BRIDGE_COUNTRY, parent="subregion", label="label"),
    Facet("grouping", Text("Grouping of countries", "Agrupación de países", "Groupement de pays"),
          "Grouping of countries (gcm:Grouping), e.g. https://w3id.org/gcmkg/grouping/eclac-caribbean: entries in "
          "its member countries and their places, and entries scoped to the grouping itself.",
          properties=_PLACE, values=GROUPED, instances_of=GCM + "Grouping",
          # One path rather than a UNION of "member of" and "is": Oxigraph evaluated such a UNION apart from
          # the entries before it (107 s for the bench's 10k practices; 0.2 s as written).
          count_pattern=f"{_places()} ?place skos:broader* ?in . ?in (^skos:member)? ?value . ?value a gcm:Grouping .",
          filter_pattern=f"{{ ?value skos:member ?in . ?place skos:broader* ?in . {_places()} }} "
                         f"UNION {{ ?value a gcm:Grouping . {_places('?value')} }}",
          bridge_pattern=_BRIDGE_GROUPING, label="label"),
    Facet("type", Text("Type", "Tipo", "Type"), "Type of practice or norm, e.g. law, partnership.",
          properties=(GCM + "practiceType", ELI + "type_document"),
          schemes=(BASE + "practice-types", BASE + "norm-types"),
          kind_schemes=(("practice", BASE + "practice-types"), ("norm", BASE + "norm-types")), order="scheme"),
    Facet("organisation", Text("Organisation", "Organización", "Organisation"),
          "Implementing, partner, donor or issuing organisation.", properties=_ORGANISATIONS,
          instances_of=ORG + "Organization", label="name", order="count", top=12, most=100),
    Facet(STATUS, Text("Status of the norm", "Situación de la norma", "Statut de la norme"),
          "Status of a norm on the day `at`: in-force, amended (by a published norm in force by then), "
          "repealed...", properties=(GCM + "normStatus",),
          count_pattern=f"{_NORM_STATUS} BIND(?normStatus AS ?value)",
          filter_pattern=f"{_NORM_STATUS} FILTER(?normStatus = ?value)",
          schemes=(BASE + "norm-statuses",), kinds=("norm",), order="notation"),
    Facet(PRACTICE_STATUS, Text("Status of the practice", "Situación de la práctica", "Statut de la pratique"),
          "Status of a practice on the day `at`, from its dates: planned, ongoing, completed.",
          properties=(SCHEMA + "startDate", SCHEMA + "endDate", GCM + "ongoing"), values=DATED,
          count_pattern=f"{_PRACTICE_STATUS} BIND(?practiceStatus AS ?value)",
          filter_pattern=f"{_PRACTICE_STATUS} FILTER(?practiceStatus = ?value)",
          schemes=(PRACTICE_STATUSES,), kinds=("practice",), order="scheme"),
    Facet(INDICATOR_DATA, Text("Indicator data", "Datos de indicadores", "Données d'indicateurs"),
          "Whether a country the entry covers (scoped to it, or party on the day `at`) has observations in a "
          "loaded dataset: yes or no.", values=DATED, schemes=(BASE + "indicator-data",),
          count_pattern=f"{_INDICATOR_DATA} BIND(?indicatorData AS ?value)",
          filter_pattern=("?e a ?indicatorEntry . VALUES ?indicatorEntry { gcm:Practice gcm:NationalNorm "
                          f"gcm:InternationalInstrument }} {_INDICATOR_DATA} FILTER(?indicatorData = ?value)"),
          label="label", order="notation"),
    Facet("language", Text("Language", "Idioma", "Langue"), "Language of the entry's texts, ISO 639-1, e.g. es.",
          properties=(DCTERMS + "language",), values=LANGUAGE, schemes=(LANGUAGE_SCHEME,),
          count_pattern=f'?e dcterms:language ?tag . BIND(IRI(CONCAT("{LANGUAGE_BASE}", STR(?tag))) AS ?value)',
          filter_pattern=f'?e dcterms:language ?tag . FILTER(STR(?tag) = STRAFTER(STR(?value), "{LANGUAGE_BASE}"))',
          label="label", order="count"),
    # Apart from "language" (the language of the record): the languages it was first written in; its texts
    # in other languages are translations (gcm:translation, shapes/translation.ttl).
    Facet("original_language", Text("Original language", "Idioma original", "Langue originale"),
          "A language the entry's texts were first written in (its other texts are translations), ISO 639-1, "
          "e.g. es.", properties=(GCM + "originalLanguage",), values=LANGUAGE, schemes=(LANGUAGE_SCHEME,),
          count_pattern=f'?e gcm:originalLanguage ?tag . BIND(IRI(CONCAT("{LANGUAGE_BASE}", STR(?tag))) AS ?value)',
          filter_pattern=(f'?e gcm:originalLanguage ?tag . '
                          f'FILTER(STR(?tag) = STRAFTER(STR(?value), "{LANGUAGE_BASE}"))'),
          label="label", order="count"),
    Facet("year", Text("Year", "Año", "Année"), "Start or adoption year.",
          properties=(SCHEMA + "startDate", ELI + "date_document"), values=YEAR,
          count_pattern="?e schema:startDate|eli:date_document ?date . "
                        "BIND(xsd:integer(SUBSTR(STR(?date), 1, 4)) AS ?value)",
          filter=False, panel=""),
]

_sealed = False


def register(facet: Facet) -> None:
    """Add a facet; call it before the search modules are imported (they derive their tables at import)."""
    if _sealed:
        raise RuntimeError(f"facet {facet.name!r} registered after the search modules read the facets")
    if any(f.name == facet.name for f in FACETS):
        raise ValueError(f"facet {facet.name!r} is declared already")
    FACETS.append(facet)


def declared() -> tuple[Facet, ...]:
    """The facets, for a module deriving its tables from them (no facet can be added after this)."""
    global _sealed
    _sealed = True
    return tuple(FACETS)


def _profile_facets() -> list[Facet]:
    """The facets the thematic profiles declare (gcmkg/profiles.py): concepts of one scheme, as stated."""
    from gcmkg.profiles import facets
    return [Facet(f.name, Text(*f.heading), f.description, properties=(f.property,), schemes=(f.scheme,),
                  label="label", order="scheme") for f in facets()]


FACETS.extend(_profile_facets())
