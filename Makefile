# newsreader — two commands from a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench fuzz extract clean quality

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the project metadata changes.
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/newsreader $(ARGS)

# The import contracts of pyproject.toml first (seconds), then `make lint` (ruff, ruff format,
# mypy: about a minute), then the suite.
test: $(STAMP)
	$(BIN)/lint-imports
	$(MAKE) --no-print-directory lint
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q

# Lint, format check and types (configured in pyproject.toml: [tool.ruff], [tool.mypy]).
lint: $(STAMP)
	$(BIN)/ruff check tui tests
	$(BIN)/ruff format --check tui tests
	$(BIN)/mypy tui

# Users' installs have compiled bytecode; a shell with PYTHONDONTWRITEBYTECODE set would
# otherwise make every measured start recompile newsreader and its dependencies.
bench: $(STAMP)
	$(BIN)/python -m compileall -q tui $(VENV)/lib > /dev/null || true
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m tests.bench.run
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m tests.bench.cluster

fuzz: $(STAMP)
	NEWSREADER_FUZZ=long $(BIN)/python -m pytest -q tests -m slow -p no:xdist

clean:
	rm -rf $(VENV) build *.egg-info tui/*.egg-info

# Extraction quality on the tuning and checking parts of ../shared's gold (developers only).
quality: $(STAMP)
	$(BIN)/python -m tests.quality.run $(ARGS)
