"""The README and the guides link only to files that exist."""

import datetime
import json
import re
from pathlib import Path

import pytest

from wagtail_yhes.directory.results import PUBLIC_FIELDS, DirectoryResult
from wagtail_yhes.opendata.exports import COLUMNS

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


def test_directory_docs_show_the_open_data_as_it_is():
    text = (REPO_DIR / "docs" / "directory.md").read_text(encoding="utf-8")
    blocks = [json.loads(block) for block in re.findall(r"```json\n(.*?)```", text, re.S)]
    example = next(block for block in blocks if "results" in block)
    result = DirectoryResult(
        pk=1,
        **dict.fromkeys(PUBLIC_FIELDS, ""),
        home_municipality=None,
        municipalities=[],
        activity_fields=[],
        url="",
    )
    result.last_verified = datetime.date(2026, 2, 1)
    assert list(example["results"][0]) == list(result.as_json("https://www.example.fi/"))
    columns = re.search(r"with the columns (.*?) \(lists", text, re.S).group(1)
    assert re.findall(r"`(\w+)`", columns) == list(COLUMNS)
