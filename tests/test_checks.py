import subprocess
import sys

from wagtail_yhes.checks import check_required_apps


def test_complete_installation_passes_the_checks():
    assert check_required_apps() == []


def test_missing_app_is_reported_with_a_clear_message():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "check",
            "--settings",
            "tests.settings_without_routable_page",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "wagtail_yhes.E001" in result.stderr
    assert "wagtail.contrib.routable_page" in result.stderr
