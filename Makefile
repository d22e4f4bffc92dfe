# Two commands matter: `make serve` and `make test`. Both set everything up first.
# The virtual environment is rebuilt only when uv.lock or pyproject.toml changes.

SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := .tools/bin/uv
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.synced

export NO_MKDOCS_2_WARNING := 1
export PYTHONHASHSEED := 0
# Python's bytecode cache, in one git-ignored folder. Where the environment sets
# PYTHONDONTWRITEBYTECODE (this one does), every process of a build or of `make test` (the
# notebook's kernel, each learner check) compiled the libraries it imports again:
# importing scikit-learn took 1.9 s of CPU that way and 0.7 s from the cache.
export PYTHONDONTWRITEBYTECODE :=
export PYTHONPYCACHEPREFIX := $(CURDIR)/.cache/pycache
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(PYTHON)

.PHONY: help setup serve test build bench zensical shots lint clean browser chromium start check reference graduate real-model

help:
	@echo "make setup   install everything the site and the roadmap's checks need (once)"
	@echo "make start P=first-call     copy a project's starter to work/ (never overwrites)"
	@echo "make check P=first-call     run that project's done-when check on your copy in work/"
	@echo "make check                  check every project you started: a progress table"
	@echo "make reference P=first-call run a project's check on the reference solution"
	@echo "make graduate P=first-call  copy a finished project into a folder of its own (TO=path)"
	@echo "make real-model             every project and scenario against a real small model; writes the report"
	@echo "make real-model P=first-call your work/ copy of a project against that model (first time: a compile)"
	@echo "make serve   set up, then serve the site on http://127.0.0.1:8000 with live reload"
	@echo "make test    set up, then run every check (lint, examples, build, browser)"
	@echo "make build   strict build into site/"
	@echo "make bench   speed, size and Lighthouse figures beside a default Material site, goals met or missed"
	@echo "make zensical  build with Zensical (Material's successor) and list what it lacks"
	@echo "make shots   full-page screenshots of every page (PAGES=\"roadmap/ index\" for some) into shots/"
	@echo "make lint    ruff, codespell and pymarkdown"
	@echo "make clean   remove the environment, build output and caches"

$(UV):
	@echo "==> Installing uv $(UV_VERSION) into .tools/ (once)"
	@$(PYTHON) -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --target .tools uv==$(UV_VERSION)

$(STAMP): uv.lock pyproject.toml | $(UV)
	@echo "==> Installing the locked Python packages into $(VENV)/ (only when the lock changes)"
	@$(UV) sync --locked --quiet
	@touch $@

# Debian's Chromium, installed with apt when missing (browser downloads do not work offline):
# the headless shell drives the browser tests and screenshots, the full browser measures in
# `make bench` (Lighthouse, page weights). $(1): the package (and program), $(2): what needs it.
define debian_program
command -v $(1) >/dev/null || { \
  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
    echo "==> Installing Debian's $(1) for $(2) (once)"; \
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null; \
  else \
    echo "error: $(2) need $(1). Install it, e.g. 'sudo apt-get install $(1)'." >&2; \
    exit 1; \
  fi; }
endef

browser:
	@$(call debian_program,chromium-headless-shell,the browser tests)

chromium:
	@$(call debian_program,chromium,the measurements of make bench)

setup: $(STAMP)
	@echo "==> Ready. Start a project with: make start P=first-call"

# The learner's commands (atlas/roadmap/learner.py): their code lives in work/, git-ignored.
start: $(STAMP)
	@$(BIN)/python -m atlas.roadmap.learner start $(P)

check: $(STAMP)
	@$(BIN)/python -m atlas.roadmap.learner check $(P)

reference: $(STAMP)
	@$(BIN)/python -m atlas.roadmap.learner reference $(P)

graduate: $(STAMP)
	@$(BIN)/python -m atlas.roadmap.learner graduate $(P) $(TO)

# Not part of `make test`: installs llama-cpp-python (compiled once) and SmolLM2-135M into
# .real-model/, serves it on 127.0.0.1 and runs atlas/llm/real_model/ (about 10 minutes).
real-model: $(STAMP)
	@$(BIN)/python -m atlas.llm.real_model $(if $(P),--learner $(P),)

serve: $(STAMP)
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/codespell docs atlas tests hooks bench README.md CONTRIBUTING.md
	$(BIN)/pymarkdown scan -r docs README.md CONTRIBUTING.md  # -r: without it, docs/*/ is skipped

# One pytest worker per core (pytest-xdist); a file's tests stay together, in order, so a
# page's examples share one namespace as the reader's would. Files are handed out longest
# first, in the order tests/conftest.py gives them.
test: $(STAMP) browser lint
	$(BIN)/pytest -n auto --dist loadfile --no-loadscope-reorder

bench: $(STAMP) browser chromium
	$(BIN)/python -m bench

zensical: $(STAMP)
	$(BIN)/python -m bench.zensical

shots: $(STAMP) browser
	$(BIN)/python -m bench.shots $(PAGES)

clean:
	rm -rf $(VENV) .tools site .cache .pytest_cache .ruff_cache .zensical-site .zensical.yml .real-model
