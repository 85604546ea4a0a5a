"""Thematic profiles, declared once: what switches on for entries of a sector (education first).

A profile is the extra SHACL shapes (``shapes/profiles/<key>.ttl``), the SKOS
vocabulary of its comparison dimensions and values (``ontology/vocab/<vocab>.ttl``),
the facets the search gains, and the page sections that show for an entry in it.
An entry is in a profile when it is tagged with one of the profile's dimensions
(``tag_property``) or holds an assessment of one (``gcm:assessment``).

The shapes loader, the facet declaration and the pages read ``PROFILES``; a second
sector is one more ``Profile`` here plus its two Turtle files:

>>> [p.key for p in PROFILES]
['education']
>>> education().facet("education_dimension").property
'https://w3id.org/gcmkg/ontology#educationDimension'
"""

from __future__ import annotations

from dataclasses import dataclass

from gcmkg.names import BASE, GCM

#: What an assessment of a norm on a dimension says: a value, the provision quoted as evidence, its source.
ASSESSMENT = GCM + "assessment"
ASSESSED_DIMENSION = GCM + "dimension"
ASSESSMENT_VALUE = GCM + "assessmentValue"
PROVISION = GCM + "provision"
PROVISION_REFERENCE = GCM + "provisionReference"

#: Tags every practice and norm may carry, whatever its profile.
TARGET_POPULATION = GCM + "targetPopulation"
EDUCATION_LEVEL = GCM + "educationLevel"
TARGET_POPULATIONS_SCHEME = BASE + "target-populations"
ISCED_SCHEME = BASE + "isced-2011"


@dataclass(frozen=True)
class ProfileFacet:
    """A facet a profile adds to the search: one property whose values are concepts of one scheme."""
    name: str
    heading: tuple[str, str, str]      # en, es, fr
    description: str                   # the JSON API parameter's description
    property: str
    scheme: str


@dataclass(frozen=True)
class Profile:
    """One thematic profile: shapes, vocabulary, facets and page sections, switched on together."""
    key: str                           # URL segment and file stem: /profiles/<key>/...
    title: tuple[str, str, str]        # en, es, fr
    shapes: str                        # file in gcmkg.shapes/profiles/
    vocabulary: str                    # file in gcmkg.ontology/vocab/
    dimension_scheme: str              # the comparison dimensions (columns of the comparison page)
    value_scheme: str                  # what an assessment may say (guaranteed, partly ...)
    tag_property: str                  # practices and norms tagged with a dimension (the inventory)
    facets: tuple[ProfileFacet, ...]
    sections: tuple[str, ...] = ("country", "entry")   # pages that show the profile's section

    def facet(self, name: str) -> ProfileFacet:
        return next(f for f in self.facets if f.name == name)

    def title_in(self, lang: str) -> str:
        """The profile's title in `lang` (en, es or fr), English otherwise."""
        return in_language(self.title, lang)


def in_language(texts: tuple[str, str, str], lang: str) -> str:
    """The text of an (en, es, fr) triple in `lang`, English for any other language.

    >>> in_language(("Health", "Salud", "Santé"), "fr"), in_language(("Health", "Salud", "Santé"), "de")
    ('Santé', 'Health')
    """
    return dict(zip(("en", "es", "fr"), texts)).get(lang, texts[0])


_SHARED_FACETS = (
    ProfileFacet("target_population", ("Target population", "Población destinataria", "Population cible"),
                 "Target population, e.g. refugee, unaccompanied-separated-children.",
                 TARGET_POPULATION, TARGET_POPULATIONS_SCHEME),
    ProfileFacet("education_level", ("Education level (ISCED 2011)", "Nivel educativo (CINE 2011)",
                                     "Niveau d'éducation (CITE 2011)"),
                 "Education level, ISCED 2011 code, e.g. 1.", EDUCATION_LEVEL, ISCED_SCHEME),
)

PROFILES: tuple[Profile, ...] = (
    Profile(
        key="education",
        title=("Education of students on the move", "Educación de estudiantes en movilidad",
               "Éducation des élèves en mobilité"),
        shapes="education.ttl",
        vocabulary="education.ttl",
        dimension_scheme=BASE + "education-dimensions",
        value_scheme=BASE + "assessment-values",
        tag_property=GCM + "educationDimension",
        facets=(ProfileFacet("education_dimension", ("Education dimension", "Dimensión educativa",
                                                     "Dimension éducative"),
                             "Dimension of UNESCO's monitoring framework for students on the move, e.g. "
                             "language-support.", GCM + "educationDimension", BASE + "education-dimensions"),
                *_SHARED_FACETS),
    ),
)


#: Paths under the base IRI that the profiles' vocabularies mint: their schemes and their concepts
#: (api/linked_data.py serves them like the other vocabularies).
MINTED_SCHEMES = ("education-dimensions", "assessment-values", "target-populations")
MINTED_CONCEPT_PREFIXES = ("education-dimension", "assessment-value", "target-population")


def profile(key: str) -> Profile:
    """The profile named `key` (KeyError if there is none)."""
    for p in PROFILES:
        if p.key == key:
            return p
    raise KeyError(key)


def education() -> Profile:
    """The first profile: UNESCO's Regional Monitoring Framework for Students on the Move."""
    return profile("education")


def shape_files() -> list:
    """Each profile's shapes (``shapes/profiles/<file>``), as package resources, in declaration order."""
    from importlib.resources import files
    folder = files("gcmkg.shapes").joinpath("profiles")
    return [folder.joinpath(p.shapes) for p in PROFILES]


def facets() -> list[ProfileFacet]:
    """Every profile's facets, each once (profiles may share the population and level facets)."""
    seen: dict[str, ProfileFacet] = {}
    for p in PROFILES:
        for f in p.facets:
            seen.setdefault(f.name, f)
    return list(seen.values())
