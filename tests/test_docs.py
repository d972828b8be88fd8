"""The README and the guides link only to files that exist."""

import re
from pathlib import Path

import pytest

REPO_DIR = Path(__file__).resolve().parent.parent
DOCUMENTS = [REPO_DIR / "README.md", *sorted((REPO_DIR / "docs").glob("*.md"))]


def local_links(document):
    """The targets of the document's Markdown links and images that are files here."""
    for target in re.findall(r"\]\(([^)\s]+)\)", document.read_text(encoding="utf-8")):
        if not re.match(r"[a-z]+:", target) and not target.startswith("#"):
            yield target.split("#", 1)[0]


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.name)
def test_links_point_to_existing_files(document):
    missing = [link for link in local_links(document) if not (document.parent / link).exists()]
    assert not missing, f"{document.relative_to(REPO_DIR)} links to missing files: {missing}"


def test_readme_links_both_guides():
    links = set(local_links(REPO_DIR / "README.md"))
    assert {"docs/editors-guide.md", "docs/developer-guide.md"} <= links
