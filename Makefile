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

.PHONY: help install run test lint fmt lock clean

help:
	@echo "make run       start the platform (NATS, services, gateway) on embedded SQLite"
	@echo "make test      install and run the whole test suite (SQLite and PostgreSQL)"
	@echo "make lint      ruff and mypy"
	@echo "make clean     remove the environment and local data"

$(UV):
	$(PYTHON) -m venv $(UV_HOME)
	$(UV_HOME)/bin/pip install --quiet "uv==$(UV_VERSION)"

$(VENV)/.installed: $(UV) uv.lock pyproject.toml */pyproject.toml services/*/pyproject.toml
	$(UV) sync --frozen --all-packages --quiet
	@touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/python scripts/agora_platform.py

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest -n 2 --dist loadgroup

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

fmt: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) $(UV_HOME) var .pytest_cache .mypy_cache .ruff_cache

lock: $(UV)
	$(UV) lock
