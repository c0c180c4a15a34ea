# Two commands are the contract: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# `make demo` installs the package with only what the demo needs: the map extra, and the
# example site's database URL parser. `make test` and the other development targets add the
# test extra (which names the docs, map and modeladmin extras).
DEMO_EXTRAS := map
DEMO_PACKAGES := dj-database-url>=2.1
EXTRAS := test
# pytest-xdist on two workers (CI has two cores). loadgroup hands out tests one by one in
# pytest-django's order (transactional tests, which empty the database, after the others),
# except an xdist_group, which one worker runs: tests/project/test_packaging.py builds the wheel once.
# `make test XDIST=` runs serially.
XDIST ?= -n 2 --dist loadgroup
# pyenv's interpreters (3.10-3.13) for the nox matrix.
export PATH := $(PATH):$(subst $(eval) ,:,$(wildcard $(HOME)/.pyenv/versions/3.1[1-3]*/bin))

.PHONY: demo serve install install-demo test lint test-sqlite test-postgres test-custom-page \
	test-modeladmin test-localize docs test-matrix \
	messages compilemessages bench bench-postgres stack loadtest mutation openapi clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[$(EXTRAS)]'
	touch $@ $(BIN)/.demo-installed

# The demo's install; a full install (above) includes it.
$(BIN)/.demo-installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[$(DEMO_EXTRAS)]' '$(DEMO_PACKAGES)'
	touch $@

install: $(BIN)/.installed

install-demo: $(BIN)/.demo-installed

## make demo: install, migrate the SQLite database, load the demo, serve http://127.0.0.1:8000
demo: install-demo
	cd example_site && ../$(BIN)/python manage.py migrate --noinput
	cd example_site && ../$(BIN)/python manage.py load_community_matching_demo
	cd example_site && ../$(BIN)/python manage.py runserver 127.0.0.1:8000

serve: install-demo
	cd example_site && ../$(BIN)/python manage.py runserver 127.0.0.1:8000

## make test: the whole suite (lint, docs, SQLite, PostgreSQL, browser, custom base page, modeladmin)
test: install lint docs test-sqlite test-postgres test-custom-page test-modeladmin test-localize

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

test-sqlite: install
	$(BIN)/python -m pytest -q $(XDIST)

# PostgreSQL: the tests of the package's queries and data. These run once, on SQLite: the
# browser tests (the same pages through Chromium) and the slow ones (packaging and
# manage.py, on databases of their own; the demo builder's repeat and flush runs).
PG_ONLY_DB := -m "not browser and not slow"

test-postgres: install
	$(BIN)/python -m tests.pgcluster $(BIN)/python -m pytest -q -p no:cacheprovider $(XDIST) \
		$(PG_ONLY_DB)

test-custom-page: install
	$(BIN)/python -m pytest -q tests/custom_page --ds=tests.settings_custom_page -p no:cacheprovider
	$(BIN)/python -m tests.pgcluster $(BIN)/python -m pytest -q tests/custom_page \
		--ds=tests.settings_custom_page -p no:cacheprovider

# A site that organises its admin with wagtail-modeladmin (the sub-app
# wagtail_community_matching.contrib.modeladmin), on both databases; its browser test runs once.
test-modeladmin: install
	$(BIN)/python -m pytest -q tests/contrib_modeladmin --ds=tests.settings_modeladmin -p no:cacheprovider
	$(BIN)/python -m tests.pgcluster $(BIN)/python -m pytest -q tests/contrib_modeladmin \
		--ds=tests.settings_modeladmin -p no:cacheprovider -m "not browser"

# A site that translates its content with wagtail-localize (tests.settings_localize), on
# both databases.
test-localize: install
	$(BIN)/python -m pytest -q tests/contrib_localize --ds=tests.settings_localize -p no:cacheprovider
	$(BIN)/python -m tests.pgcluster $(BIN)/python -m pytest -q tests/contrib_localize \
		--ds=tests.settings_localize -p no:cacheprovider

docs: install
	$(BIN)/mkdocs build --strict --quiet -d .tmp/docs-site

## make test-matrix: oldest (3.11, Wagtail 7.0, Django 5.2) and newest (3.13, Wagtail 8.0, Django 6.1)
test-matrix: install
	$(BIN)/nox

## make messages: extract strings into the Italian and English catalogues, then compile them
messages: install
	cd wagtail_community_matching && ../$(BIN)/django-admin makemessages -l it -l en --no-obsolete \
		--add-location file -i '_demo/*'
	$(MAKE) compilemessages

compilemessages: install
	cd wagtail_community_matching && ../$(BIN)/django-admin compilemessages

## make openapi: write the JSON API's OpenAPI document to docs/openapi.json (review the diff)
openapi: install
	$(BIN)/python -m tests.openapi > docs/openapi.json

## make bench: hot paths against a plain page at 5,000 members, ratios printed, targets
## checked (not part of make test; see benchmarks/); make bench-postgres: the same on PostgreSQL
BENCH_PYTEST := -m pytest -q -s benchmarks -p no:cacheprovider --ds=benchmarks.settings \
	--benchmark-columns=min,median,max,rounds
bench: install
	$(BIN)/python $(BENCH_PYTEST)

bench-postgres: install
	$(BIN)/python -m tests.pgcluster $(BIN)/python $(BENCH_PYTEST)

## make stack: the production topology on loopback with the demo (PostgreSQL, Redis, 4 gunicorn
## workers, the task worker, Varnish, the object store); prints the URL; Ctrl-C stops it all.
## make loadtest: starts it and runs the bounded load of docs/production.md, then stops it.
STACK_MEMBERS ?= 500
stack: install
	$(BIN)/python -m tests.stack.run --members $(STACK_MEMBERS)

loadtest: install
	$(BIN)/python -m tests.stack.loadtest --members $(STACK_MEMBERS)

## make mutation: mutation testing of the safety-critical code, killed / survived per module
## (not part of make test; `make mutation GROUPS="spreadsheets suppression" WORKERS=1`)
WORKERS ?= 2
GROUPS ?=
mutation: install
	$(BIN)/python -m tests.mutation --workers $(WORKERS) $(GROUPS)

clean:
	rm -rf $(VENV) .nox .tmp build dist *.egg-info example_site/db.sqlite3 example_site/media
