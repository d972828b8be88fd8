"""Whether a template is the package's own copy or a site's.

Two parts of the directory's page, a result's card (``cards``) and the listing around
the results (``listing_markup``), are also written out in Python, with the HTML their
templates make, because the template engine took most of the time of a search that was
not cached. They are used only while the site renders the package's own templates: a
site that overrides one gets its template.
"""

from functools import lru_cache
from pathlib import Path

from django.template.loader import get_template

_PACKAGE = Path(__file__).resolve().parent.parent

#: Where the package's templates are: in a checkout, and in the installed wheel.
_TEMPLATE_DIRS = (_PACKAGE.parent / "templates", _PACKAGE / "templates")


def is_package_template(template):
    """Whether ``template`` (as ``get_template`` loads it) is the package's own copy."""
    origin = getattr(template, "origin", None)
    return _is_package_file(getattr(origin, "name", ""), getattr(origin, "template_name", ""))


def package_templates_used(*names):
    """Whether each of the templates ``names`` loads as the package's own copy."""
    return all(is_package_template(get_template(name)) for name in names)


@lru_cache(maxsize=32)
def _is_package_file(path, name):
    if not path or not name:
        return False
    return any(Path(path).resolve() == folder / name for folder in _TEMPLATE_DIRS)
