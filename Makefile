# Two commands on a fresh machine: `make demo` and `make test` (each sets everything up first).
# The interpreter the virtual environment is built with: a distribution's optimised build when there is one
# (scripts/choisir_python.py says why); `make PYTHON=python3.12 test` chooses by hand.
PYTHON ?= $(shell python3 scripts/choisir_python.py 2>/dev/null || echo python3)
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: demo test installer libreoffice outils-js bench lint clean

$(VENV)/.installe: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

installer: $(VENV)/.installe

libreoffice:
	@bash scripts/installer-libreoffice.sh

outils-js:
	@bash scripts/installer-outils-js.sh

demo: installer libreoffice
	$(PY) build_workbook.py --pdf sortie --complement sortie
	$(VENV)/bin/nr-workbook indicateurs workbooks/exemple-rempli.xlsx
	$(VENV)/bin/nr-workbook copil workbooks/exemple-rempli.xlsx -o sortie/copil
	$(VENV)/bin/nr-workbook export-tet workbooks/exemple-rempli.xlsx -o sortie/plan-territoires-en-transitions.xlsx --force
	$(VENV)/bin/nr-workbook export-numecoeval workbooks/exemple-rempli.xlsx -o sortie/numecoeval
	$(VENV)/bin/nr-workbook export-agec workbooks/exemple-rempli.xlsx -o sortie/declaration-agec.csv --force
	$(VENV)/bin/nr-workbook build -o sortie/import-glpi.xlsx --inventaire tests/donnees/imports/glpi-ordinateurs-fr.csv --force
	$(VENV)/bin/nr-workbook migrer tests/donnees/versions/1.1.0/exemple-rempli.xlsx -o sortie/exemple-migre-depuis-1.1.0.xlsx --force
	$(VENV)/bin/nr-workbook nouvelle-annee workbooks/exemple-rempli.xlsx -o sortie/exemple-2027.xlsx --force
	$(VENV)/bin/nr-workbook lot workbooks/exemple-adherents.csv -o sortie/adherents --mutualisateur "Syndicat mixte exemple" --annee 2026
	$(PY) build_workbook.py --retours sortie/adherents
	$(VENV)/bin/nr-workbook consolider sortie/adherents -o sortie/consolidation.xlsx --force
	rm -rf sortie/adherents-2027
	$(PY) build_workbook.py --annee-suivante sortie/adherents sortie/adherents-2027
	$(VENV)/bin/nr-workbook consolider sortie/adherents-2027 -o sortie/consolidation-2027.xlsx --force
	$(VENV)/bin/nr-workbook historique sortie --indicateur NR_SCORE_GLOBAL
	$(VENV)/bin/nr-workbook export-opendata sortie -o sortie/opendata --force

test: installer libreoffice outils-js
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(PY) -m pytest

bench: installer
	$(PY) benchmarks/run.py
	$(PY) benchmarks/imports.py
	$(PY) benchmarks/consolidation.py
	$(PY) benchmarks/serveur.py
	$(PY) benchmarks/valeurs_en_cache.py

clean:
	rm -rf $(VENV) sortie .pytest_cache .hypothesis
