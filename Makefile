# credlib: `make demo` runs the main job, `make test` runs every test.
# Both create the virtual environment (.venv) from pinned versions on first use.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install demo test bench docs constraints clean

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "credlib needs Python 3.11 or newer (found: $$($(PYTHON) --version))"; exit 1; }
	@$(PYTHON) -m venv $(VENV) || { echo "could not create $(VENV): install Python's venv module (Debian: apt-get install python3-venv)"; exit 1; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[server,test]'
	@touch $(STAMP)

install: $(STAMP)

## The main job: score the bundled example articles and print the reports.
demo: $(STAMP)
	$(BIN)/credlib score credlib/examples/wire-report.txt
	$(BIN)/credlib score credlib/examples/tabloid.txt

## Every test.
test: $(STAMP)
	$(BIN)/python -m pytest

## Speed figures (median ms per article, start-up time).
bench: $(STAMP)
	$(BIN)/python bench/bench_score.py
	$(BIN)/python bench/bench_people.py

## Regenerate docs/signals.md from the lexicon data.
docs: $(STAMP)
	$(BIN)/credlib signals --format markdown --out docs/signals.md

## Re-pin every dependency to what is installed in the environment.
constraints: $(STAMP)
	{ echo "# Exact versions for credlib and its extras, used by 'make' as pip constraints."; \
	  echo "# Regenerate after changing dependencies: make constraints"; \
	  $(BIN)/python -m pip freeze --exclude-editable | grep -v '^credlib'; } > constraints.txt

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis test-artifacts
