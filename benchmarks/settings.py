"""Settings of the benchmarks: the test site, with a database and caches of their own."""

import os

import dj_database_url

from tests.settings import *  # noqa: F403
from tests.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "benchmarks"]

DATABASES = {"default": dj_database_url.parse(os.environ["BENCHMARK_DATABASE_URL"])}

# The directory's cache is separate, so that emptying it (to time a search that is not
# cached) leaves Wagtail's own cached site data alone, as it would be on a live site.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "directory": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "directory",
        # Room for the rendered results of many searches, as a Redis or Memcached of a
        # production site has; at the default 300 entries they would be dropped early.
        "OPTIONS": {"MAX_ENTRIES": 20000},
    },
}
WAGTAIL_YHES_DIRECTORY_CACHE = "directory"
