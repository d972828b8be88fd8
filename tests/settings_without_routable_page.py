"""The test settings less one app that wagtail-yhes needs, for the system check test."""

from .settings import *  # noqa: F403
from .settings import INSTALLED_APPS

INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "wagtail.contrib.routable_page"]
