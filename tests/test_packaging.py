"""The package as a host site gets it: the wheel and the sdist carry everything, and the
wheel installs into a new ``wagtail start`` project by the README's steps alone.

Building the distributions and a virtual environment takes a minute or two, so this
module is marked ``slow``; the work is done once and shared by the tests.
"""

import json
import os
import re
import subprocess
import sys
import tarfile
import textwrap
import zipfile
from pathlib import Path

import django
import pytest
import wagtail

import wagtail_yhes

pytestmark = pytest.mark.slow

REPO_DIR = Path(wagtail_yhes.__file__).resolve().parent.parent
PACKAGE_DIR = REPO_DIR / "wagtail_yhes"
TEMPLATES_DIR = REPO_DIR / "templates"
PROJECT_NAME = "council"

#: The pages that the fresh site gets under its home page, each rendered in a test:
#: key -> (model in wagtail_yhes.models, title, slug).
FRESH_SITE_PAGES = {
    "directory": ("DirectoryPage", "Yhdistyshaku", "yhdistykset"),
    "voice": ("VoicePage", "Järjestöjen ääni", "jarjestojen-aani"),
}


def package_files():
    """Every file of the package that must ship, relative to the repository."""
    return sorted(
        path.relative_to(REPO_DIR).as_posix()
        for path in PACKAGE_DIR.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )


def template_files():
    return sorted(
        path.relative_to(TEMPLATES_DIR).as_posix()
        for path in TEMPLATES_DIR.rglob("*")
        if path.is_file()
    )


def outside_environment():
    """The environment of a command run as a host-site developer would run it: without
    the settings, paths and virtual environment of this test run."""
    leaks = {"DJANGO_SETTINGS_MODULE", "PYTHONPATH", "DATABASE_URL", "VIRTUAL_ENV"}
    return {name: value for name, value in os.environ.items() if name not in leaks}


def run(*args, cwd=None):
    """Run a command outside this test run's environment; on failure, show its output."""
    result = subprocess.run(
        args, cwd=cwd, env=outside_environment(), capture_output=True, text=True
    )
    assert result.returncode == 0, (
        f"{' '.join(map(str, args))} failed ({result.returncode}):\n"
        f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    )
    return result


