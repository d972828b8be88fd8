import subprocess
import sys

from wagtail_yhes.checks import check_one_click_unsubscribe, check_required_apps


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


def test_one_click_unsubscribe_middleware_in_place_passes_the_check():
    assert check_one_click_unsubscribe() == []


def test_missing_one_click_unsubscribe_middleware_is_warned_about(settings):
    settings.MIDDLEWARE = [
        m
        for m in settings.MIDDLEWARE
        if m != "wagtail_yhes.messages.middleware.OneClickUnsubscribeMiddleware"
    ]
    (warning,) = check_one_click_unsubscribe()
    assert warning.id == "wagtail_yhes.W001"
    assert "OneClickUnsubscribeMiddleware" in warning.hint
