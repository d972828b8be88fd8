"""The example site's production settings pass Django's deployment checklist."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

EXAMPLE_SITE = Path(__file__).resolve().parent.parent / "example_site"


def check_deploy(secret_key):
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    }
    environment |= {
        "DJANGO_SETTINGS_MODULE": "example_site.settings.production",
        "DJANGO_SECRET_KEY": secret_key,
        "DJANGO_ALLOWED_HOSTS": "yhdistykset.example.fi",
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=EXAMPLE_SITE,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_production_settings_pass_the_deployment_checks():
    result = check_deploy(secrets.token_urlsafe(50))
    assert result.returncode == 0, result.stdout + result.stderr


def test_deployment_checks_reject_a_weak_secret_key():
    result = check_deploy("short")
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr
