"""The words of the thematic profiles' pages (web/profile_pages.py) in Spanish and French, keyed by English.

Merged into catalogue.CATALOGUE, so the completeness test covers them with the rest.
"""

PROFILE_CATALOGUE: dict[str, tuple[str, str]] = {
    "Analysis of implementation": ("Análisis de la implementación", "Analyse de la mise en œuvre"),
    "Analysis of implementation: {place}": ("Análisis de la implementación: {place}",
                                            "Analyse de la mise en œuvre : {place}"),
    "Comparison of national norms": ("Comparación de normas nacionales", "Comparaison des normes nationales"),
    "Comparison of national norms: {region}": ("Comparación de normas nacionales: {region}",
                                               "Comparaison des normes nationales : {region}"),
    "Countries (rows) and dimensions (columns)": ("Países (filas) y dimensiones (columnas)",
                                                  "Pays (lignes) et dimensions (colonnes)"),
    "Dimension": ("Dimensión", "Dimension"),
    "assessments": ("valoraciones", "évaluations"),
    "Dimensions": ("Dimensiones", "Dimensions"),
    "Download as CSV": ("Descargar en CSV", "Télécharger en CSV"),
    "Finding": ("Hallazgo", "Constat"),
    "For each GCM objective and each dimension: the national norms, the practices and the indicator data we hold, and where they disagree — a right guaranteed in law with no practice or data behind it, or practices that no norm enables.":
        ("Para cada objetivo del Pacto Mundial y cada dimensión: las normas nacionales, las prácticas y los datos de indicadores que tenemos, y dónde no concuerdan: un derecho garantizado por ley sin práctica ni datos que lo respalden, o prácticas que ninguna norma habilita.",
         "Pour chaque objectif du Pacte mondial et chaque dimension : les normes nationales, les pratiques et les données d'indicateurs dont nous disposons, et là où elles divergent — un droit garanti par la loi sans pratique ni données derrière lui, ou des pratiques qu'aucune norme ne fonde."),
    "Guaranteed in law, no practice or data": ("Garantizado por ley, sin práctica ni datos",
                                               "Garanti par la loi, sans pratique ni données"),
    "Norms, no practice or data": ("Normas, sin práctica ni datos", "Normes, sans pratique ni données"),
    "Indicators with data": ("Indicadores con datos", "Indicateurs avec données"),
    "Indicators with data: {n}.": ("Indicadores con datos: {n}.", "Indicateurs avec données : {n}."),
    "Inventory of practices": ("Inventario de prácticas", "Inventaire des pratiques"),
    "Thematic profiles": ("Perfiles temáticos", "Profils thématiques"),
    "Profiles": ("Perfiles", "Profils"),
    "A thematic profile compares national norms dimension by dimension, inventories the practices of a sector and analyses where law, practice and data disagree.":
        ("Un perfil temático compara las normas nacionales dimensión por dimensión, inventaría las prácticas de un sector y analiza dónde no concuerdan la ley, la práctica y los datos.",
         "Un profil thématique compare les normes nationales dimension par dimension, recense les pratiques d'un secteur et analyse là où la loi, la pratique et les données divergent."),
    "The same as JSON": ("Lo mismo en JSON", "La même chose en JSON"),
    "Kind": ("Tipo", "Type"),
    "No indicator data for this country yet.": ("Aún no hay datos de indicadores para este país.",
                                                "Pas encore de données d'indicateurs pour ce pays."),
    "No norm of this country has been assessed on this profile's dimensions yet.":
        ("Ninguna norma de este país ha sido valorada aún en las dimensiones de este perfil.",
         "Aucune norme de ce pays n'a encore été évaluée sur les dimensions de ce profil."),
    "No norm of this region has been assessed yet.": ("Ninguna norma de esta región ha sido valorada aún.",
                                                      "Aucune norme de cette région n'a encore été évaluée."),
    "Nothing to analyse here yet: no norm, practice or indicator data.":
        ("Aún no hay nada que analizar: ninguna norma, práctica ni dato de indicador.",
         "Rien à analyser pour l'instant : aucune norme, pratique ni donnée d'indicateur."),
    "Objective or dimension": ("Objetivo o dimensión", "Objectif ou dimension"),
    "Practice that no norm enables": ("Práctica que ninguna norma habilita", "Pratique qu'aucune norme ne fonde"),
    "Practices and norms tagged with the profile's dimensions, target populations and education levels. Each number opens the faceted search that finds them.":
        ("Prácticas y normas etiquetadas con las dimensiones, las poblaciones destinatarias y los niveles educativos del perfil. Cada número abre la búsqueda por facetas que las encuentra.",
         "Pratiques et normes étiquetées avec les dimensions, les populations cibles et les niveaux d'éducation du profil. Chaque nombre ouvre la recherche à facettes qui les trouve."),
    "Practices that no norm enables": ("Prácticas que ninguna norma habilita", "Pratiques qu'aucune norme ne fonde"),
    "Practices, no norm": ("Prácticas, sin norma", "Pratiques, sans norme"),
    "Provision": ("Disposición", "Disposition"),
    "Source of the wording": ("Fuente del texto", "Source du texte"),
    "Value in law": ("Valor en la ley", "Valeur dans la loi"),
    "What each country's norms say on each dimension, with the provision quoted as evidence and the source it was read from. An empty cell means no assessed norm: a gap in what we know, not in the law.":
        ("Lo que dicen las normas de cada país en cada dimensión, con la disposición citada como evidencia y la fuente de la que se leyó. Una celda vacía significa que no hay norma valorada: una laguna en lo que sabemos, no en la ley.",
         "Ce que disent les normes de chaque pays sur chaque dimension, avec la disposition citée comme preuve et la source où elle a été lue. Une cellule vide signifie qu'aucune norme n'a été évaluée : une lacune de nos connaissances, non de la loi."),
    "What the country's norms say, with the provision quoted": ("Lo que dicen las normas del país, con la disposición citada",
                                                                "Ce que disent les normes du pays, avec la disposition citée"),
    "no assessed norm": ("ninguna norma valorada", "aucune norme évaluée"),
    "{n} countries of the region have no assessed norm.": ("{n} países de la región no tienen ninguna norma valorada.",
                                                           "{n} pays de la région n'ont aucune norme évaluée."),
    "{n} findings.": ("{n} hallazgos.", "{n} constats."),
    "{profile}: comparison of national norms": ("{profile}: comparación de normas nacionales",
                                                "{profile} : comparaison des normes nationales"),
    "{profile}: inventory of practices": ("{profile}: inventario de prácticas", "{profile} : inventaire des pratiques"),
}
