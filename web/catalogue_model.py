"""The interface's words for the model of issue 13 (objective weights, instruments and their parties,
amending chains) in Spanish and French, keyed by their English text: (es, fr). Merged into
web/catalogue.py's CATALOGUE, which tests/test_web_pages.py keeps complete."""

MODEL_WORDS: dict[str, tuple[str, str]] = {
    # -- objectives counted (coverage matrix, objective pages)
    "Objectives counted": ("Objetivos contados", "Objectifs comptés"),
    "Primary and secondary objectives": ("Objetivos principales y secundarios", "Objectifs principaux et secondaires"),
    "Primary objectives only": ("Solo los objetivos principales", "Objectifs principaux seulement"),
}
