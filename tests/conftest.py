import pytest


@pytest.fixture(autouse=True)
def temporary_media_root(settings, tmp_path):
    """Uploaded files of a test land in a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def region(db):
    """The twelve South Savo municipalities and the default activity fields."""
    from wagtail_yhes.loading import load_region

    load_region("etela-savo")


@pytest.fixture
def mikkeli(region):
    from wagtail_yhes.models import Municipality

    return Municipality.objects.get(code="491")


@pytest.fixture
def savonlinna(region):
    from wagtail_yhes.models import Municipality

    return Municipality.objects.get(code="740")


@pytest.fixture
def directory_page(db):
    """A published DirectoryPage at /hakemisto/ of the default site."""
    from wagtail.models import Page

    from wagtail_yhes.models import DirectoryPage

    home = Page.objects.get(depth=2)
    page = DirectoryPage(title="Järjestöhakemisto", slug="hakemisto", results_per_page=5)
    home.add_child(instance=page)
    return page


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: the directory keeps searches in it."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def directory_associations(region):
    """Fifteen published associations of South Savo (``tests.directory_data``), by name."""
    from .directory_data import create_directory_associations

    return create_directory_associations()
