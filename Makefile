# The two commands a newcomer needs: `make demo` and `make test`. Both set everything up first.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: setup demo run test test-fast lint typecheck translations bench docs package clean

setup:
	@scripts/bootstrap.sh

demo: setup
	$(PY) scripts/demo.py

run: setup
	$(PY) -m acmail_desktop $(ARGS)

test: setup
	scripts/run-tests.sh $(PYTEST_ARGS)

test-fast: setup
	scripts/run-tests.sh -m "not slow" $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check acmail_desktop tests scripts bench
	$(VENV)/bin/mypy

translations: setup
	$(VENV)/bin/pyside6-lupdate -extensions py -no-obsolete acmail_desktop -ts resources/translations/acmail_fr.ts

bench: setup
	$(PY) -m bench

clean:
	rm -rf build dist *.egg-info .demo resources/translations/*.qm
