# Two commands for a newcomer:  `make run`  and  `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install run test models bench clean

$(STAMP): pyproject.toml setup.py
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

models: install
	$(VENV)/bin/jixiao models fetch

# install everything, fetch the default models, ingest the sample corpus, show the summary,
# then open the web app on http://127.0.0.1:7860 (Ctrl+C to stop)
run: models
	$(VENV)/bin/jixiao start
	$(VENV)/bin/jixiao serve

# install everything, lint, and run the unit tests (no network, no large models)
test: install
	$(VENV)/bin/ruff check assistant ui tests benchmarks setup.py
	$(VENV)/bin/pytest -q

bench: models
	$(PY) benchmarks/ingest_bench.py

clean:
	rm -rf data
