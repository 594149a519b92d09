# Entente: `make demo` builds the graph from corpus/ and writes its outputs; `make test` runs
# the test suite. Both create the virtual environment first if it is missing.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
KG     := $(VENV)/bin/kg
STAMP  := $(VENV)/.installed-stamp
STORE  ?= store
OUT    ?= out

.PHONY: install demo test lint bench clean

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Entente needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

demo: install
	$(KG) build corpus --store $(STORE)
	@mkdir -p $(OUT)
	$(KG) stats --store $(STORE)
	$(KG) export --store $(STORE) --format trig -o $(OUT)/graph.trig
	$(KG) export --store $(STORE) --format graphml -o $(OUT)/actors.graphml
	$(KG) report --store $(STORE) -o $(OUT)/report.html -o $(OUT)/report.md
	$(KG) view --store $(STORE) -o $(OUT)/graph.html
	@echo "store:   $(abspath $(STORE))"
	@echo "graph:   $(abspath $(OUT)/graph.trig)"
	@echo "actors:  $(abspath $(OUT)/actors.graphml)  (GraphML for Gephi)"
	@echo "report:  $(abspath $(OUT)/report.html)  (and report.md)"
	@echo "view:    $(abspath $(OUT)/graph.html)  (interactive, works offline)"

test: install
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check kg tests bench tools

bench: install
	$(PY) bench/throughput.py
	$(PY) bench/analytics.py

clean:
	rm -rf $(STORE) $(OUT) .pytest_cache
