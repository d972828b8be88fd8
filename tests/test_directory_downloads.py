"""CSV and XLSX downloads are written once per version of the index, and limited per client."""

import time

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import translation

from wagtail_yhes.opendata.downloads import FOLDER, download_response

from .factories import AssociationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def download(client, directory_page, directory_associations):
    def download(**params):
        with translation.override("en"):
            return client.get(directory_page.url, params, HTTP_ACCEPT_LANGUAGE="en")

    return download


def content(response):
    return b"".join(response.streaming_content)


def kept_files():
    try:
        return sorted(default_storage.listdir(FOLDER)[1])
    except FileNotFoundError:
        return []


def test_a_download_is_streamed_as_an_attachment(download):
    response = download(format="csv")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="yhdistykset.csv"'
    assert content(response).decode("utf-8").count("\n") == 16


def test_the_same_search_is_answered_from_the_kept_file(download):
    first = content(download(format="xlsx", q="martat"))
    assert len(kept_files()) == 1
    assert content(download(format="xlsx", q="martat")) == first
    assert len(kept_files()) == 1


def test_each_search_and_format_has_a_file_of_its_own(download):
    whole, filtered = content(download(format="csv")), content(download(format="csv", q="juva"))
    assert whole != filtered
    download(format="xlsx")
    assert len(kept_files()) == 3


def test_a_change_of_the_register_makes_a_new_file(download, mikkeli):
    before = content(download(format="csv")).decode("utf-8")
    AssociationFactory(name="Uusi Kuoro ry", home_municipality=mikkeli)
    after = content(download(format="csv")).decode("utf-8")
    assert "Uusi Kuoro ry" not in before
    assert "Uusi Kuoro ry" in after


def test_files_of_an_older_index_are_removed(download, mikkeli):
    download(format="csv")
    old = kept_files()
    AssociationFactory(name="Uusi Kuoro ry", home_municipality=mikkeli)
    download(format="csv")
    new = kept_files()
    assert len(new) == 1
    assert new != old


def test_downloads_over_the_limit_are_refused(download, settings):
    settings.WAGTAIL_YHES_RATE_LIMITS = {"download": (2, 600)}
    assert [download(format="csv").status_code for _ in range(2)] == [200, 200]
    refused = download(format="xlsx")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "600"
    assert "Too many downloads" in refused.content.decode()


def test_pages_of_the_directory_are_not_counted_as_downloads(download, settings):
    settings.WAGTAIL_YHES_RATE_LIMITS = {"download": (1, 600)}
    for _ in range(3):
        assert download(q="martat").status_code == 200
        assert download(format="json").status_code == 200
    assert download(format="csv").status_code == 200


def test_a_file_being_written_is_not_written_again_at_the_same_time(rf, directory_associations):
    answers = []

    def write_file(file):
        # Another request for the same file arrives while this one writes it.
        answers.append(download_response(rf.get("/"), "csv", ("koko rekisteri",), write_file))
        file.write(b"name\r\n")

    response = download_response(rf.get("/"), "csv", ("koko rekisteri",), write_file)
    assert content(response) == b"name\r\n"
    (waiting,) = answers
    assert waiting.status_code == 503
    assert waiting["Retry-After"] == "5"


@pytest.fixture
def committed_download(client, transactional_db):
    """Like ``download``, with the site and the associations committed.

    The thread that writes a file has a database connection of its own, which sees
    only committed data. pytest-django empties the database after such a test, and with
    it the locale, the root page and the site that Wagtail's migrations made.
    """
    from wagtail.models import Locale, Page, Site

    from wagtail_yhes.loading import load_region
    from wagtail_yhes.models import DirectoryPage

    from .directory_data import create_directory_associations

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root"))
    Site.objects.all().delete()
    home = root.add_child(instance=Page(title="Etusivu", slug="etusivu"))
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    page = home.add_child(instance=DirectoryPage(title="Järjestöhakemisto", slug="hakemisto"))
    load_region("etela-savo")
    create_directory_associations()

    def download(**params):
        return client.get(page.url, params, HTTP_ACCEPT_LANGUAGE="en")

    return download


def test_a_file_written_in_the_background_is_streamed_when_ready_in_time(
    committed_download, settings
):
    settings.WAGTAIL_YHES_DOWNLOAD_WAIT = 60
    response = committed_download(format="csv")
    assert response.status_code == 200
    assert content(response).decode("utf-8").count("\n") == 16


def test_a_file_not_ready_in_time_is_asked_for_again(committed_download, settings):
    settings.WAGTAIL_YHES_DOWNLOAD_WAIT = 0
    answers = [committed_download(format="xlsx")]
    deadline = time.monotonic() + 60
    while answers[-1].status_code != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
        answers.append(committed_download(format="xlsx"))
    assert answers[0].status_code == 503
    assert answers[0]["Refresh"] == "5"
    assert "The file is being prepared." in answers[0].content.decode()
    assert answers[-1].status_code == 200
    assert len(kept_files()) == 1


def test_each_language_gets_its_own_file(client, directory_page, directory_associations):
    finnish = client.get(directory_page.url, {"format": "csv"}, HTTP_ACCEPT_LANGUAGE="fi")
    swedish = client.get(directory_page.url, {"format": "csv"}, HTTP_ACCEPT_LANGUAGE="sv")
    assert b"".join(finnish.streaming_content).decode("utf-8-sig").startswith("Nimi;")
    assert b"".join(swedish.streaming_content).decode("utf-8-sig").startswith("Namn;")
