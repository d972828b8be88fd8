"""Settings for updating the translation catalogues: every message, wherever it is in the
repository, goes to the package's own catalogue."""

from tests.settings import *  # noqa: F403
from tests.settings import REPO_DIR

LOCALE_PATHS = [REPO_DIR / "wagtail_yhes" / "locale"]
