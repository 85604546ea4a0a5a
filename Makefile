# Two promises: `make run` shows the product on demo data, `make test` runs every test.
# Both create .venv and install what is missing; nothing else needs to be set up by hand.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STORE  ?= var/demo-store

VENDOR := web/static/vendor

.PHONY: setup run test bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Front-end packages come from the npm registry at set-up and are served by us (no CDN).
$(VENDOR)/.installed: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	mkdir -p $(VENDOR)/yasgui $(VENDOR)/axe $(VENDOR)/world-atlas $(VENDOR)/swagger-ui
	cp web/node_modules/@zazuko/yasgui/build/yasgui.min.js web/node_modules/@zazuko/yasgui/build/yasgui.min.css $(VENDOR)/yasgui/
	cp web/node_modules/axe-core/axe.min.js $(VENDOR)/axe/
	cp web/node_modules/world-atlas/countries-110m.json web/node_modules/world-atlas/LICENSE $(VENDOR)/world-atlas/
	cp web/node_modules/swagger-ui-dist/swagger-ui-bundle.js web/node_modules/swagger-ui-dist/swagger-ui.css web/node_modules/swagger-ui-dist/LICENSE $(VENDOR)/swagger-ui/
	touch $@

setup: $(BIN)/.installed $(VENDOR)/.installed

# The demo: its entries, an account for each role with entries in every workflow state (passwords
# generated and printed once), and three documents filed by the ingest assistant as the demo
# contributor's drafts with their suggestions.
DOCS := gcmkg/demo/documents
run: setup
	rm -rf $(STORE)
	$(BIN)/gcmkg --store $(STORE) demo --workflow
	$(BIN)/gcmkg --store $(STORE) ingest $(DOCS)/remittance-pilot-report.md $(DOCS)/programa-retorno.html --as alice.contributor@example.org
	$(BIN)/gcmkg --store $(STORE) ingest $(DOCS)/decret-titre-de-sejour.md --type norm --as alice.contributor@example.org
	$(BIN)/gcmkg --store $(STORE) serve

test: setup
	$(BIN)/python -m pytest

# Every benchmark, at SIZE practices (make bench SIZE=100000 for the figures the issues set goals at).
SIZE ?= 10000
bench: $(BIN)/.installed
	$(BIN)/python bench/run.py --sizes $(SIZE)
	$(BIN)/python bench/facets.py --sizes $(SIZE)
	$(BIN)/python bench/pages.py --size $(SIZE)
	$(BIN)/python bench/sparql.py --size $(SIZE)
	$(BIN)/python bench/curation.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/indicators.py

clean:
	rm -rf $(VENV) var bench/data web/node_modules $(VENDOR)
