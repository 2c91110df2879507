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

docs: setup
	$(PY) scripts/screenshots.py

bench: setup
	$(PY) -m bench

clean:
	rm -rf build dist *.egg-info .demo resources/translations/*.qm

# Wheel + PyInstaller one-folder app + .deb, all in dist/. PyInstaller goes into the venv here only
# (not a test dependency). Windows MSI and macOS builds need those systems: see docs/admin.md.
VERSION = $(shell $(PY) -c "import acmail_desktop; print(acmail_desktop.__version__)")
package: setup
	@for ts in resources/translations/*.ts; do [ -f "$$ts" ] && $(VENV)/bin/pyside6-lrelease -silent "$$ts" -qm "$${ts%.ts}.qm"; done; true
	QT_QPA_PLATFORM=offscreen $(PY) packaging/render_icons.py
	rm -rf build/lib build/bdist* dist/acmail_desktop-*.whl
	$(PY) -m pip wheel --no-deps --quiet -w dist .
	$(PY) packaging/check_wheel.py dist/acmail_desktop-$(VERSION)-py3-none-any.whl
	$(PY) -m pip install --quiet pyinstaller
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath build/pyinstaller/dist \
		--workpath build/pyinstaller/work packaging/acmail.spec
	packaging/debian/build-deb.sh build/pyinstaller/dist/acmail $(VERSION) dist
	@ls -l dist/acmail_desktop-$(VERSION)-py3-none-any.whl dist/acmail_$(VERSION)_*.deb
