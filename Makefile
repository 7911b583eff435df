# Two commands set everything up on a fresh machine:
#   make demo   create .venv, install framing, run it on the bundled example articles
#   make test   install with the test extra and run the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test install bench clean browser

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# -qq: setuptools' notice about editable installs is information, not a problem; errors still show
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -qq -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -qq -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

# A fixed timestamp: the committed report is reproduced byte for byte, so the tree stays clean
# (tests/test_compare.py checks it equals the golden report).
demo: $(VENV)/.installed
	$(BIN)/framing compare data/examples/ -o reports/example.md --timestamp "2026-01-01 00:00 UTC"

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

# Chromium (the Debian package) for the browser test of the HTML view, tests/test_html_browser.py;
# installed only when missing, with apt-get (as root, as CI runs). Without it that test is skipped,
# saying why, except under CI=true, where it fails.
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; }

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
