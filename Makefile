# Two commands do all the set-up on a fresh copy of this folder:
#   make lab    - create .venv (if needed), install, open JupyterLab at lesson 0
#   make test   - the same set-up, then run every test (the CI runs exactly this)
# Other targets are for curriculum authors (see CONTRIBUTING.md).

# The first Python 3.11+ that actually runs (pyenv shims may exist for versions that do not).
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11; do $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && { echo $$p; break; }; done)
VENV   := .venv
BIN    := $(VENV)/bin
# Two install stamps: learners (make lab) get only what the lessons need; make test and the
# author targets add the test tools (pytest, nbval, hypothesis, playwright, ...) and pyspark
# (the linkage's Spark engine; its tests also need Java, which .ci/run installs).
LAB_STAMP := $(VENV)/.installed-lab
STAMP  := $(VENV)/.installed-test
JOBS   ?= 2

.PHONY: lab test install lessons check-lessons data benchmark constraints clean help

help:
	@echo "make lab   - set up and open JupyterLab at lesson 0"
	@echo "make test  - set up and run all tests"

$(LAB_STAMP): pyproject.toml constraints.txt
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed and was not found. Install it, or run: make PYTHON=/path/to/python3.11 lab"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; found " + sys.version.split()[0] + ". Install it, or run: make PYTHON=/path/to/python3.11 lab")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@echo "Installing the course's packages into .venv. The first time this downloads a few hundred MB"
	@echo "and takes a few minutes; pip lists each package as it goes."
	$(BIN)/python -m pip install --progress-bar on -c constraints.txt -e .
	@touch $(LAB_STAMP)

$(STAMP): $(LAB_STAMP)
	@echo "Installing the test tools (pytest, nbval, hypothesis, playwright, ...) and pyspark."
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test,spark]"
	@touch $(STAMP)

install: $(LAB_STAMP)

# Serve the whole course folder (lessons, docs, datasets, solutions), so the lessons' links to
# docs/glossary.md work and every folder shows in the file browser; open lesson 0.
# Root (for example inside a container) needs --allow-root; nobody else gets it.
lab: $(LAB_STAMP)
	@echo "Starting JupyterLab at lesson 0; your browser opens in about 20 seconds."
	@echo "Next time make lab skips the install and starts in about 20 seconds too. Stop JupyterLab with Ctrl+C."
	$(BIN)/jupyter lab --ServerApp.root_dir=. $(if $(filter 0,$(shell id -u)),--allow-root) lessons/00_welcome.ipynb

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
	.venv-constraints/bin/python -m pip install --quiet -e ".[test,spark]"
	{ head -3 constraints.txt; .venv-constraints/bin/python -m pip freeze --exclude-editable | grep -v '^-e'; } > constraints.new
	mv constraints.new constraints.txt
	rm -rf .venv-constraints

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info

# Facilitator kit (slides, handouts, scenario cards, paper copies, forms, Spanish pages) from the
# lessons into docs/handouts/; PDFs need Debian's chromium. See src/helpers/handouts/.
.PHONY: handouts
handouts: $(STAMP)
	$(BIN)/python -m helpers.handouts
