"""Version matrix: the oldest and the newest supported combination.

    nox -s oldest newest

Each session installs the package with its test extra into a fresh virtualenv,
pins the versions of the combination, and runs the suite on SQLite on two workers
(pytest-xdist), without the browser and slow tests. Those, and the PostgreSQL run,
happen in ``make test`` (on the default combination): the pages, packaging and SQL
they check do not change with the versions, and leaving them out here keeps CI well
under half an hour. ``nox -s oldest -- --postgres`` adds the PostgreSQL run to a
session; other arguments after ``--`` replace the default pytest arguments. Each session
also runs the wagtail-modeladmin integration's tests in their own settings
(``tests/contrib_modeladmin`` under ``tests.settings_modeladmin``); the newest one also the
production settings with their task worker (slow, ``tests/stack/test_production_settings.py``).
"""

import nox

nox.options.sessions = ["oldest", "newest"]
nox.options.reuse_existing_virtualenvs = True

MATRIX = {
    "oldest": ("3.11", ["wagtail>=7.0,<7.1", "Django>=5.2,<5.3"]),
    "newest": ("3.13", ["wagtail>=8.0,<8.1", "Django>=6.1,<6.2"]),
}


def run_suite(session: nox.Session) -> None:
    session.install("-e", ".[test]", *MATRIX[session.name][1])
    session.run(
        "python",
        "-c",
        "import django, wagtail; print('Django', django.get_version(), "
        "'Wagtail', wagtail.__version__)",
    )
    postgres = "--postgres" in session.posargs
    args = [a for a in session.posargs if a != "--postgres"] or [
        "-q",
        "-m",
        "not browser and not slow",
        "-n",
        "2",
        "--dist",
        "loadgroup",
        "-p",
        "no:cacheprovider",
    ]
    session.run("python", "-m", "pytest", *args)
    if postgres:
        session.run("python", "-m", "tests.pgcluster", "python", "-m", "pytest", *args)
    if not session.posargs or postgres:
        # The wagtail-modeladmin integration, in its own settings (tests/settings_modeladmin.py).
        modeladmin = ["-q", "-m", "not browser", "-p", "no:cacheprovider"]
        modeladmin += ["tests/contrib_modeladmin", "--ds=tests.settings_modeladmin"]
        session.run("python", "-m", "pytest", *modeladmin)
        if postgres:
            session.run("python", "-m", "tests.pgcluster", "python", "-m", "pytest", *modeladmin)


@nox.session(python=MATRIX["oldest"][0])
def oldest(session: nox.Session) -> None:
    """Python 3.11, Wagtail 7.0, Django 5.2."""
    run_suite(session)


@nox.session(python=MATRIX["newest"][0])
def newest(session: nox.Session) -> None:
    """Python 3.13, Wagtail 8.0, Django 6.1."""
    run_suite(session)
    if not session.posargs:
        # The production settings' task worker: on Django 6, django-tasks-db builds on
        # Django's own tasks while Wagtail and the package queue through django-tasks.
        session.run(
            "python",
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/stack/test_production_settings.py",
        )
