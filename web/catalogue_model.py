"""The interface's words for the model of issue 13 (objective weights, instruments and their parties,
amending chains) in Spanish and French, keyed by their English text: (es, fr). Merged into
web/catalogue.py's CATALOGUE, which tests/test_web_pages.py keeps complete."""

MODEL_WORDS: dict[str, tuple[str, str]] = {
    # -- places below the country and groupings of countries (country page, coverage matrix)
    "Provinces and cities of {country} with entries": ("Provincias y ciudades de {country} con registros",
                                                       "Provinces et villes de {country} ayant des fiches"),
    "Provinces, states and cities (ISO 3166-2 first-level subdivisions, and cities), each under its country.": (
        "Provincias, estados y ciudades (subdivisiones de primer nivel de la ISO 3166-2, y ciudades), cada uno bajo su país.",
        "Provinces, États et villes (subdivisions de premier niveau de l'ISO 3166-2, et villes), chacun sous son pays."),
    "Grouping of countries": ("Agrupación de países", "Groupement de pays"),
    "Members": ("Miembros", "Membres"),
    "Associate members": ("Miembros asociados", "Membres associés"),
    "Numbers are the published entries of each member counted under the grouping.": (
        "Las cifras son los registros publicados de cada miembro contados en la agrupación.",
        "Les nombres sont les fiches publiées de chaque membre comptées dans le groupement."),
    "Associate members are not members: their entries are not counted under the grouping.": (
        "Los miembros asociados no son miembros: sus registros no se cuentan en la agrupación.",
        "Les membres associés ne sont pas membres : leurs fiches ne sont pas comptées dans le groupement."),
    "List read on {date}": ("Lista consultada el {date}", "Liste consultée le {date}"),
    "Countries by grouping": ("Países por agrupación", "Pays par groupement"),
    "Provinces and cities of {country}": ("Provincias y ciudades de {country}", "Provinces et villes de {country}"),
    "Countries with provinces and cities": ("Países con provincias y ciudades", "Pays ayant des provinces et des villes"),
    "{n} places": ("{n} lugares", "{n} lieux"),
    "Groupings of countries": ("Agrupaciones de países", "Groupements de pays"),
    "All groupings of countries": ("Todas las agrupaciones de países", "Tous les groupements de pays"),
    "{n} groupings": ("{n} agrupaciones", "{n} groupements"),
    "Grouping": ("Agrupación", "Groupement"),
    "Source of the list": ("Fuente de la lista", "Source de la liste"),
    "read on {date}": ("consultada el {date}", "consultée le {date}"),
    "Each grouping with its members and the published entries counted under it": (
        "Cada agrupación con sus miembros y los registros publicados contados en ella",
        "Chaque groupement avec ses membres et les fiches publiées comptées dans celui-ci"),
    "Groupings of countries beyond the UN M49 regions (a regional commission, a regional economic community), each with its member list as read from its official pages; an entry in a member country counts under the grouping.": (
        "Agrupaciones de países más allá de las regiones M49 de las Naciones Unidas (una comisión regional, una comunidad económica regional), cada una con su lista de miembros tal como se leyó en sus páginas oficiales; un registro de un país miembro se cuenta en la agrupación.",
        "Groupements de pays au-delà des régions M49 des Nations Unies (une commission régionale, une communauté économique régionale), chacun avec sa liste de membres telle que lue sur ses pages officielles ; une fiche d'un pays membre est comptée dans le groupement."),
    "Coverage by grouping of countries": ("Cobertura por agrupación de países", "Couverture par groupement de pays"),
    "Each grouping's member countries; associate members are not members.": (
        "Los países miembros de cada agrupación; los miembros asociados no son miembros.",
        "Les pays membres de chaque groupement ; les membres associés ne sont pas membres."),
    "Approved practices and norms for each GCM objective in each grouping of countries and in each of its members. An empty cell means no known practice or norm.": (
        "Prácticas y normas aprobadas para cada objetivo del Pacto Mundial en cada agrupación de países y en cada uno de sus miembros. Una celda vacía significa que no se conoce ninguna práctica ni norma.",
        "Pratiques et normes approuvées pour chaque objectif du Pacte mondial dans chaque groupement de pays et dans chacun de ses membres. Une case vide signifie qu'aucune pratique ni norme n'est connue."),
    "All members": ("Todos los miembros", "Tous les membres"),
    "The first column of each grouping counts the entries of all its members, and those scoped to the grouping itself.": (
        "La primera columna de cada agrupación cuenta los registros de todos sus miembros y los que abarcan la propia agrupación.",
        "La première colonne de chaque groupement compte les fiches de tous ses membres et celles qui portent sur le groupement lui-même."),
    # -- objectives counted (coverage matrix, objective pages)
    "Objectives counted": ("Objetivos contados", "Objectifs comptés"),
    "Primary and secondary objectives": ("Objetivos principales y secundarios", "Objectifs principaux et secondaires"),
    "Primary objectives only": ("Solo los objetivos principales", "Objectifs principaux seulement"),
    # -- international instruments and their parties (entry page, country page)
    "International instrument": ("Instrumento internacional", "Instrument international"),
    "International instruments {country} is party to": ("Instrumentos internacionales en los que {country} es parte",
                                                        "Instruments internationaux auxquels {country} est partie"),
    "{country} is party to no published instrument on {date}.": (
        "{country} no es parte en ningún instrumento publicado el {date}.",
        "{country} n'est partie à aucun instrument publié le {date}."),
    "On the date": ("En la fecha", "À la date"),
    "Show": ("Mostrar", "Afficher"),
    "Parties": ("Partes", "Parties"),
    "Party on the date": ("Parte en la fecha", "Partie à la date"),
    "Party on {date}": ("Parte el {date}", "Partie le {date}"),
    "Signature": ("Firma", "Signature"),
    "Ratification or accession": ("Ratificación o adhesión", "Ratification ou adhésion"),
    "Entry into force for the State": ("Entrada en vigor para el Estado", "Entrée en vigueur à l'égard de l'État"),
    "Withdrawal": ("Retiro", "Retrait"),
    "Reservations": ("Reservas", "Réserves"),
    "Source": ("Fuente", "Source"),
    "yes": ("sí", "oui"),
    "no": ("no", "non"),
    # -- amending chains
    "Status computed from its dates, on {date}": ("Situación calculada a partir de sus fechas, el {date}",
                                                  "Statut calculé d'après ses dates, au {date}"),
    "Status computed from the norms that amend it": ("Situación calculada a partir de las normas que la modifican",
                                                     "Statut calculé à partir des normes qui la modifient"),
    "Amended by": ("Modificada por", "Modifiée par"),
    # The forms of consent to be bound by a treaty (an instrument's party record, sh:in), as the UN's
    # treaty terms are written in Spanish and French.
    "ratification": ("ratificación", "ratification"),
    "acceptance": ("aceptación", "acceptation"),
    "approval": ("aprobación", "approbation"),
    "accession": ("adhesión", "adhésion"),
    "succession": ("sucesión", "succession"),
}
