"""The package's own stylesheet and scripts stay small enough for a phone on a slow line."""

from pathlib import Path

import wagtail_yhes

STATIC_DIR = Path(wagtail_yhes.__file__).resolve().parent / "static" / "wagtail_yhes"

#: The most bytes, uncompressed, of every stylesheet and script of the package together.
BUDGET = 30 * 1024


def test_css_and_javascript_of_the_package_fit_the_budget():
    files = [*STATIC_DIR.glob("css/*.css"), *STATIC_DIR.glob("js/*.js")]
    assert files
    assert sum(path.stat().st_size for path in files) <= BUDGET


def test_stylesheet_declares_the_custom_properties_that_a_host_sets():
    css = (STATIC_DIR / "css" / "yhes.css").read_text(encoding="utf-8")
    for name in ("accent", "text", "surface", "border", "error", "focus"):
        assert f"--yhes-color-{name}:" in css
    for name in ("font-family", "space", "radius"):
        assert f"--yhes-{name}:" in css
