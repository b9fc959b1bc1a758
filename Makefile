# Two commands matter: `make test` and `make demo`. Both set everything up on a fresh machine:
# a virtualenv in .venv with the package and its extras, and the pinned Pulumi CLI built from its Go
# module into a cache outside the clone (built once, reused while tools/pulumi-cli/go.sum is unchanged).

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
CLI_BUILD := tools/pulumi-cli/build.sh

.PHONY: test demo demo-destroy lint typecheck bytecode unit bench pulumi-cli clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[emulator,dev]'
	touch $@

pulumi-cli:
	@$(CLI_BUILD) >/dev/null

lint: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(INSTALLED)
	$(VENV)/bin/mypy

# The whole suite: lint, types, unit, emulator and the real-engine lifecycle tests, including the
# dependency smoke on both ends of the declared ranges and the built wheel installed alone. The first run
# also builds their pinned virtualenvs into the same cache as the CLI (needs the package index once).
# Engine tests spend part of their time waiting on process start-ups, the engine and the emulator, so
# three workers (pytest-xdist) keep two cores busier than two do (6.6 against 8.4 minutes, the same
# machine); every fixture keeps to its own ports, folders and PULUMI_HOME. Work stealing, because the
# default scheduler hands out long runs of neighbouring tests: one worker was left alone with the slow
# engine tests for the last six minutes. PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= 3

test: $(INSTALLED) lint typecheck bytecode
	PULUMI_SINCH_EST_CLI_ROOT="$$($(CLI_BUILD))" $(PY) -m pytest -n $(PYTEST_WORKERS) --dist worksteal

# Every provider process imports the package afresh. Where the environment says not to write bytecode
# (PYTHONDONTWRITEBYTECODE), each one would compile it from source again; compiled once here, they load
# it (a wheel's installer does the same for users). Only files changed since the last run are compiled.
bytecode: $(INSTALLED)
	$(PY) -m compileall -q pulumi_sinch_est tests benchmarks

# Unit and emulator tests only: no Pulumi CLI needed.
unit: $(INSTALLED)
	$(PY) -m pytest -m "not engine"

# The performance table: our providers against a no-op floor through the real engine (see benchmarks/).
bench: $(INSTALLED) bytecode
	PULUMI_SINCH_EST_CLI_ROOT="$$($(CLI_BUILD))" $(PY) -m benchmarks

demo: $(INSTALLED)
	PULUMI_SINCH_EST_CLI_ROOT="$$($(CLI_BUILD))" PYTHONPATH="$(CURDIR)" $(PY) tools/demo.py

demo-destroy: $(INSTALLED)
	PULUMI_SINCH_EST_CLI_ROOT="$$($(CLI_BUILD))" PYTHONPATH="$(CURDIR)" $(PY) tools/demo.py --destroy

clean:
	rm -rf $(VENV) .demo .pytest_cache .mypy_cache .ruff_cache
