"""The test suite across the supported Python, Django and Wagtail versions and databases.

    nox -s tests          the whole matrix (every valid combination, SQLite and PostgreSQL)
    nox -t ci             the subset that continuous integration runs
    nox -l                list the sessions
    nox -s "tests(py3.12-django6.0-wagtail7.4-postgres)"   one environment

PostgreSQL sessions use ``NOX_DATABASE_URL`` (default below); pytest-django makes and
drops its own ``test_`` database there. Arguments after ``--`` go to pytest. The browser
tests and the slow packaging tests run once, in the default environment
(``scripts/test.sh``), not in every environment of the matrix.
"""

import os
import re
import shutil
import subprocess

import nox

PYTHONS = ["3.11", "3.12", "3.13"]

# The Django releases that each Wagtail release supports (its trove classifiers), less
# those older than the package supports (Django 5.2).
WAGTAIL_DJANGO = {
    "7.0": ["5.2"],
    "7.4": ["5.2", "6.0"],
    "8.0": ["5.2", "6.0", "6.1"],
}

# Django 6.0 and later need Python 3.12 or newer.
DJANGO_MIN_PYTHON = {"5.2": "3.10", "6.0": "3.12", "6.1": "3.12"}

DATABASES = ["sqlite", "postgres"]

# The oldest supported combination, the newest, and one between: a few minutes each.
CI_ENVIRONMENTS = {
    ("3.11", "5.2", "7.0", "sqlite"),
    ("3.12", "6.0", "7.4", "postgres"),
    ("3.13", "6.1", "8.0", "postgres"),
}

POSTGRES_URL = os.environ.get("NOX_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/yhes_nox")

nox.options.sessions = ["tests"]
nox.options.reuse_existing_virtualenvs = True
# Use the interpreters of this machine; never download one.
nox.options.download_python = "never"


def _version(text):
    return tuple(int(part) for part in text.split("."))


def environments():
    """Every valid combination of Python, Django, Wagtail and database."""
    for python in PYTHONS:
        for wagtail, djangos in WAGTAIL_DJANGO.items():
            for django in djangos:
                if _version(python) < _version(DJANGO_MIN_PYTHON[django]):
                    continue
                for database in DATABASES:
                    yield nox.param(
                        python,
                        django,
                        wagtail,
                        database,
                        id=f"py{python}-django{django}-wagtail{wagtail}-{database}",
                        tags=["ci"]
                        if (python, django, wagtail, database) in CI_ENVIRONMENTS
                        else [],
                    )


def _offer_pyenv_pythons():
    # pyenv's shims answer "python3.12" only for the versions named in PYENV_VERSION. On a
    # machine with pyenv, name the newest installed release of each supported Python so
    # that nox finds them all without further setup.
    pyenv = shutil.which("pyenv")
    if "PYENV_VERSION" in os.environ or not pyenv:
        return
    installed = subprocess.run(
        [pyenv, "versions", "--bare"], capture_output=True, text=True, check=False
    ).stdout.split()
    chosen = []
    for python in PYTHONS:
        releases = [v for v in installed if re.fullmatch(rf"{re.escape(python)}\.\d+", v)]
        if releases:
            chosen.append(max(releases, key=_version))
    if chosen:
        os.environ["PYENV_VERSION"] = ":".join(chosen)


_offer_pyenv_pythons()


@nox.session
@nox.parametrize(["python", "django", "wagtail", "database"], list(environments()))
def tests(session, django, wagtail, database):
    """Run the test suite with one Python, Django, Wagtail and database."""
    session.install("-e", ".[test]", f"Django~={django}.0", f"wagtail~={wagtail}.0")
    env = {"DATABASE_URL": ""}
    if database == "postgres":
        session.run("python", "scripts/wait_for_db.py", POSTGRES_URL)
        env["DATABASE_URL"] = POSTGRES_URL
    session.run("python", "-m", "django", "--version")
    session.run("python", "-c", "import wagtail; print('Wagtail', wagtail.__version__)")
    session.run("pytest", "-q", "-m", "not browser and not slow", *session.posargs, env=env)