def readme_install_steps():
    """The install steps of the README, in order, as (kind, text) pairs.

    ``pip`` is a pip command, ``manage`` a manage.py command, and ``settings`` Python
    code for the project's settings. A step of another kind fails the test, so that the
    README and this test cannot drift apart unnoticed.
    """
    readme = (REPO_DIR / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Install into an existing Wagtail site", 1)[1]
    block = re.search(r"```[a-z]*\n(.*?)```", section, re.DOTALL).group(1)
    steps = []
    for line in block.splitlines():
        if not line.strip():
            continue
        if line.startswith("pip install "):
            steps.append(("pip", line))
        elif line.startswith("python manage.py "):
            steps.append(("manage", line))
        elif steps and steps[-1][0] == "settings" and not _balanced(steps[-1][1]):
            steps[-1] = ("settings", steps[-1][1] + "\n" + line)
        elif re.match(r"[A-Z_]+ *\+?=", line):
            steps.append(("settings", line))
        else:
            raise AssertionError(
                f"The README has an install step this test does not know: {line!r}"
            )
    return steps


def _balanced(code):
    return all(
        code.count(opening) == code.count(closing) for opening, closing in ["[]", "()", "{}"]
    )


@pytest.fixture(scope="session")
def distributions(tmp_path_factory):
    """The sdist and the wheel, the wheel built from the sdist as ``python -m build`` does."""
    outdir = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--outdir", outdir, REPO_DIR)
    (wheel,) = outdir.glob("*.whl")
    (sdist,) = outdir.glob("*.tar.gz")
    return wheel, sdist


@pytest.fixture(scope="session")
def wheel_names(distributions):
    with zipfile.ZipFile(distributions[0]) as wheel:
        return set(wheel.namelist())


@pytest.fixture(scope="session")
def sdist_names(distributions):
    with tarfile.open(distributions[1]) as sdist:
        # Drop the leading "wagtail_yhes-0.1.0/".
        return {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}


def test_wheel_carries_every_template_inside_the_package(wheel_names):
    expected = {f"wagtail_yhes/templates/{name}" for name in template_files()}
    assert expected, "no templates found"
    assert expected <= wheel_names, sorted(expected - wheel_names)


def test_wheel_carries_every_compiled_catalogue(wheel_names):
    compiled = {f"wagtail_yhes/locale/{lang}/LC_MESSAGES/django.mo" for lang in ("fi", "sv")}
    assert compiled <= wheel_names, sorted(compiled - wheel_names)


def test_wheel_carries_every_file_of_the_package(wheel_names):
    missing = set(package_files()) - wheel_names
    assert not missing, sorted(missing)


def test_wheel_leaves_out_the_tests_and_the_example_site(wheel_names):
    assert not {name for name in wheel_names if name.startswith(("tests/", "example_site/"))}


def test_sdist_carries_the_package_templates_and_licence(sdist_names):
    expected = set(package_files()) | {f"templates/{name}" for name in template_files()}
    expected |= {"README.md", "CHANGELOG.md", "LICENSE", "pyproject.toml"}
    missing = expected - sdist_names
    assert not missing, sorted(missing)


@pytest.fixture(scope="session")
def fresh_site(distributions, tmp_path_factory):
    """A project made by ``wagtail start`` in a new virtual environment, with the wheel
    installed by the README's steps, migrated, and given the pages of
    ``FRESH_SITE_PAGES``.

    Django and Wagtail are held at the versions that run this test, so that each
    environment of the version matrix installs into a site of its own versions.
    """
    wheel, _ = distributions
    root = tmp_path_factory.mktemp("fresh-site")
    venv = root / "venv"
    run(sys.executable, "-m", "venv", venv)
    python = venv / "bin" / "python"
    constraints = root / "constraints.txt"
    constraints.write_text(f"Django=={django.__version__}\nwagtail=={wagtail.__version__}\n")
    run(python, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(python, "-m", "pip", "install", "--quiet", "-c", constraints, "wagtail")

    project = root / "site"
    project.mkdir()
    run(venv / "bin" / "wagtail", "start", PROJECT_NAME, project)
    settings_file = project / PROJECT_NAME / "settings" / "base.py"

    for kind, text in readme_install_steps():
        if kind == "pip":
            args = text.split()[2:]
            args = [str(wheel) if arg == "wagtail-yhes" else arg for arg in args]
            run(python, "-m", "pip", "install", "--quiet", "-c", constraints, *args)
        elif kind == "settings":
            with settings_file.open("a", encoding="utf-8") as settings:
                settings.write("\n" + text + "\n")
        else:
            run(python, *text.split()[1:], cwd=project)

    pages = {
        key: {"model": model, "title": title, "slug": slug}
        for key, (model, title, slug) in FRESH_SITE_PAGES.items()
    }
    output = root / "fresh-site.json"
    script = textwrap.dedent(
        f"""
        import json
        from django.contrib.auth import get_user_model
        from django.test import Client
        from wagtail.models import Site
        from wagtail.users.models import UserProfile
        import wagtail_yhes.models
        from wagtail_yhes.models import Municipality

        home = Site.objects.get(is_default_site=True).root_page
        responses = {{}}
        client = Client()
        for key, page in {pages!r}.items():
            model = getattr(wagtail_yhes.models, page["model"])
            home.add_child(instance=model(title=page["title"], slug=page["slug"]))
            response = client.get(f"/{{page['slug']}}/")
            responses[key] = {{"status": response.status_code,
                               "html": response.content.decode()}}

        editor = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
        profile = UserProfile.get_for_user(editor)
        profile.preferred_language = "fi"
        profile.save()
        client.force_login(editor)
        response = client.get("/admin/")
        responses["admin"] = {{"status": response.status_code,
                               "html": response.content.decode()}}
        responses["municipalities"] = Municipality.objects.count()
        with open({str(output)!r}, "w", encoding="utf-8") as file:
            json.dump(responses, file)
        """
    )
    run(python, "manage.py", "shell", "-c", script, cwd=project)
    check = subprocess.run(
        [python, "manage.py", "check", "--fail-level", "WARNING"],
        cwd=project,
        env=outside_environment(),
        capture_output=True,
        text=True,
    )
    return {"project": project, "responses": json.loads(output.read_text()), "check": check}


def test_readme_install_steps_are_all_understood():
    kinds = [kind for kind, _ in readme_install_steps()]
    assert kinds[0] == "pip" and "settings" in kinds and "manage" in kinds


def test_fresh_site_passes_the_system_checks(fresh_site):
    check = fresh_site["check"]
    assert check.returncode == 0, check.stdout + check.stderr


def test_fresh_site_has_the_region_loaded(fresh_site):
    assert fresh_site["responses"]["municipalities"] == 12


@pytest.mark.parametrize("key", FRESH_SITE_PAGES)
def test_page_renders_with_the_site_own_base_template(fresh_site, key):
    response = fresh_site["responses"][key]
    title = FRESH_SITE_PAGES[key][1]
    assert response["status"] == 200
    # The stylesheet link of the base.html that "wagtail start" made.
    assert f"css/{PROJECT_NAME}.css" in response["html"]
    assert title in response["html"]


def test_admin_menu_offers_the_associations_in_finnish(fresh_site):
    response = fresh_site["responses"]["admin"]
    assert response["status"] == 200
    # The sidebar menu is JSON for the admin's JavaScript.
    assert json.dumps({"name": "wagtail-yhes", "label": "Järjestöt"})[1:-1] in response["html"]
