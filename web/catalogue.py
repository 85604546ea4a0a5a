"""The interface's words in Spanish and French, keyed by their English text: (es, fr).

Kept complete by tests/test_web_pages.py: every string the templates and the
page modules ask for is here in both languages. Concept labels are not here;
they come from the vocabularies.
"""

CATALOGUE: dict[str, tuple[str, str]] = {
    # -- layout
    "GCM Knowledge Graph": ("Grafo de conocimiento del Pacto Mundial", "Graphe de connaissances du Pacte mondial"),
    "Skip to main content": ("Ir al contenido principal", "Aller au contenu principal"),
    "Language": ("Idioma", "Langue"),
    "Main": ("Principal", "Principale"),
    "Search": ("Buscar", "Rechercher"),
    "Practices": ("Prácticas", "Pratiques"),
    "National norms": ("Normas nacionales", "Normes nationales"),
    "Norms and instruments": ("Normas e instrumentos", "Normes et instruments"),
    "International instruments": ("Instrumentos internacionales", "Instruments internationaux"),
    "Coverage": ("Cobertura", "Couverture"),
    "Vocabularies": ("Vocabularios", "Vocabulaires"),
    "Downloads": ("Descargas", "Téléchargements"),
    "Data under the Creative Commons Attribution 4.0 licence.":
        ("Datos bajo licencia Creative Commons Atribución 4.0.", "Données sous licence Creative Commons Attribution 4.0."),
    "Download the whole graph": ("Descargar el grafo completo", "Télécharger tout le graphe"),
    "SPARQL endpoint": ("Punto de acceso SPARQL", "Point d'accès SPARQL"),
    "JSON API": ("API JSON", "API JSON"),
    "Ontology": ("Ontología", "Ontologie"),
    "Objectives and guiding principles of the Global Compact for Safe, Orderly and Regular Migration (A/RES/73/195); Sustainable Development Goals (A/RES/70/1).":
        ("Objetivos y principios rectores del Pacto Mundial para la Migración Segura, Ordenada y Regular (A/RES/73/195); Objetivos de Desarrollo Sostenible (A/RES/70/1).",
         "Objectifs et principes directeurs du Pacte mondial pour des migrations sûres, ordonnées et régulières (A/RES/73/195) ; objectifs de développement durable (A/RES/70/1)."),
    "Breadcrumb": ("Ruta de navegación", "Fil d'Ariane"),
    "Home": ("Inicio", "Accueil"),

    # -- translated texts (entry pages)
    "translated from {language} (machine translation)":
        ("traducido de la versión en {language} (traducción automática)",
         "traduit de la version en {language} (traduction automatique)"),
    "translated from {language} (human translation)":
        ("traducido de la versión en {language} (traducción humana)",
         "traduit de la version en {language} (traduction humaine)"),
    "translated from {language}": ("traducido de la versión en {language}", "traduit de la version en {language}"),
    "human": ("por una persona", "par une personne"),
    "machine": ("por una máquina", "par une machine"),

    # -- merges on an entry's history page
    "Merges": ("Fusiones", "Fusions"),
    "Merged into": ("Fusionada con", "Fusionnée avec"),
    "Took in the entry merged into it": ("Absorbió la entrada fusionada con ella",
                                         "A absorbé la fiche fusionnée avec elle"),
    "Its link was re-pointed after a merge, from the merged entry to the one it became":
        ("Su enlace se redirigió tras una fusión, de la entrada fusionada a aquella en la que se convirtió",
         "Son lien a été redirigé après une fusion, de la fiche fusionnée vers celle qu'elle est devenue"),

    # -- home
    "Migration practices and national norms, by GCM objective":
        ("Prácticas y normas nacionales sobre migración, por objetivo del Pacto Mundial",
         "Pratiques et normes nationales en matière de migration, par objectif du Pacte mondial"),
    "Find what countries and organisations do for each objective of the Global Compact for Safe, Orderly and Regular Migration: promising practices and the laws, policies and plans behind them.":
        ("Descubra lo que hacen los países y las organizaciones para cada objetivo del Pacto Mundial para la Migración Segura, Ordenada y Regular: prácticas prometedoras y las leyes, políticas y planes en que se apoyan.",
         "Découvrez ce que font les pays et les organisations pour chaque objectif du Pacte mondial pour des migrations sûres, ordonnées et régulières : des pratiques prometteuses et les lois, politiques et plans qui les portent."),
    "Search practices and norms": ("Buscar prácticas y normas", "Rechercher des pratiques et des normes"),
    "e.g. remittances, trafficking, Moldova": ("p. ej., remesas, trata, Moldavia", "p. ex. envois de fonds, traite, Moldavie"),
    "practices": ("prácticas", "pratiques"),
    "national norms": ("normas nacionales", "normes nationales"),
    "norms and instruments": ("normas e instrumentos", "normes et instruments"),
    "countries": ("países", "pays"),
    "organisations": ("organizaciones", "organisations"),
    "The 23 objectives of the Global Compact": ("Los 23 objetivos del Pacto Mundial", "Les 23 objectifs du Pacte mondial"),
    "Where are the gaps? See the coverage matrix": ("¿Dónde están las lagunas? Vea la matriz de cobertura",
                                                    "Où sont les lacunes ? Voir la matrice de couverture"),
    "Objective": ("Objetivo", "Objectif"),
    "1 entry": ("1 registro", "1 fiche"),
    "{n} entries": ("{n} registros", "{n} fiches"),
    "About objective {n}": ("Sobre el objetivo {n}", "À propos de l'objectif {n}"),
    "Entries per country": ("Registros por país", "Fiches par pays"),
    "World map of published entries per country": ("Mapa mundial de los registros publicados por país",
                                                   "Carte du monde des fiches publiées par pays"),
    "Countries are coloured by the number of practices and norms scoped to them; the table after the map lists the same numbers.":
        ("Los países están coloreados según el número de prácticas y normas que les corresponden; la tabla que sigue al mapa da las mismas cifras.",
         "Les pays sont colorés selon le nombre de pratiques et de normes qui les concernent ; le tableau qui suit la carte donne les mêmes chiffres."),
    "Entries scoped to the country itself; regional and global initiatives are counted by region below.":
        ("Registros referidos al propio país; las iniciativas regionales y mundiales se cuentan por región más abajo.",
         "Fiches portant sur le pays lui-même ; les initiatives régionales et mondiales sont comptées par région ci-dessous."),
    "The same numbers as a table ({n} countries)": ("Las mismas cifras en una tabla ({n} países)",
                                                    "Les mêmes chiffres sous forme de tableau ({n} pays)"),
    "Country": ("País", "Pays"),
    "Entries": ("Registros", "Fiches"),
    "By region": ("Por región", "Par région"),
    "Latest approved entries": ("Últimos registros aprobados", "Dernières fiches approuvées"),
    "Browse all entries": ("Ver todos los registros", "Parcourir toutes les fiches"),

    # -- lists and badges
    "Practice": ("Práctica", "Pratique"),
    "National norm": ("Norma nacional", "Norme nationale"),
    "Organisation": ("Organización", "Organisation"),
    "Where:": ("Dónde:", "Où :"),
    "and {n} more": ("y {n} más", "et {n} de plus"),
    "No published entries yet.": ("Aún no hay registros publicados.", "Aucune fiche publiée pour l'instant."),
    "GCM objectives": ("Objetivos del Pacto Mundial", "Objectifs du Pacte mondial"),
    "Global": ("Mundial", "Mondial"),
    "Global (the whole world)": ("Mundial (todo el mundo)", "Mondial (le monde entier)"),

    # -- faceted search
    "Words to find in titles, summaries and every text field, in any language":
        ("Palabras que buscar en títulos, resúmenes y todos los campos de texto, en cualquier idioma",
         "Mots à chercher dans les titres, les résumés et tous les champs de texte, dans toutes les langues"),
    "Active filters": ("Filtros activos", "Filtres actifs"),
    "remove this filter": ("quitar este filtro", "retirer ce filtre"),
    "Clear all filters": ("Quitar todos los filtros", "Retirer tous les filtres"),
    "Filters": ("Filtros", "Filtres"),
    "Values of one filter combine with OR; different filters combine with AND. Counts follow the current filters.":
        ("Los valores de un mismo filtro se combinan con O; filtros distintos, con Y. Los recuentos siguen los filtros actuales.",
         "Les valeurs d'un même filtre se combinent par OU ; des filtres différents, par ET. Les nombres suivent les filtres actuels."),
    "Narrow the list: {facet}": ("Acotar la lista: {facet}", "Restreindre la liste : {facet}"),
    "Type to narrow the list": ("Escriba para acotar la lista", "Tapez pour restreindre la liste"),
    "{n} selected": ("seleccionados: {n}", "sélection : {n}"),     # no plural agreement to get wrong for 1
    "selected": ("seleccionado", "sélectionné"),
    "{n} more": ("{n} más", "{n} de plus"),
    "Years": ("Años", "Années"),
    "All {n} values, A–Z": ("Los {n} valores, de la A a la Z", "Les {n} valeurs, de A à Z"),
    "Back to the results": ("Volver a los resultados", "Retour aux résultats"),
    "Every value with its number of results under the current filters; choosing one adds it to them.":
        ("Todos los valores con su número de resultados con los filtros actuales; al elegir uno se añade a ellos.",
         "Toutes les valeurs avec leur nombre de résultats sous les filtres actuels ; en choisir une l'ajoute aux filtres."),
    "From": ("Desde", "De"),
    "To": ("Hasta", "À"),
    "Entries of these results date from {a} to {b}.": ("Los registros de estos resultados van de {a} a {b}.",
                                                        "Les fiches de ces résultats vont de {a} à {b}."),
    "Apply years": ("Aplicar años", "Appliquer les années"),
    "Counted on {day}": ("Contado el {day}", "Compté au {day}"),
    "Day to count on": ("Día en que se cuenta", "Jour du décompte"),
    "An international instrument counts for the States party to it on that day; the status of norms and "
    "practices is the one they have on that day. Empty: today.": (
        "Un instrumento internacional cuenta para los Estados que son parte en él ese día; la situación de las "
        "normas y de las prácticas es la que tienen ese día. Vacío: hoy.",
        "Un instrument international compte pour les États qui y sont parties ce jour-là ; le statut des normes "
        "et des pratiques est celui qu'elles ont ce jour-là. Vide : aujourd'hui."),
    "Apply date": ("Aplicar fecha", "Appliquer la date"),
    "Only the entries scoped to the chosen countries": ("Solo los registros de los países elegidos",
                                                        "Seulement les fiches des pays choisis"),
    "Also the regional and global entries that cover the chosen countries": (
        "También los registros regionales y mundiales que abarcan los países elegidos",
        "Aussi les fiches régionales et mondiales qui couvrent les pays choisis"),
    "1 result": ("1 resultado", "1 résultat"),
    "{n} results": ("{n} resultados", "{n} résultats"),
    "{a}–{b} shown": ("se muestran {a}–{b}", "{a}–{b} affichés"),
    "Sort by": ("Ordenar por", "Trier par"),
    "Sort": ("Ordenar", "Trier"),
    "Relevance": ("Pertinencia", "Pertinence"),
    "Newest": ("Más recientes", "Plus récents"),
    "Title": ("Título", "Titre"),
    "Scope (global, regional, national)": ("Alcance (mundial, regional, nacional)", "Portée (mondiale, régionale, nationale)"),
    "No published entry matches these filters.": ("Ningún registro publicado coincide con estos filtros.",
                                                  "Aucune fiche publiée ne correspond à ces filtres."),
    "Remove a filter above, or": ("Quite un filtro de arriba, o", "Retirez un filtre ci-dessus, ou"),
    "start again": ("empiece de nuevo", "recommencez"),
    "Pages of results": ("Páginas de resultados", "Pages de résultats"),
    "Previous": ("Anterior", "Précédente"),
    "Page": ("Página", "Page"),
    "Next": ("Siguiente", "Suivante"),
    "Take these results with you": ("Llévese estos resultados", "Emportez ces résultats"),
    "Download all {n} results:": ("Descargar los {n} resultados:", "Télécharger les {n} résultats :"),
    "Show as SPARQL": ("Ver como SPARQL", "Afficher en SPARQL"),
    "the query that returns these results from the SPARQL endpoint, ready to run or change.":
        ("la consulta que devuelve estos resultados desde el punto de acceso SPARQL, lista para ejecutar o modificar.",
         "la requête qui renvoie ces résultats depuis le point d'accès SPARQL, prête à exécuter ou à modifier."),
    "(Words are matched there without stemming, so counts can differ slightly.)":
        ("(Allí las palabras se buscan sin lematización, así que los recuentos pueden variar un poco.)",
         "(Les mots y sont cherchés sans racinisation : les nombres peuvent légèrement différer.)"),
    "Share or bookmark this page: its address holds every filter.":
        ("Comparta o guarde esta página: su dirección contiene todos los filtros.",
         "Partagez cette page ou ajoutez-la à vos favoris : son adresse contient tous les filtres."),
    "Text": ("Texto", "Texte"),
    "Kind of entry": ("Tipo de registro", "Type de fiche"),
    "GCM objective": ("Objetivo del Pacto Mundial", "Objectif du Pacte mondial"),
    "Targets of goal {n}": ("Metas del objetivo {n}", "Cibles de l'objectif {n}"),
    "Region": ("Región", "Région"),
    "Within {place}": ("Dentro de {place}", "Dans {place}"),
    "Type": ("Tipo", "Type"),

    # -- entry pages
    "Details": ("Detalles", "Détails"),
    "Practices and norms this organisation takes part in": ("Prácticas y normas en las que participa esta organización",
                                                            "Pratiques et normes auxquelles cette organisation participe"),
    "implementing organisation": ("organización ejecutora", "organisation de mise en œuvre"),
    "partner": ("asociada", "partenaire"),
    "donor": ("donante", "donateur"),
    "issuing body": ("órgano emisor", "organe émetteur"),
    "About this entry": ("Sobre este registro", "À propos de cette fiche"),
    "Cite this entry": ("Citar este registro", "Citer cette fiche"),
    "Data": ("Datos", "Données"),
    "Related entries": ("Registros relacionados", "Fiches apparentées"),
    "shares {n} objectives": ("comparte {n} objetivos", "partage {n} objectifs"),
    "shares 1 objective": ("comparte 1 objetivo", "partage 1 objectif"),
    "same place": ("mismo lugar", "même lieu"),
    "Yes": ("Sí", "Oui"),
    "No": ("No", "Non"),
    "accessed {date}": ("consultado el {date}", "consulté le {date}"),

    # -- concept pages
    "Concept": ("Concepto", "Concept"),
    "GCM objective {n}": ("Objetivo {n} del Pacto Mundial", "Objectif {n} du Pacte mondial"),
    "Objective {n}": ("Objetivo {n}", "Objectif {n}"),
    "SDG targets this objective maps to": ("Metas de los ODS con las que se corresponde este objetivo",
                                           "Cibles des ODD auxquelles cet objectif correspond"),
    "SDG target {n}": ("Meta {n} de los ODS", "Cible {n} des ODD"),
    "Sustainable Development Goal {n}": ("Objetivo de Desarrollo Sostenible {n}", "Objectif de développement durable {n}"),
    "SDG indicator {n}": ("Indicador {n} de los ODS", "Indicateur {n} des ODD"),
    "GCM objectives mapped to this goal or its targets": ("Objetivos del Pacto Mundial vinculados a este objetivo o a sus metas",
                                                          "Objectifs du Pacte mondial liés à cet objectif ou à ses cibles"),
    "GCM objectives mapped to this target": ("Objetivos del Pacto Mundial vinculados a esta meta",
                                             "Objectifs du Pacte mondial liés à cette cible"),
    "Region (UN M49 {code})": ("Región (M49 de las Naciones Unidas {code})", "Région (M49 des Nations Unies {code})"),
    "Short name:": ("Nombre corto:", "Nom court :"),
    "In numbers": ("En cifras", "En chiffres"),
    "entries": ("registros", "fiches"),
    "None in the crosswalk: entries link to SDG targets one by one.":
        ("Ninguna en la tabla de correspondencias: cada registro enlaza sus propias metas de los ODS.",
         "Aucune dans la table de correspondance : chaque fiche indique ses propres cibles des ODD."),
    "Within this goal": ("Dentro de este objetivo", "Dans cet objectif"),
    "Indicators": ("Indicadores", "Indicateurs"),
    "Areas and countries within": ("Zonas y países que comprende", "Zones et pays qu'elle comprend"),
    "Entries by region": ("Registros por región", "Fiches par région"),
    "Total": ("Total", "Total"),
    "Share": ("Proporción", "Part"),
    "Latest entries": ("Últimos registros", "Dernières fiches"),
    "See all {n} entries in the search, with filters": ("Ver los {n} registros en la búsqueda, con filtros",
                                                        "Voir les {n} fiches dans la recherche, avec des filtres"),
    "No published practice or norm addresses this yet.": ("Aún no hay ninguna práctica ni norma publicada al respecto.",
                                                           "Aucune pratique ni norme publiée ne s'y rapporte encore."),
    "Entries linked to this concept": ("Registros vinculados a este concepto", "Fiches liées à ce concept"),
    "About this concept": ("Sobre este concepto", "À propos de ce concept"),
    "Source:": ("Fuente:", "Source :"),
    "See also:": ("Véase también:", "Voir aussi :"),
    "the Migration Network Hub": ("el Centro de la Red sobre Migración", "le Pôle du Réseau sur les migrations"),
    "Other objectives": ("Otros objetivos", "Autres objectifs"),
    "Definition": ("Definición", "Définition"),
    "Scope": ("Alcance", "Portée"),
    "Description": ("Descripción", "Description"),
    "Note": ("Nota", "Note"),

    # -- country pages
    "Countries and regions": ("Países y regiones", "Pays et régions"),
    "The normative map of {country}: its national norms over time, its practices, and the GCM objectives they cover.":
        ("El mapa normativo de {country}: sus normas nacionales a lo largo del tiempo, sus prácticas y los objetivos del Pacto Mundial que abarcan.",
         "La carte normative de {country} : ses normes nationales dans le temps, ses pratiques et les objectifs du Pacte mondial qu'elles couvrent."),
    "national practices": ("prácticas nacionales", "pratiques nationales"),
    "GCM objectives covered": ("objetivos del Pacto Mundial abarcados", "objectifs du Pacte mondial couverts"),
    "regional and global initiatives that include it": ("iniciativas regionales y mundiales que lo incluyen",
                                                        "initiatives régionales et mondiales qui l'incluent"),
    "National norms over time": ("Normas nacionales a lo largo del tiempo", "Normes nationales dans le temps"),
    "Timeline of {n} national norms from {a} to {b}; the table below lists the same dates.":
        ("Cronología de {n} normas nacionales de {a} a {b}; la tabla siguiente da las mismas fechas.",
         "Chronologie de {n} normes nationales de {a} à {b} ; le tableau ci-dessous donne les mêmes dates."),
    "in force": ("vigente", "en vigueur"),
    "in force as amended": ("vigente con modificaciones", "en vigueur telle que modifiée"),
    "repealed": ("derogada", "abrogée"),
    "expired (its period ended)": ("vencida (terminó su periodo)", "arrivée à échéance (sa période est terminée)"),
    "adopted": ("adoptada", "adoptée"),
    "amended": ("modificada", "modifiée"),
    "adopted {year}": ("adoptada en {year}", "adoptée en {year}"),
    "in force {year}": ("vigente desde {year}", "en vigueur depuis {year}"),
    "amended {year}": ("modificada en {year}", "modifiée en {year}"),
    "repealed {year}": ("derogada en {year}", "abrogée en {year}"),
    "in force until {year}": ("vigente hasta {year}", "en vigueur jusqu'en {year}"),
    "In force until": ("Vigente hasta", "En vigueur jusqu'au"),
    "end of its period": ("fin de su periodo", "fin de sa période"),
    "National norms of {country}, oldest first": ("Normas nacionales de {country}, de la más antigua a la más reciente",
                                                  "Normes nationales de {country}, de la plus ancienne à la plus récente"),
    "Norm": ("Norma", "Norme"),
    "Adopted": ("Adoptada", "Adoptée"),
    "In force since": ("Vigente desde", "En vigueur depuis"),
    "Status": ("Situación", "Statut"),
    "Changed by": ("Modificada por", "Modifiée par"),
    "No national norm of {country} is published yet.": ("Aún no se ha publicado ninguna norma nacional de {country}.",
                                                        "Aucune norme nationale de {country} n'est encore publiée."),
    "GCM objectives covered and not covered": ("Objetivos del Pacto Mundial abarcados y no abarcados",
                                               "Objectifs du Pacte mondial couverts et non couverts"),
    "Entries scoped to {country} itself, by objective. An empty tile means no published practice or norm of the country addresses the objective.":
        ("Registros referidos a {country}, por objetivo. Una casilla vacía significa que ninguna práctica ni norma publicada del país aborda el objetivo.",
         "Fiches portant sur {country}, par objectif. Une case vide signifie qu'aucune pratique ni norme publiée du pays ne traite de l'objectif."),
    "{n} norms": ("{n} normas", "{n} normes"),
    "1 norm": ("1 norma", "1 norme"),
    "{n} practices": ("{n} prácticas", "{n} pratiques"),
    "1 practice": ("1 práctica", "1 pratique"),
    "not covered": ("no abarcado", "non couvert"),
    "Practices in {country}": ("Prácticas en {country}", "Pratiques : {country}"),
    "See all {n} practices": ("Ver las {n} prácticas", "Voir les {n} pratiques"),
    "No national practice of {country} is published yet.": ("Aún no se ha publicado ninguna práctica nacional de {country}.",
                                                            "Aucune pratique nationale de {country} n'est encore publiée."),
    "Regional and global initiatives that include {country}": ("Iniciativas regionales y mundiales que incluyen a {country}",
                                                               "Initiatives régionales et mondiales qui incluent {country}"),

    # -- coverage matrix
    "Coverage matrix": ("Matriz de cobertura", "Matrice de couverture"),
    "Coverage in {region}": ("Cobertura en {region}", "Couverture : {region}"),
    "Approved practices and national norms for each GCM objective in each country of the region. An empty cell means no known practice or norm.":
        ("Prácticas y normas nacionales aprobadas para cada objetivo del Pacto Mundial en cada país de la región. Una celda vacía significa que no se conoce ninguna práctica ni norma.",
         "Pratiques et normes nationales approuvées pour chaque objectif du Pacte mondial dans chaque pays de la région. Une case vide signifie qu'aucune pratique ni norme n'est connue."),
    "Approved practices and national norms for each GCM objective in each region. An empty cell means no known practice or norm: a gap in what we know.":
        ("Prácticas y normas nacionales aprobadas para cada objetivo del Pacto Mundial en cada región. Una celda vacía significa que no se conoce ninguna práctica ni norma: una laguna en lo que sabemos.",
         "Pratiques et normes nationales approuvées pour chaque objectif du Pacte mondial dans chaque région. Une case vide signifie qu'aucune pratique ni norme n'est connue : une lacune dans ce que nous savons."),
    "All entries": ("Todos los registros", "Toutes les fiches"),
    "All regions": ("Todas las regiones", "Toutes les régions"),
    "{n} of {m} cells are empty.": ("{n} de {m} celdas están vacías.", "{n} cases sur {m} sont vides."),
    "Show every country of the region": ("Mostrar todos los países de la región", "Afficher tous les pays de la région"),
    "Show only countries with at least one entry": ("Mostrar solo los países con al menos un registro",
                                                    "N'afficher que les pays ayant au moins une fiche"),
    "Choose a region to see its countries.": ("Elija una región para ver sus países.", "Choisissez une région pour voir ses pays."),
    "entries by GCM objective (rows) and place (columns)": ("registros por objetivo del Pacto Mundial (filas) y lugar (columnas)",
                                                            "fiches par objectif du Pacte mondial (lignes) et lieu (colonnes)"),
    "{n} entries: objective {o} in {place}": ("{n} registros: objetivo {o} en {place}", "{n} fiches : objectif {o}, {place}"),
    "none": ("ninguno", "aucune"),
    "Entries in the place": ("Registros del lugar", "Fiches du lieu"),
    "no entry": ("ningún registro", "aucune fiche"),
    "more entries": ("más registros", "plus de fiches"),
    "up to {n}": ("hasta {n}", "jusqu'à {n}"),
    "An entry counts in every place it is scoped to; a regional entry counts in its region but not in each of its countries; global entries have their own column.":
        ("Un registro cuenta en cada lugar al que se refiere; un registro regional cuenta en su región, pero no en cada uno de sus países; los registros mundiales tienen su propia columna.",
         "Une fiche compte dans chaque lieu qu'elle concerne ; une fiche régionale compte dans sa région mais pas dans chacun de ses pays ; les fiches mondiales ont leur propre colonne."),
    "Gaps by region": ("Lagunas por región", "Lacunes par région"),
    "no entry for objectives": ("ningún registro para los objetivos", "aucune fiche pour les objectifs"),
    "every objective has at least one entry": ("todos los objetivos tienen al menos un registro",
                                               "chaque objectif a au moins une fiche"),

    # -- vocabularies
    "{n} within {place}": ("{n} dentro de {place}", "{n} dans {place}"),
    "{n} targets": ("{n} metas", "{n} cibles"),
    "{n} concepts": ("{n} conceptos", "{n} concepts"),
    "numbers are published entries": ("las cifras son registros publicados", "les nombres sont des fiches publiées"),
    "Every entry is tagged with concepts from these vocabularies. Their labels are in English, Spanish and French; each concept has its own page and its own IRI.":
        ("Cada registro se etiqueta con conceptos de estos vocabularios. Sus etiquetas están en inglés, español y francés; cada concepto tiene su propia página y su propio IRI.",
         "Chaque fiche est étiquetée avec des concepts de ces vocabulaires. Leurs libellés sont en anglais, en espagnol et en français ; chaque concept a sa propre page et son propre IRI."),
    "The 23 objectives of the Global Compact for Safe, Orderly and Regular Migration.":
        ("Los 23 objetivos del Pacto Mundial para la Migración Segura, Ordenada y Regular.",
         "Les 23 objectifs du Pacte mondial pour des migrations sûres, ordonnées et régulières."),
    "The ten cross-cutting guiding principles of the Global Compact.":
        ("Los diez principios rectores transversales del Pacto Mundial.", "Les dix principes directeurs transversaux du Pacte mondial."),
    "The Sustainable Development Goals, their targets and indicators, with the UN's own identifiers.":
        ("Los Objetivos de Desarrollo Sostenible, sus metas e indicadores, con los identificadores de las Naciones Unidas.",
         "Les objectifs de développement durable, leurs cibles et leurs indicateurs, avec les identifiants des Nations Unies."),
    "Countries and the UN M49 regions, sub-regions and intermediate regions they belong to.":
        ("Los países y las regiones, subregiones y regiones intermedias M49 de las Naciones Unidas a las que pertenecen.",
         "Les pays et les régions, sous-régions et régions intermédiaires M49 des Nations Unies auxquelles ils appartiennent."),
    "Kinds of practice, as the Migration Network Hub classifies them.":
        ("Tipos de práctica, tal como los clasifica el Centro de la Red sobre Migración.",
         "Types de pratique, tels que les classe le Pôle du Réseau sur les migrations."),
    "Kinds of national norm: laws, decrees, policies, strategies, plans...":
        ("Tipos de norma nacional: leyes, decretos, políticas, estrategias, planes...",
         "Types de norme nationale : lois, décrets, politiques, stratégies, plans..."),
    "Whether a national norm is in force, amended or repealed.":
        ("Si una norma nacional está vigente, modificada o derogada.", "Si une norme nationale est en vigueur, modifiée ou abrogée."),
    "Where an entry is in the review workflow; only approved entries are published.":
        ("En qué punto de la revisión está un registro; solo se publican los aprobados.",
         "Où en est une fiche dans la relecture ; seules les fiches approuvées sont publiées."),
    "Kinds of organisation that implement, fund or issue entries.":
        ("Tipos de organización que ejecutan, financian o emiten registros.",
         "Types d'organisation qui mettent en œuvre, financent ou émettent des fiches."),

    # -- linked data, SPARQL, errors
    "Other formats:": ("Otros formatos:", "Autres formats :"),
    "Property": ("Propiedad", "Propriété"),
    "Value": ("Valor", "Valeur"),
    "SPARQL query": ("Consulta SPARQL", "Requête SPARQL"),
    "The endpoint {endpoint} speaks the SPARQL 1.1 Protocol; its default graph is the union of all public graphs, and each entry is a named graph named by its IRI.":
        ("El punto de acceso {endpoint} habla el protocolo SPARQL 1.1; su grafo por defecto es la unión de todos los grafos públicos y cada registro es un grafo con nombre, el de su IRI.",
         "Le point d'accès {endpoint} parle le protocole SPARQL 1.1 ; son graphe par défaut est l'union de tous les graphes publics et chaque fiche est un graphe nommé par son IRI."),
    "This query returns the results of your search in the browser. Run it as it is, or change it.":
        ("Esta consulta devuelve los resultados de su búsqueda en el navegador. Ejecútela tal cual o modifíquela.",
         "Cette requête renvoie les résultats de votre recherche dans le navigateur. Exécutez-la telle quelle ou modifiez-la."),
    "Query": ("Consulta", "Requête"),
    "Results as": ("Resultados en", "Résultats en"),
    "Run": ("Ejecutar", "Exécuter"),
    "Example queries": ("Consultas de ejemplo", "Exemples de requêtes"),
    "“{value}” is not a known value of the parameter “{name}”.":
        ("«{value}» no es un valor conocido del parámetro «{name}».",
         "« {value} » n'est pas une valeur connue du paramètre « {name} »."),
    "Check the parameter “{name}” in the address.": ("Revise el parámetro «{name}» de la dirección.",
                                                     "Vérifiez le paramètre « {name} » de l'adresse."),
    "Go to the home page": ("Ir a la página de inicio", "Aller à la page d'accueil"),
    "Page not found": ("Página no encontrada", "Page introuvable"),
    "Invalid parameter": ("Parámetro no válido", "Paramètre non valide"),
    "Something went wrong": ("Algo salió mal", "Un problème est survenu"),

    # -- downloads
    "The whole public graph in one file: practices, national norms, organisations, the vocabularies and the ontology. Each entry is a named graph named by its IRI. The files are made again after every change to the data.":
        ("Todo el grafo público en un archivo: prácticas, normas nacionales, organizaciones, los vocabularios y la ontología. Cada registro es un grafo con nombre, nombrado por su IRI. Los archivos se rehacen tras cada cambio de los datos.",
         "Tout le graphe public en un fichier : pratiques, normes nationales, organisations, vocabulaires et ontologie. Chaque fiche est un graphe nommé par son IRI. Les fichiers sont refaits après chaque modification des données."),
    "Files": ("Archivos", "Fichiers"),
    "File": ("Archivo", "Fichier"),
    "Format": ("Formato", "Format"),
    "Size": ("Tamaño", "Taille"),
    "Updated": ("Actualizado", "Mis à jour"),
    "Licence": ("Licencia", "Licence"),
    "The data are under the Creative Commons Attribution 4.0 International licence: you may share and adapt them for any purpose, crediting the GCM Knowledge Graph.":
        ("Los datos están bajo la licencia Creative Commons Atribución 4.0 Internacional: puede compartirlos y adaptarlos para cualquier fin, citando el Grafo de conocimiento del Pacto Mundial.",
         "Les données sont sous licence Creative Commons Attribution 4.0 International : vous pouvez les partager et les adapter à toute fin, en citant le Graphe de connaissances du Pacte mondial."),
    "Load them into another store": ("Cargarlos en otro almacén", "Les charger dans un autre entrepôt"),
    "Both files hold the same quads. Query them with the union of the named graphs as the default graph, as this server does.":
        ("Ambos archivos contienen los mismos cuádruplos. Consúltelos con la unión de los grafos con nombre como grafo por defecto, como hace este servidor.",
         "Les deux fichiers contiennent les mêmes quadruplets. Interrogez-les avec l'union des graphes nommés comme graphe par défaut, comme le fait ce serveur."),
    "In Fuseki, set {setting} on the dataset.": ("En Fuseki, active {setting} en el conjunto de datos.",
                                                  "Dans Fuseki, activez {setting} sur le jeu de données."),
    "Import the TriG or N-Quads file with the store's loader; keep the named graphs.":
        ("Importe el archivo TriG o N-Quads con el cargador del almacén; conserve los grafos con nombre.",
         "Importez le fichier TriG ou N-Quads avec le chargeur de l'entrepôt ; gardez les graphes nommés."),
    "For machines": ("Para las máquinas", "Pour les machines"),
    "The same files are described in DCAT at this address, for a client asking for RDF (e.g. Accept: text/turtle), and the dataset in VoID.":
        ("Los mismos archivos se describen en DCAT en esta dirección, para un cliente que pida RDF (p. ej., Accept: text/turtle), y el conjunto de datos en VoID.",
         "Les mêmes fichiers sont décrits en DCAT à cette adresse, pour un client qui demande du RDF (p. ex. Accept: text/turtle), et le jeu de données en VoID."),

    # -- the submission form (web/form_pages.py, templates/form.html, _form_fields.html, upload.html)
    "New entry: {kind}": ("Nueva entrada: {kind}", "Nouvelle fiche : {kind}"),
    "Edit: {title}": ("Editar: {title}", "Modifier : {title}"),
    "Save draft": ("Guardar borrador", "Enregistrer le brouillon"),
    "Draft saved.": ("Borrador guardado.", "Brouillon enregistré."),
    "Submitted for review: a curator will look at it.": ("Enviada para revisión: un curador la examinará.",
                                                         "Soumise pour examen : un curateur va l'étudier."),
    "This entry is {state}: it cannot be edited now.": ("Esta entrada está en estado «{state}»: no se puede editar ahora.",
                                                        "Cette fiche est à l'état « {state} » : elle ne peut pas être modifiée maintenant."),
    "Someone else saved this entry since you opened it (you edited version {mine}, the latest is {latest}). Your changes were not saved: they are shown below. Check them against the latest version, then save again to replace it.":
        ("Otra persona guardó esta entrada después de que usted la abriera (usted editó la versión {mine}, la más reciente es la {latest}). Sus cambios no se guardaron: se muestran a continuación. Compárelos con la versión más reciente y vuelva a guardar para reemplazarla.",
         "Quelqu'un d'autre a enregistré cette fiche depuis que vous l'avez ouverte (vous avez modifié la version {mine}, la plus récente est la {latest}). Vos modifications n'ont pas été enregistrées : elles sont affichées ci-dessous. Comparez-les à la version la plus récente, puis enregistrez de nouveau pour la remplacer."),
    "Open the latest version in a new tab": ("Abrir la versión más reciente en una pestaña nueva",
                                             "Ouvrir la version la plus récente dans un nouvel onglet"),
    "Not submitted: {reason}": ("No enviada: {reason}", "Non soumise : {reason}"),
    "Not submitted: fix the problems below first.": ("No enviada: corrija primero los problemas indicados abajo.",
                                                     "Non soumise : corrigez d'abord les problèmes indiqués ci-dessous."),
    "There is 1 problem with this entry": ("Hay 1 problema en esta entrada", "Cette fiche présente 1 problème"),
    "There are {n} problems with this entry": ("Hay {n} problemas en esta entrada", "Cette fiche présente {n} problèmes"),
    "Error:": ("Error:", "Erreur :"),
    "Warning:": ("Advertencia:", "Avertissement :"),
    "required": ("obligatorio", "obligatoire"),
    "Not stated": ("Sin indicar", "Non précisé"),
    "This draft also holds {properties}, which the form does not show: saving it from the form leaves them out.":
        ("Este borrador contiene además {properties}, que el formulario no muestra: al guardarlo desde el formulario se omiten.",
         "Ce brouillon contient aussi {properties}, que le formulaire n'affiche pas : l'enregistrer depuis le formulaire les omet."),
    "Language of this text": ("Idioma de este texto", "Langue de ce texte"),
    "YYYY or YYYY-MM-DD": ("AAAA o AAAA-MM-DD", "AAAA ou AAAA-MM-JJ"),
    "Type a name or code, then pick a suggestion": ("Escriba un nombre o un código y elija una sugerencia",
                                                    "Tapez un nom ou un code, puis choisissez une suggestion"),
    "Add a new organisation": ("Añadir una organización nueva", "Ajouter une nouvelle organisation"),
    "opens in a new tab; save it, then pick it here": ("se abre en una pestaña nueva; guárdela y elíjala aquí",
                                                       "s'ouvre dans un nouvel onglet ; enregistrez-la, puis choisissez-la ici"),
    "Add another": ("Añadir otro", "Ajouter un autre"),
    "Saving the draft…": ("Guardando el borrador…", "Enregistrement du brouillon…"),
    "Draft saved at {time}": ("Borrador guardado a las {time}", "Brouillon enregistré à {time}"),
    "The draft could not be saved: {reason}": ("No se pudo guardar el borrador: {reason}",
                                               "Le brouillon n'a pas pu être enregistré : {reason}"),
    "Download the spreadsheet template": ("Descargar la plantilla de hoja de cálculo", "Télécharger le modèle de tableur"),
    "Upload a filled template or an RDF file": ("Subir una plantilla rellenada o un archivo RDF",
                                                "Téléverser un modèle rempli ou un fichier RDF"),
    "Upload: {kind}": ("Subir: {kind}", "Téléverser : {kind}"),
    "Fill in the spreadsheet template offline, or export the entry as RDF (Turtle, JSON-LD, RDF/XML, N-Triples), then upload it here: each filled row or entry becomes a draft of yours.":
        ("Rellene la plantilla de hoja de cálculo sin conexión, o exporte la entrada en RDF (Turtle, JSON-LD, RDF/XML, N-Triples), y súbala aquí: cada fila rellenada o entrada se convierte en un borrador suyo.",
         "Remplissez le modèle de tableur hors ligne, ou exportez la fiche en RDF (Turtle, JSON-LD, RDF/XML, N-Triples), puis téléversez-la ici : chaque ligne remplie ou fiche devient l'un de vos brouillons."),
    "What the upload made": ("Lo que produjo la subida", "Ce que le téléversement a produit"),
    "Open the draft to check it and submit it": ("Abrir el borrador para revisarlo y enviarlo",
                                                 "Ouvrir le brouillon pour le vérifier et le soumettre"),
    "Problems to fix before submitting": ("Problemas que corregir antes de enviar", "Problèmes à corriger avant de soumettre"),
    "Where": ("Dónde", "Où"),
    "Problem": ("Problema", "Problème"),
    "No problems: the draft can be submitted.": ("Sin problemas: el borrador se puede enviar.",
                                                 "Aucun problème : le brouillon peut être soumis."),
    "File (.xlsx, .ttl, .jsonld, .rdf, .nt)": ("Archivo (.xlsx, .ttl, .jsonld, .rdf, .nt)", "Fichier (.xlsx, .ttl, .jsonld, .rdf, .nt)"),
    "Upload": ("Subir", "Téléverser"),
    "Choose a file to upload.": ("Elija un archivo para subir.", "Choisissez un fichier à téléverser."),
    "{file} is larger than {mib} MiB.": ("{file} supera los {mib} MiB.", "{file} dépasse {mib} Mio."),
    "{file} holds no filled row or entry.": ("{file} no contiene ninguna fila rellenada ni entrada.",
                                             "{file} ne contient aucune ligne remplie ni fiche."),
    "{entry} is already under curation: open its form to change it.":
        ("{entry} ya está en curaduría: abra su formulario para modificarla.",
         "{entry} est déjà en cours de curation : ouvrez son formulaire pour la modifier."),
    "row {n}": ("fila {n}", "ligne {n}"),
    "row {n}, column {columns}": ("fila {n}, columna {columns}", "ligne {n}, colonne {columns}"),
    "instructions": ("instrucciones", "instructions"),
    "allowed values": ("valores permitidos", "valeurs permises"),
    "One entry per row, from row 2. Leave a cell empty when the source does not say.":
        ("Una entrada por fila, a partir de la fila 2. Deje vacía una celda cuando la fuente no lo indique.",
         "Une fiche par ligne, à partir de la ligne 2. Laissez une cellule vide quand la source ne le dit pas."),
    "Several values in one cell: separate them with “{separator}”.": ("Varios valores en una celda: sepárelos con «{separator}».",
                                                                      "Plusieurs valeurs dans une cellule : séparez-les par « {separator} »."),
    "Dates: a day (YYYY-MM-DD) or a year (YYYY). Yes/no fields: yes or no.":
        ("Fechas: un día (AAAA-MM-DD) o un año (AAAA). Campos sí/no: sí o no.",
         "Dates : un jour (AAAA-MM-JJ) ou une année (AAAA). Champs oui/non : oui ou non."),
    "Choice fields take a code or a label from the sheet of allowed values.":
        ("Los campos de opciones admiten un código o una etiqueta de la hoja de valores permitidos.",
         "Les champs à choix prennent un code ou un libellé de la feuille des valeurs permises."),
    "Upload the filled file on the form's page: each row becomes a draft you can check and submit.":
        ("Suba el archivo rellenado en la página del formulario: cada fila se convierte en un borrador que puede revisar y enviar.",
         "Téléversez le fichier rempli sur la page du formulaire : chaque ligne devient un brouillon que vous pouvez vérifier et soumettre."),
    "Column": ("Columna", "Colonne"),
    "Required": ("Obligatorio", "Obligatoire"),
    "How many values": ("Cuántos valores", "Combien de valeurs"),
    "What to give": ("Qué indicar", "Quoi indiquer"),
    "one": ("uno", "une"),
    "several": ("varios", "plusieurs"),
    "Code": ("Código", "Code"),

    # -- the data model (/ontology)
    "The data model": ("El modelo de datos", "Le modèle de données"),
    "The data model: each kind of entry with its fields, prefixes, a diagram and examples":
        ("El modelo de datos: cada tipo de registro con sus campos, prefijos, un diagrama y ejemplos",
         "Le modèle de données : chaque type de fiche avec ses champs, les préfixes, un schéma et des exemples"),
    "How the GCM Knowledge Graph describes practices, national norms and organisations: each kind of entry with its fields, the vocabularies they draw on, and examples to copy. The fields and their rules come from the SHACL shapes every entry is validated against.":
        ("Cómo describe el Grafo de conocimiento del Pacto Mundial las prácticas, las normas nacionales y las organizaciones: cada tipo de registro con sus campos, los vocabularios que usan y ejemplos para copiar. Los campos y sus reglas provienen de las formas SHACL con las que se valida cada registro.",
         "Comment le Graphe de connaissances du Pacte mondial décrit les pratiques, les normes nationales et les organisations : chaque type de fiche avec ses champs, les vocabulaires qu'ils utilisent et des exemples à copier. Les champs et leurs règles viennent des formes SHACL qui valident chaque fiche."),
    "On this page": ("En esta página", "Sur cette page"),
    "Diagram": ("Diagrama", "Schéma"),
    "Prefixes": ("Prefijos", "Préfixes"),
    "Examples in Turtle": ("Ejemplos en Turtle", "Exemples en Turtle"),
    "Field": ("Campo", "Champ"),
    "Property": ("Propiedad", "Propriété"),
    "Range": ("Rango", "Portée"),
    "Cardinality": ("Cardinalidad", "Cardinalité"),
    "Vocabulary": ("Vocabulario", "Vocabulaire"),
    "Prefix": ("Prefijo", "Préfixe"),
    "Namespace": ("Espacio de nombres", "Espace de noms"),
    "Each box is a kind of entry with its fields (property: range [cardinality]); an arrow is a field that links one kind of entry to another.":
        ("Cada recuadro es un tipo de registro con sus campos (propiedad: rango [cardinalidad]); una flecha es un campo que enlaza un tipo de registro con otro.",
         "Chaque boîte est un type de fiche avec ses champs (propriété : portée [cardinalité]) ; une flèche est un champ qui relie un type de fiche à un autre."),
    "Two published entries exactly as the store holds them (each is a named graph named by its IRI).":
        ("Dos registros publicados tal como los guarda el almacén (cada uno es un grafo con nombre, nombrado por su IRI).",
         "Deux fiches publiées telles que l'entrepôt les garde (chacune est un graphe nommé par son IRI)."),
    # -- accounts (web/account_pages.py)
    "Sign in": ("Iniciar sesión", "Se connecter"),
    "For contributors, curators and reviewers of the repository. Reading and searching need no account.":
        ("Para quienes contribuyen, curan y revisan el repositorio. Leer y buscar no requiere cuenta.",
         "Pour les contributeurs, curateurs et évaluateurs du répertoire. Lire et chercher ne demandent pas de compte."),
    "E-mail": ("Correo electrónico", "Courriel"),
    "Password": ("Contraseña", "Mot de passe"),
    "Forgot your password?": ("¿Olvidó su contraseña?", "Mot de passe oublié ?"),
    "Too many failed sign-ins. Try again in 15 minutes.":
        ("Demasiados intentos fallidos. Vuelva a intentarlo dentro de 15 minutos.",
         "Trop d'échecs de connexion. Réessayez dans 15 minutes."),
    "Wrong e-mail or password.": ("Correo electrónico o contraseña incorrectos.", "Courriel ou mot de passe incorrect."),
    "Create your account": ("Cree su cuenta", "Créez votre compte"),
    "You were invited to contribute to the repository. Choose the name others will see and a password.":
        ("Le invitaron a contribuir al repositorio. Elija el nombre que verán los demás y una contraseña.",
         "Vous avez été invité·e à contribuer au répertoire. Choisissez le nom que les autres verront et un mot de passe."),
    "Your name": ("Su nombre", "Votre nom"),
    "At least 12 characters.": ("Al menos 12 caracteres.", "Au moins 12 caractères."),
    "Reset your password": ("Restablecer la contraseña", "Réinitialiser votre mot de passe"),
    "If an account uses this e-mail address, a link to choose a new password is on its way. The link works once, for two hours.":
        ("Si una cuenta usa esta dirección, se le ha enviado un enlace para elegir una nueva contraseña. El enlace sirve una vez, durante dos horas.",
         "Si un compte utilise cette adresse, un lien pour choisir un nouveau mot de passe est en route. Le lien fonctionne une fois, pendant deux heures."),
    "Send me a link": ("Envíenme un enlace", "Envoyez-moi un lien"),
    "Choose a new password": ("Elija una nueva contraseña", "Choisissez un nouveau mot de passe"),
    "New password": ("Nueva contraseña", "Nouveau mot de passe"),
    "Save the new password": ("Guardar la nueva contraseña", "Enregistrer le nouveau mot de passe"),
    "Your account": ("Su cuenta", "Votre compte"),
    "Roles": ("Funciones", "Rôles"),
    "Role": ("Función", "Rôle"),
    "contributor": ("contribuidor/a", "contributeur·rice"),
    "curator": ("curador/a", "curateur·rice"),
    "reviewer": ("revisor/a", "évaluateur·rice"),
    "admin": ("administrador/a", "administrateur·rice"),
    "Your work": ("Su trabajo", "Votre travail"),
    "My submissions": ("Mis propuestas", "Mes soumissions"),
    "Submit a practice": ("Proponer una práctica", "Soumettre une pratique"),
    "Curators' desk": ("Mesa de curaduría", "Bureau des curateurs"),
    "My reviews": ("Mis revisiones", "Mes évaluations"),
    "Inbox": ("Bandeja de entrada", "Boîte de réception"),
    "API tokens": ("Tokens de API", "Jetons d'API"),
    "Scripts send a token as “Authorization: Bearer …”. A token acts with one of your roles and can be revoked at any time.":
        ("Los scripts envían un token como «Authorization: Bearer …». Un token actúa con una de sus funciones y puede revocarse en cualquier momento.",
         "Les scripts envoient un jeton comme « Authorization: Bearer … ». Un jeton agit avec l'un de vos rôles et peut être révoqué à tout moment."),
    "Your new token, shown only this once:": ("Su nuevo token, que solo se muestra esta vez:", "Votre nouveau jeton, affiché cette seule fois :"),
    "Label": ("Etiqueta", "Libellé"),
    "Created": ("Creado", "Créé"),
    "Actions": ("Acciones", "Actions"),
    "Revoke": ("Revocar", "Révoquer"),
    "revoked": ("revocado", "révoqué"),
    "Create a token": ("Crear un token", "Créer un jeton"),
    "Invite someone": ("Invitar a alguien", "Inviter quelqu'un"),
    "Send the invitation": ("Enviar la invitación", "Envoyer l'invitation"),
    "Invitation sent to {email}.": ("Invitación enviada a {email}.", "Invitation envoyée à {email}."),
    "Sign out": ("Cerrar sesión", "Se déconnecter"),
    "Sign out everywhere": ("Cerrar sesión en todas partes", "Se déconnecter partout"),
    "Contribute": ("Contribuir", "Contribuer"),

    # -- the curators' workbench (issue 8): desk, reviews, submissions, history, inbox; public review line
    "Peer review": ("Revisión por pares", "Examen par les pairs"),
    "reviewed by {n} experts ({un} UN, {external} external)":
        ("revisado por {n} expertos ({un} de las Naciones Unidas, {external} externos)",
         "examiné par {n} experts ({un} Nations Unies, {external} externes)"),
    ", approved on {date}": (", aprobado el {date}", ", approuvé le {date}"),
    # -- when an entry was last checked against its source (gcm:lastChecked, issue 13)
    "Source check": ("Comprobación de la fuente", "Vérification de la source"),
    "Last checked against its source on {date}.": ("Comprobado por última vez con su fuente el {date}.",
                                                   "Vérifié pour la dernière fois auprès de sa source le {date}."),
    "This entry is no longer published": ("Este registro ya no está publicado", "Cette fiche n'est plus publiée"),
    "The curators withdrew this entry from publication. Their note:":
        ("Los curadores retiraron este registro de la publicación. Su nota:",
         "Les curateurs ont retiré cette fiche de la publication. Leur note :"),
    "Workbench": ("Mesa de trabajo", "Espace de travail"),
    "Signed in as {name}": ("Sesión iniciada como {name}", "Connecté en tant que {name}"),
    "Queues by state": ("Colas por estado", "Files par état"),
    "All": ("Todos", "Tous"),
    "All entries under curation": ("Todos los registros en curaduría", "Toutes les fiches en cours de curation"),
    "Apply filters": ("Aplicar filtros", "Appliquer les filtres"),
    "Assigned to me": ("Asignados a mí", "Qui me sont confiées"),
    "Overdue reviews only": ("Solo revisiones atrasadas", "Examens en retard seulement"),
    "No entry in this queue.": ("Ningún registro en esta cola.", "Aucune fiche dans cette file."),
    "Entry": ("Registro", "Fiche"),
    "State": ("Estado", "État"),
    "Submitted by": ("Enviado por", "Soumis par"),
    "Reviewers": ("Revisores", "Examinateurs"),
    "Reviewer": ("Revisor", "Examinateur"),
    "UN": ("Naciones Unidas", "Nations Unies"),
    "external": ("externo", "externe"),
    "overdue": ("atrasada", "en retard"),
    "conflict declared": ("conflicto declarado", "conflit déclaré"),
    "conflict declared: withdrawn": ("conflicto declarado: retirado", "conflit déclaré : retiré"),
    "reviewed": ("revisado", "examiné"),
    "reviewing": ("en revisión", "en cours d'examen"),
    "has not declared yet": ("aún no ha declarado", "n'a pas encore déclaré"),
    "due {date}": ("vence el {date}", "attendu le {date}"),
    "Due date": ("Fecha límite", "Date limite"),
    "Assign": ("Asignar", "Confier"),
    "No reviewer assigned yet.": ("Aún no hay revisores asignados.", "Aucun examinateur désigné pour l'instant."),
    "Publication needs at least one UN and two external reviewers who approve, none with a conflict of interest.":
        ("La publicación requiere al menos un revisor de las Naciones Unidas y dos externos que aprueben, ninguno con conflicto de intereses.",
         "La publication demande au moins un examinateur des Nations Unies et deux externes qui approuvent, aucun en conflit d'intérêts."),
    "version {n}": ("versión {n}", "version {n}"),
    "History": ("Historial", "Historique"),
    "Edit the draft": ("Editar el borrador", "Modifier le brouillon"),
    "Public page": ("Página pública", "Page publique"),
    "International instrument": ("Instrumento internacional", "Instrument international"),
    "Units of this organisation": ("Unidades de esta organización", "Unités de cette organisation"),
    # -- merging a duplicate (web/merge_pages.py)
    "Merge two entries": ("Fusionar dos entradas", "Fusionner deux fiches"),
    "Entry that stays": ("Entrada que se conserva", "Fiche conservée"),
    "Duplicate merged into it": ("Duplicado que se fusiona con ella", "Doublon fusionné avec elle"),
    "The entry keeps its address and takes what you tick below. The duplicate leaves the public graph and the review queue; its address then leads to the entry (301), and published entries that linked to it link to the entry instead.":
        ("La entrada conserva su dirección y recibe lo que marque abajo. El duplicado sale del grafo público y de la cola de revisión; su dirección lleva entonces a la entrada (301), y las entradas publicadas que lo enlazaban enlazan la entrada.",
         "La fiche garde son adresse et reçoit ce que vous cochez ci-dessous. Le doublon quitte le graphe public et la file de relecture ; son adresse mène alors à la fiche (301), et les fiches publiées qui le liaient lient désormais la fiche."),
    "What the entry takes from the duplicate": ("Lo que la entrada toma del duplicado", "Ce que la fiche reprend du doublon"),
    "The duplicate has nothing the entry lacks.": ("El duplicado no tiene nada que le falte a la entrada.",
                                                   "Le doublon n'a rien qui manque à la fiche."),
    "Merge": ("Fusionar", "Fusionner"),
    "(instead of the entry's own)": ("(en lugar del de la entrada)", "(à la place de celui de la fiche)"),
    "One of the two entries changed since you opened this page: look again, then merge.":
        ("Una de las dos entradas cambió desde que abrió esta página: revísela y fusione de nuevo.",
         "L'une des deux fiches a changé depuis l'ouverture de cette page : vérifiez, puis fusionnez."),
    "Possible duplicates": ("Posibles duplicados", "Doublons possibles"),
    "these published entries share a source document or a title with this one. If they are the same practice or norm, merge them.":
        ("estas entradas publicadas comparten un documento fuente o un título con esta. Si son la misma práctica o norma, fusiónelas.",
         "ces fiches publiées partagent un document source ou un titre avec celle-ci. S'il s'agit de la même pratique ou norme, fusionnez-les."),
    "same source": ("misma fuente", "même source"),
    "same title": ("mismo título", "même titre"),
    "Merge this entry into it": ("Fusionar esta entrada con ella", "Fusionner cette fiche avec elle"),
    "Merge it into this entry": ("Fusionarla con esta entrada", "La fusionner avec cette fiche"),
    "What you can do": ("Lo que puede hacer", "Ce que vous pouvez faire"),
    "Public note: why the entry is withdrawn (shown at its address)":
        ("Nota pública: por qué se retira el registro (se muestra en su dirección)",
         "Note publique : pourquoi la fiche est retirée (affichée à son adresse)"),
    "Note to the submitter": ("Nota para quien lo envió", "Note à l'auteur de la soumission"),
    "Submit for review": ("Enviar a revisión", "Soumettre à l'examen"),
    "Start the review": ("Iniciar la revisión", "Commencer l'examen"),
    "Request changes": ("Solicitar cambios", "Demander des modifications"),
    "Publish": ("Publicar", "Publier"),
    "Reject": ("Rechazar", "Rejeter"),
    "Withdraw": ("Retirar", "Retirer"),
    "Reopen as a draft": ("Reabrir como borrador", "Rouvrir comme brouillon"),
    "Request an update": ("Solicitar una actualización", "Demander une mise à jour"),
    "Unpublish": ("Despublicar", "Dépublier"),
    "Reviews of this version": ("Revisiones de esta versión", "Examens de cette version"),
    "Review {n}": ("Revisión {n}", "Examen {n}"),
    "verdict: {verdict}": ("dictamen: {verdict}", "avis : {verdict}"),
    "The draft": ("El borrador", "Le brouillon"),
    "Not allowed": ("No permitido", "Non autorisé"),
    "Not possible now": ("No es posible ahora", "Impossible pour l'instant"),
    "Changed since you opened it": ("Cambió desde que lo abrió", "Modifié depuis que vous l'avez ouvert"),
    "Choose a reviewer, and a due date as YYYY-MM-DD.": ("Elija un revisor y una fecha límite como AAAA-MM-DD.",
                                                        "Choisissez un examinateur et une date limite au format AAAA-MM-JJ."),
    "History of {title}": ("Historial de {title}", "Historique de {title}"),
    "Back to the entry": ("Volver al registro", "Retour à la fiche"),
    "Versions": ("Versiones", "Versions"),
    "Version": ("Versión", "Version"),
    "Saved": ("Guardada", "Enregistrée"),
    "By": ("Por", "Par"),
    "Compare two versions": ("Comparar dos versiones", "Comparer deux versions"),
    "From version": ("De la versión", "De la version"),
    "to version": ("a la versión", "à la version"),
    "Compare": ("Comparar", "Comparer"),
    "What changed from version {a} to version {b}": ("Qué cambió de la versión {a} a la versión {b}",
                                                     "Ce qui a changé de la version {a} à la version {b}"),
    "removed:": ("eliminado:", "retiré :"),
    "added:": ("añadido:", "ajouté :"),
    "No difference.": ("Ninguna diferencia.", "Aucune différence."),
    "Submit a new entry:": ("Enviar un nuevo registro:", "Soumettre une nouvelle fiche :"),
    "Asked of you:": ("Se le pide:", "Ce qui vous est demandé :"),
    "Finish the draft and submit it for review.": ("Termine el borrador y envíelo a revisión.",
                                                    "Terminez le brouillon et soumettez-le à l'examen."),
    "Nothing for now: the curators and reviewers have it.": ("Nada por ahora: lo tienen los curadores y revisores.",
                                                              "Rien pour l'instant : les curateurs et les examinateurs s'en occupent."),
    "You have not submitted anything yet.": ("Aún no ha enviado nada.", "Vous n'avez encore rien soumis."),
    "also sent by e-mail": ("también enviado por correo electrónico", "également envoyé par courriel"),
    "Open the entry": ("Abrir el registro", "Ouvrir la fiche"),
    "No notifications.": ("Ninguna notificación.", "Aucune notification."),
    "Where you are": ("En qué punto está", "Où vous en êtes"),
    "declare any conflict of interest first": ("declare primero cualquier conflicto de intereses",
                                               "déclarez d'abord tout conflit d'intérêts"),
    "to review": ("por revisar", "à examiner"),
    "Nothing is assigned to you.": ("No tiene nada asignado.", "Rien ne vous est confié."),
    "Review of {title}": ("Revisión de {title}", "Examen de {title}"),
    "Please correct the following": ("Corrija lo siguiente", "Veuillez corriger ce qui suit"),
    "Before you see the entry: do you have a conflict of interest with it (its organisations, people or country)?":
        ("Antes de ver el registro: ¿tiene algún conflicto de intereses con él (sus organizaciones, personas o país)?",
         "Avant de voir la fiche : avez-vous un conflit d'intérêts avec elle (ses organisations, personnes ou pays) ?"),
    "No, I have no conflict of interest": ("No, no tengo ningún conflicto de intereses", "Non, je n'ai aucun conflit d'intérêts"),
    "Yes, I have a conflict of interest (I withdraw from this review)":
        ("Sí, tengo un conflicto de intereses (me retiro de esta revisión)",
         "Oui, j'ai un conflit d'intérêts (je me retire de cet examen)"),
    "Declare": ("Declarar", "Déclarer"),
    "Say whether you have a conflict of interest.": ("Indique si tiene un conflicto de intereses.",
                                                     "Indiquez si vous avez un conflit d'intérêts."),
    "You declared a conflict of interest: you are withdrawn from this review. Thank you.":
        ("Declaró un conflicto de intereses: queda retirado de esta revisión. Gracias.",
         "Vous avez déclaré un conflit d'intérêts : vous êtes retiré de cet examen. Merci."),
    "The entry (version {n})": ("El registro (versión {n})", "La fiche (version {n})"),
    "Your review": ("Su revisión", "Votre examen"),
    "Revise your review": ("Revise su revisión", "Réviser votre examen"),
    "Is the entry {criterion}?": ("¿Es el registro {criterion}?", "La fiche est-elle {criterion} ?"),
    "Justification": ("Justificación", "Justification"),
    "Verdict": ("Dictamen", "Avis"),
    "Comments to the contributor": ("Comentarios para quien lo envió", "Commentaires à l'auteur"),
    "Send the review": ("Enviar la revisión", "Envoyer l'examen"),
    "Choose a verdict.": ("Elija un dictamen.", "Choisissez un avis."),
    "Say whether the entry is {criterion}, and why.": ("Indique si el registro es {criterion}, y por qué.",
                                                       "Indiquez si la fiche est {criterion}, et pourquoi."),
    "The entry is {state}: it is not being reviewed.": ("El registro está en estado «{state}»: no se está revisando.",
                                                        "La fiche est à l'état « {state} » : elle n'est pas en cours d'examen."),

    # -- the ingest assistant's suggestions on an entry's curation page (issue 9)
    "Suggestions from the document": ("Sugerencias a partir del documento", "Suggestions tirées du document"),
    "The ingest assistant read the document and suggests these values. Accept one to put it in the draft; every decision is recorded with who took it and when.":  # noqa: E501 - one key
        ("El asistente de ingesta leyó el documento y sugiere estos valores. Acepte uno para ponerlo en el borrador; "
         "cada decisión queda registrada con quién la tomó y cuándo.",
         "L'assistant d'ingestion a lu le document et suggère ces valeurs. Acceptez-en une pour la mettre dans le "
         "brouillon ; chaque décision est enregistrée avec son auteur et sa date."),
    "{percent}% sure, by {method}": ("seguro al {percent} %, por {method}", "sûr à {percent} %, par {method}"),
    "page {n}": ("página {n}", "page {n}"),
    "Organisation field": ("Campo de organización", "Champ d'organisation"),
    "Accept": ("Aceptar", "Accepter"),
    "Waiting for a decision.": ("Pendiente de decisión.", "En attente d'une décision."),
    "Rejected": ("Rechazada", "Rejetée"),
    "Accepted": ("Aceptada", "Acceptée"),
    "Accepted with a change": ("Aceptada con un cambio", "Acceptée avec une modification"),
    "by {name}": ("por {name}", "par {name}"),
    "Accept or reject the suggestion.": ("Acepte o rechace la sugerencia.", "Acceptez ou rejetez la suggestion."),
    "Choose which organisation field it goes in.": ("Elija en qué campo de organización va.",
                                                    "Choisissez dans quel champ d'organisation elle va."),
    # -- the ingest assistant's upload page (web/ingest_pages.py)
    "Read a document": ("Leer un documento", "Lire un document"),
    "Read a document into a draft": ("Leer un documento para crear un borrador", "Lire un document pour en faire un brouillon"),
    "Upload a report, a web page or a law (PDF, HTML, Word, text), or a spreadsheet of several practices (CSV, XLSX). The ingest assistant files a draft of yours for each document or row, and suggests its fields, each with the words it came from, for a curator to accept or reject.":
        ("Suba un informe, una página web o una ley (PDF, HTML, Word, texto) o una hoja de cálculo con varias prácticas "
         "(CSV, XLSX). El asistente de ingesta crea un borrador suyo por cada documento o fila y sugiere sus campos, cada "
         "uno con las palabras de las que proviene, para que un curador los acepte o rechace.",
         "Téléversez un rapport, une page web ou une loi (PDF, HTML, Word, texte), ou un tableur de plusieurs pratiques "
         "(CSV, XLSX). L'assistant d'ingestion crée un brouillon à votre nom pour chaque document ou ligne et suggère ses "
         "champs, chacun avec les mots dont il vient, qu'un curateur accepte ou rejette."),
    "Drafts filed": ("Borradores creados", "Brouillons créés"),
    "Value (correct it before accepting if needed)": ("Valor (corríjalo antes de aceptar si hace falta)",
                                                       "Valeur (corrigez-la avant d'accepter si besoin)"),
    "Value (pick another before accepting if needed)": ("Valor (elija otro antes de aceptar si hace falta)",
                                                         "Valeur (choisissez-en une autre avant d'accepter si besoin)"),
    "No single value is named “{typed}”: pick one from the list.":
        ("Ningún valor único se llama «{typed}»: elija uno de la lista.",
         "Aucune valeur unique ne s'appelle « {typed} » : choisissez-en une dans la liste."),
    "proposed new organisation": ("organización nueva propuesta", "nouvelle organisation proposée"),
    "organisation": ("organización", "organisation"),
    "Added as a new organisation": ("Añadida como organización nueva", "Ajoutée comme nouvelle organisation"),
    "Add as a new organisation": ("Añadir como organización nueva", "Ajouter comme nouvelle organisation"),
    "Not in the repository: accepting files a draft organisation of this name for you to complete; pick it in this entry once it is published.":
        ("No está en el repositorio: al aceptarla se crea un borrador de organización con este nombre para que lo complete; elíjala en este registro cuando esté publicada.",
         "Absente du dépôt : l'accepter crée un brouillon d'organisation de ce nom à compléter ; choisissez-la dans cette fiche une fois publiée."),
    "{n} suggestions": ("{n} sugerencias", "{n} suggestions"),
    "Document": ("Documento", "Document"),
    "It describes": ("Describe", "Il décrit"),
    "a practice": ("una práctica", "une pratique"),
    "a national norm": ("una norma nacional", "une norme nationale"),
    "Detect it": ("Detectarlo", "Le détecter"),
    "Read it": ("Leerlo", "Le lire"),
    "Choose what the document describes and its language.": ("Elija qué describe el documento y su idioma.",
                                                             "Choisissez ce que décrit le document et sa langue."),
    # -- indicators (web/indicator_pages.py, web/indicator_charts.py)
    'Age':
        ('Edad', 'Âge'),
    'Computed from':
        ('Calculado a partir de', 'Calculé à partir de'),
    'Countries':
        ('Países', 'Pays'),
    'Countries are coloured by their value, darker for higher; grey where there is no data. The table after the map lists the same numbers.':
        ('Los países se colorean según su valor, más oscuro cuanto más alto; en gris donde no hay datos. La tabla que sigue al mapa da las mismas cifras.', "Les pays sont colorés selon leur valeur, plus foncés pour les plus élevées ; en gris là où il n'y a pas de données. Le tableau après la carte donne les mêmes chiffres."),
    'Custodian':
        ('Organismo custodio', 'Organisme responsable'),
    'Data availability':
        ('Disponibilidad de datos', 'Disponibilité des données'),
    'Data availability: which countries have data, for which years':
        ('Disponibilidad de datos: qué países tienen datos y de qué años', 'Disponibilité des données : quels pays ont des données, pour quelles années'),
    'Dataset':
        ('Conjunto de datos', 'Jeu de données'),
    'Definition and method':
        ('Definición y método', 'Définition et méthode'),
    'Education level':
        ('Nivel educativo', "Niveau d'éducation"),
    'Flows by origin and destination':
        ('Flujos por origen y destino', 'Flux par origine et destination'),
    'For each country, the years for which each indicator has a value. An empty cell means no data.':
        ('Para cada país, los años en que cada indicador tiene un valor. Una celda vacía significa que no hay datos.', "Pour chaque pays, les années pour lesquelles chaque indicateur a une valeur. Une cellule vide signifie qu'il n'y a pas de données."),
    'Formula':
        ('Fórmula', 'Formule'),
    'Indicator':
        ('Indicador', 'Indicateur'),
    'Indicator data':
        ('Datos de indicadores', 'Données des indicateurs'),
    'Indicators without data':
        ('Indicadores sin datos', 'Indicateurs sans données'),
    'Informs':
        ('Informa sobre', 'Renseigne'),
    'Letters after a value are SDMX observation statuses: E estimated, P provisional, M missing, B break in series, F forecast, I imputed, S strike.':
        ('Las letras tras un valor son estados de observación SDMX: E estimado, P provisional, M faltante, B ruptura de serie, F previsión, I imputado, S huelga.', "Les lettres après une valeur sont des statuts d'observation SDMX : E estimé, P provisoire, M manquant, B rupture de série, F prévision, I imputé, S grève."),
    'Map':
        ('Mapa', 'Carte'),
    'Map of this indicator':
        ('Mapa de este indicador', 'Carte de cet indicateur'),
    'Method of computation':
        ('Método de cálculo', 'Méthode de calcul'),
    'Migration status':
        ('Situación migratoria', 'Statut migratoire'),
    'No GCM objective or SDG indicator is linked to this indicator yet.':
        ('Todavía no hay ningún objetivo del Pacto Mundial ni indicador de los ODS vinculado a este indicador.', "Aucun objectif du Pacte mondial ni indicateur des ODD n'est encore lié à cet indicateur."),
    'No data is loaded for this indicator yet. An administrator loads a CSV or SDMX-CSV file with “gcmkg indicators load”.':
        ('Todavía no hay datos cargados para este indicador. Un administrador carga un archivo CSV o SDMX-CSV con «gcmkg indicators load».', "Aucune donnée n'est encore chargée pour cet indicateur. Un administrateur charge un fichier CSV ou SDMX-CSV avec « gcmkg indicators load »."),
    'No data loaded':
        ('Sin datos cargados', 'Aucune donnée chargée'),
    'No indicator data is loaded yet: the definitions are here, the observations are not. An administrator loads a CSV or SDMX-CSV file with “gcmkg indicators load”.':
        ('Todavía no hay datos de indicadores cargados: las definiciones están aquí, las observaciones no. Un administrador carga un archivo CSV o SDMX-CSV con «gcmkg indicators load».', "Aucune donnée d'indicateur n'est encore chargée : les définitions sont là, pas les observations. Un administrateur charge un fichier CSV ou SDMX-CSV avec « gcmkg indicators load »."),
    'No values for the chosen countries and years.':
        ('No hay valores para los países y años elegidos.', 'Aucune valeur pour les pays et années choisis.'),
    'Over time':
        ('Evolución en el tiempo', 'Évolution dans le temps'),
    'Period':
        ('Periodo', 'Période'),
    'Sex':
        ('Sexo', 'Sexe'),
    'Show':
        ('Mostrar', 'Afficher'),
    'Statistics on migration and education held as RDF Data Cubes, with their definitions from the custodian agencies.':
        ('Estadísticas sobre migración y educación guardadas como cubos de datos RDF, con las definiciones de los organismos custodios.', "Statistiques sur les migrations et l'éducation conservées en cubes de données RDF, avec les définitions des organismes responsables."),
    'The numbers':
        ('Las cifras', 'Les chiffres'),
    'These datasets count students by country of origin and of destination: download them, or see the mobility indicators computed from them.':
        ('Estos conjuntos de datos cuentan estudiantes por país de origen y de destino: descárguelos o consulte los indicadores de movilidad calculados a partir de ellos.', "Ces jeux de données comptent les étudiants par pays d'origine et de destination : téléchargez-les, ou consultez les indicateurs de mobilité calculés à partir d'eux."),
    'These observations as JSON':
        ('Estas observaciones en JSON', 'Ces observations en JSON'),
    'Unit':
        ('Unidad', 'Unité'),
    'World map of {indicator} in {year}':
        ('Mapa mundial de {indicator} en {year}', 'Carte du monde de {indicator} en {year}'),
    'Year':
        ('Año', 'Année'),
    'Years with data, by country and indicator':
        ('Años con datos, por país e indicador', 'Années avec données, par pays et indicateur'),
    'fell':
        ('bajó', 'a baissé'),
    'rose':
        ('subió', 'a augmenté'),
    'stayed':
        ('se mantuvo', 'est resté'),
    'highest latest value: {name} ({value}, {period})':
        ('valor más reciente más alto: {name} ({value}, {period})', 'valeur la plus récente la plus élevée : {name} ({value}, {period})'),
    'no data':
        ('sin datos', 'pas de données'),
    'source':
        ('fuente', 'source'),
    '{indicator} in {year}, by country':
        ('{indicator} en {year}, por país', '{indicator} en {year}, par pays'),
    '{indicator}, by country and period':
        ('{indicator}, por país y periodo', '{indicator}, par pays et période'),
    '{indicator}: map':
        ('{indicator}: mapa', '{indicator} : carte'),
    '{name} {value} in {period}':
        ('{name} {value} en {period}', '{name} {value} en {period}'),
    '{name} {verb} from {start} in {first} to {end} in {last}':
        ('{name} {verb} de {start} en {first} a {end} en {last}', '{name} {verb} de {start} en {first} à {end} en {last}'),
    '{n} observations':
        ('{n} observaciones', '{n} observations'),
    '{n} observations, {areas} areas, {years}':
        ('{n} observaciones, {areas} zonas, {years}', '{n} observations, {areas} zones, {years}'),
    'Female':
        ('Mujeres', 'Femmes'),
    'Male':
        ('Hombres', 'Hommes'),
    'Unknown':
        ('Desconocido', 'Inconnu'),
    'Not applicable':
        ('No aplicable', 'Sans objet'),
    'Origin': ('Origen', 'Origine'),
    'Destination': ('Destino', 'Destination'),
    'Students': ('Estudiantes', 'Étudiants'),
    'The {n} largest flows in {year}': ('Los {n} flujos mayores en {year}', 'Les {n} flux les plus importants en {year}'),
    'No flow is recorded for this year.': ('No hay flujos registrados para este año.',
                                           "Aucun flux n'est enregistré pour cette année."),
    'In {year}, {n} flows between pairs of countries, {total} students in all; the largest: {origin} to {destination}, {value}.':
        ('En {year}, {n} flujos entre pares de países, {total} estudiantes en total; el mayor: de {origin} a {destination}, {value}.',
         'En {year}, {n} flux entre paires de pays, {total} étudiants au total ; le plus important : de {origin} vers {destination}, {value}.'),
}

from .catalogue_model import MODEL_WORDS  # noqa: E402  (issue 13's words, kept in their own module)

CATALOGUE.update(MODEL_WORDS)

# The thematic profiles' pages (web/profile_pages.py) keep their words in their own table.
from .profile_catalogue import PROFILE_CATALOGUE  # noqa: E402

CATALOGUE.update(PROFILE_CATALOGUE)
