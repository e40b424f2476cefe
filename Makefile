# Two commands do all the set-up on a fresh copy of this folder:
#   make lab    - create .venv (if needed), install, open JupyterLab at lesson 0
#   make test   - the same set-up, then run every test (the CI runs exactly this)
# Other targets are for curriculum authors (see CONTRIBUTING.md).

# The first Python 3.11+ that actually runs (pyenv shims may exist for versions that do not).
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11; do $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && { echo $$p; break; }; done)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
JOBS   ?= 2

.PHONY: lab test install lessons check-lessons data benchmark constraints clean help

help:
	@echo "make lab   - set up and open JupyterLab at lesson 0"
	@echo "make test  - set up and run all tests"

$(STAMP): pyproject.toml constraints.txt
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed and was not found. Install it, or run: make PYTHON=/path/to/python3.11 lab"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; found " + sys.version.split()[0] + ". Install it, or run: make PYTHON=/path/to/python3.11 lab")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	@touch $(STAMP)

install: $(STAMP)

# Root (for example inside a container) needs --allow-root; nobody else gets it.
lab: $(STAMP)
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) lessons/00_welcome.ipynb

test: $(STAMP)
	$(BIN)/python -m pytest -n $(JOBS) --dist loadscope

# --- for authors -------------------------------------------------------------
lessons: $(STAMP)          ## re-run solutions/ and regenerate lessons/
	$(BIN)/python -m helpers.authoring build

check-lessons: $(STAMP)
	$(BIN)/python -m helpers.authoring check

data: $(STAMP)             ## rebuild datasets/ from the seeded generator
	$(BIN)/python -m helpers.riverbend --out datasets

benchmark: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

constraints:              ## re-pin every indirect dependency after changing pyproject.toml
	rm -rf .venv-constraints
	$(PYTHON) -m venv .venv-constraints
	.venv-constraints/bin/python -m pip install --quiet -e ".[test]"
	{ head -3 constraints.txt; .venv-constraints/bin/python -m pip freeze --exclude-editable | grep -v '^-e'; } > constraints.new
	mv constraints.new constraints.txt
	rm -rf .venv-constraints

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
