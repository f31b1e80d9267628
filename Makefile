# Agora — the two commands that matter: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.8
UV_HOME := .venv-uv
UV := $(UV_HOME)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: help install run test lint fmt lock clean fuzz console console-screenshots

help:
	@echo "make run       start the platform (NATS, services, gateway, console at /console/) on embedded SQLite"
	@echo "make test      install and run the whole test suite (SQLite and PostgreSQL)"
	@echo "make lint      ruff, mypy and the import contracts"
	@echo "make bench     benchmark on a full fictional dataset (~25 min); make bench-quick: a short run"
	@echo "make soak      load while parts fail, four modes (docs/reliability.md; AGORA_SOAK_MINUTES, AGORA_SOAK_MODES)"
	@echo "make console   serve the web console (AGORA_CONSOLE_GATEWAY_URL, default the local gateway)"
	@echo "make console-screenshots  regenerate docs/console/*.png with the browser tests"
	@echo "make client    regenerate the Python client's typed layer from the merged OpenAPI document"
	@echo "make rebuild-read-models SERVICE=funding|evaluation  replay the streams into a service's read models"
	@echo "make clean     remove the environment and local data"

$(UV):
	$(PYTHON) -m venv $(UV_HOME)
	$(UV_HOME)/bin/pip install --quiet "uv==$(UV_VERSION)"

$(VENV)/.installed: $(UV) uv.lock pyproject.toml */pyproject.toml services/*/pyproject.toml
	$(UV) sync --frozen --all-packages --quiet
	@touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/python -m agora_platform

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache --no-logo
	$(BIN)/pytest -n 2 --dist loadgroup

# The web console for people (docs/console.md), a client of the gateway at AGORA_CONSOLE_GATEWAY_URL.
console: install
	$(BIN)/python -m agora_console

# The console's browser tests (Debian's Chromium) with a screenshot of every page into docs/console/.
console-screenshots: install
	AGORA_CONSOLE_SCREENSHOTS=1 $(BIN)/pytest console/tests -p no:cacheprovider -q

# Schemathesis against the gateway's merged OpenAPI document, many examples per operation.
fuzz: install
	AGORA_FUZZ_EXAMPLES=$${AGORA_FUZZ_EXAMPLES:-100} $(BIN)/pytest tests/test_fuzz.py -p no:cacheprovider -s --timeout 3600

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache --no-logo

fmt: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) $(UV_HOME) .venv-tools tools/node/node_modules var .pytest_cache .mypy_cache .ruff_cache

lock: $(UV)
	$(UV) lock

# Benchmark (docs/benchmarks.md): AGORA_BENCH_DB=postgres for PostgreSQL, AGORA_BENCH_OUT for the JSON.
.PHONY: bench bench-quick bench-overlap bench-reports
bench: install
	$(BIN)/python -m bench

bench-quick: install
	$(BIN)/python -m bench --quick

# One service's database loaded directly: funding's overlap check, evaluation's reports.
bench-overlap: install
	$(BIN)/python -m bench overlap

bench-reports: install
	$(BIN)/python -m bench reports

# Deployment (docs/deploy.md). Validation tools with conflicting dependencies live in their own
# environment: checkov, and the Compose specification's JSON schema as shipped by docker-compose
# 1.29.2 (installed without its dependencies: only the schema file is used).
TOOLS := .venv-tools
CHECKOV_VERSION := 3.3.30
COMPOSE := docker compose --env-file deploy/compose/secrets.env
.PHONY: tools up down validate-deploy

$(TOOLS)/.installed:
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check "checkov==$(CHECKOV_VERSION)"
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check --no-deps "docker-compose==1.29.2"
	@touch $@

tools: $(TOOLS)/.installed

test: tools

validate-deploy: install tools
	$(BIN)/pytest tests/deploy -q -p no:cacheprovider

up:
	@test -f deploy/compose/secrets.env -a -f deploy/compose/nats-tls/tls.key -a -d deploy/compose/internal-tls || { echo "deploy/compose/secrets.env, nats-tls/ or internal-tls/ is missing: run $(BIN)/python deploy/gen_secrets.py compose --nats-tls-dir deploy/compose/nats-tls --internal-tls-dir deploy/compose/internal-tls > deploy/compose/secrets.env (docs/deploy.md)"; exit 1; }
	$(COMPOSE) up --build --detach
	@echo "starting: docker compose ps shows health; curl -s http://127.0.0.1:8000/readyz answers {\"status\":\"ready\"} once up"

down:
	$(COMPOSE) down

# Node validation tools (tools/node/package-lock.json): the AsyncAPI parser, Redocly and Spectral.
NODE_TOOLS := tools/node
.PHONY: node-tools
$(NODE_TOOLS)/node_modules/.installed: $(NODE_TOOLS)/package.json $(NODE_TOOLS)/package-lock.json
	npm ci --prefix $(NODE_TOOLS) --no-audit --no-fund --silent
	@touch $@

node-tools: $(NODE_TOOLS)/node_modules/.installed

test: node-tools

# The Python client's typed layer (clients/python/src/agora_client/_generated) from the merged
# OpenAPI document, built in-process; tests/test_client_generated.py fails when it is stale.
.PHONY: client
client: install
	$(BIN)/python clients/python/scripts/generate.py

# The soak (docs/reliability.md): the platform under mixed load while NATS, the services, the
# gateway and the databases fail — modes sqlite, postgres, nats_cluster, pg_failover. Not part of
# make test (tests/test_soak_short.py is). AGORA_SOAK_MINUTES (default 10 per mode),
# AGORA_SOAK_MODES (comma-separated), AGORA_SOAK_OUT (default var/soak/results.json).
.PHONY: soak
soak: install
	$(BIN)/python -m agora_platform.soak

# Rebuild one service's read models from the streams (docs/reliability.md): make
# rebuild-read-models SERVICE=funding|evaluation. It uses the service's own settings (AGORA_*);
# next to `make run`, the service's NATS password comes from the data directory.
.PHONY: rebuild-read-models
rebuild-read-models:
	@case "$(SERVICE)" in funding|evaluation) ;; *) echo "usage: make rebuild-read-models SERVICE=funding|evaluation"; exit 2;; esac
	@users="$${AGORA_DATA_DIR:-var}/keys/nats-users.json"; \
	if [ -z "$$AGORA_NATS_USER" ] && [ -f "$$users" ]; then \
		export AGORA_NATS_USER=$(SERVICE); \
		export AGORA_NATS_PASSWORD="$$($(BIN)/python -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$$users" $(SERVICE))"; \
	fi; \
	$(BIN)/python -m $(SERVICE).rebuild
