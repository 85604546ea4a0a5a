# Two promises: `make run` shows the product on demo data, `make test` runs every test.
# Both create .venv and install what is missing; nothing else needs to be set up by hand.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STORE  ?= var/demo-store

.PHONY: run test bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(BIN)/.installed
	rm -rf $(STORE)
	$(BIN)/gcmkg --store $(STORE) demo
	$(BIN)/gcmkg --store $(STORE) stats
	$(BIN)/gcmkg --store $(STORE) query 'PREFIX gcm: <https://w3id.org/gcmkg/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/> SELECT ?title WHERE { ?p a gcm:Practice ; gcm:primaryObjective <https://w3id.org/gcmkg/gcm/objective/19> ; dcterms:title ?title FILTER(LANG(?title) = "en") } ORDER BY ?title'

test: $(BIN)/.installed
	$(BIN)/python -m pytest

bench: $(BIN)/.installed
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var bench/data
