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
