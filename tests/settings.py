"""Settings for the test suite: SQLite by default, PostgreSQL with ``DATABASE_URL``."""

import os
from pathlib import Path

import dj_database_url

import wagtail_yhes

TESTS_DIR = Path(__file__).resolve().parent
REPO_DIR = TESTS_DIR.parent

SECRET_KEY = "tests-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{TESTS_DIR / 'test.sqlite3'}"
    )
}

INSTALLED_APPS = [
    "wagtail_yhes",
    "tests.testapp",
    "wagtail_modeladmin",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Resets its task backends when a test changes TASKS (older django-tasks releases do
    # that only as an installed app).
    "django_tasks",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check: mail programs unsubscribe with one POST (RFC 8058).
    "wagtail_yhes.messages.middleware.OneClickUnsubscribeMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "tests.urls"

# An editable install keeps the templates at the top of the repository; the wheel
# carries them inside the package, where APP_DIRS finds them.
_package_templates = Path(wagtail_yhes.__file__).resolve().parent / "templates"
TEMPLATE_DIRS = [TESTS_DIR / "templates"]
if not _package_templates.is_dir():
    TEMPLATE_DIRS.append(REPO_DIR / "templates")

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": TEMPLATE_DIRS,
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ]
        },
    }
]

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = [("fi", "Suomi")]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = TESTS_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = TESTS_DIR / "media"  # replaced by a temporary folder in conftest.py

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

WAGTAIL_SITE_NAME = "wagtail-yhes tests"
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# A thread of its own would not see the data of a test's transaction: downloads are
# written in the request, but for the tests of writing them in the background.
WAGTAIL_YHES_DOWNLOAD_WAIT = None
