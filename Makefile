# credlib: `make serve` runs the main job (the server), `make test` runs every test.
# Both create the virtual environment (.venv) from pinned versions on first use.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

EXTENSION := extension/vendor/Readability.js

.PHONY: install serve demo test bench bench-instructions bench-server docs constraints clean extension lint-extension calibrate eval

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "credlib needs Python 3.11 or newer (found: $$($(PYTHON) --version))"; exit 1; }
	@$(PYTHON) -m venv $(VENV) || { echo "could not create $(VENV): install Python's venv module (Debian: apt-get install python3-venv)"; exit 1; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[server,test,eval]'
	@touch $(STAMP)

install: $(STAMP)

## The browser extension, ready for "Load unpacked" (Chromium) and "Load Temporary Add-on"
## (Firefox): npm ci, then Mozilla's Readability copied into extension/vendor/ (not committed).
$(EXTENSION): extension/package.json extension/package-lock.json
	@command -v npm >/dev/null || { echo "the extension needs Node.js and npm (Debian: apt-get install nodejs npm)"; exit 1; }
	cd extension && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build

extension: $(EXTENSION)

## Firefox's linter on the extension (0 errors required).
lint-extension: $(EXTENSION)
	cd extension && npm run --silent lint

## The main job: the server (JSON API and web page) on http://127.0.0.1:8000 under gunicorn,
## one worker per core; SIGTERM or Ctrl-C stops it gracefully. Settings: CREDLIB_* (docs/deploy.md).
serve: $(STAMP) $(EXTENSION)
	$(BIN)/gunicorn -c server/gunicorn.conf.py

## Score the bundled example articles and print the reports.
demo: $(STAMP)
	$(BIN)/credlib score credlib/examples/wire-report.txt
	$(BIN)/credlib score credlib/examples/tabloid.txt

## Every test.
test: $(STAMP) $(EXTENSION)
	$(BIN)/python -m pytest

## Speed figures (median ms per article, start-up time, ms per headline for the clickbait model,
## growth on texts written to be slow).
bench: $(STAMP)
	$(BIN)/python bench/bench_score.py
	$(BIN)/python bench/bench_headline.py
	$(BIN)/python bench/bench_people.py
	$(BIN)/python bench/bench_pathological.py

## Instructions per article counted by valgrind (apt-get install valgrind): the figure to
## compare two versions of the code by on a machine whose speed varies.
bench-instructions: $(STAMP)
	$(BIN)/python bench/bench_instructions.py

## Server load: req/s, p50, p99 and non-2xx of a real gunicorn on loopback.
bench-server: $(STAMP)
	$(BIN)/python bench/bench_server.py

## Regenerate docs/signals.md from the lexicon data.
docs: $(STAMP)
	$(BIN)/credlib signals --format markdown --out docs/signals.md

## Refit the clickbait model and the score's weights from ../shared/data (after changing a signal).
calibrate: $(STAMP)
	$(BIN)/python scripts/calibrate.py all
	$(BIN)/credlib signals --format markdown --out docs/signals.md

## Accuracy and calibration figures on ../shared/data (docs/evaluation.md).
eval: $(STAMP)
	$(BIN)/credlib eval all

## Re-pin every dependency to what is installed in the environment.
constraints: $(STAMP)
	{ echo "# Exact versions for credlib and its extras, used by 'make' as pip constraints."; \
	  echo "# Regenerate after changing dependencies: make constraints"; \
	  $(BIN)/python -m pip freeze --exclude-editable | grep -v '^credlib'; } > constraints.txt

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis test-artifacts extension/node_modules extension/vendor
