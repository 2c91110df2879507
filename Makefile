# The two commands a newcomer needs: `make demo` and `make test`. Both set everything up first.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: setup demo run test test-fast lint typecheck translations bench docs package icons clean

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

# Wheel + .deb (a venv on Debian's own python3.11 in /opt/acmail), both in dist/; the work tree stays
# clean (icons are rendered by `make icons` only when acmail.svg changes). The Windows MSI and the
# macOS app are built on those systems with packaging/acmail.spec (see docs/admin.md, and
# packaging/windows/build.yml for a Windows CI runner). ACMAIL_ALLOW_OLD_RUNTIME=1 builds on a Python
# below the documented minimum (recorded in the package).
VERSION = $(shell $(PY) -c "import acmail_desktop; print(acmail_desktop.__version__)")
package: setup
	@for ts in resources/translations/*.ts; do [ -f "$$ts" ] && $(VENV)/bin/pyside6-lrelease -silent "$$ts" -qm "$${ts%.ts}.qm"; done; true
	rm -rf build/lib build/bdist* dist/acmail_desktop-*.whl dist/acmail_*.deb
	$(PY) -m pip wheel --no-deps --quiet -w dist .
	$(PY) packaging/check_wheel.py dist/acmail_desktop-$(VERSION)-py3-none-any.whl
	packaging/debian/build-deb.sh dist/acmail_desktop-$(VERSION)-py3-none-any.whl $(VERSION) dist
	@ls -l dist/acmail_desktop-$(VERSION)-py3-none-any.whl dist/acmail_$(VERSION)_*.deb

icons: setup
	QT_QPA_PLATFORM=offscreen $(PY) packaging/render_icons.py
