import pytest


@pytest.fixture(autouse=True)
def temporary_media_root(settings, tmp_path):
    """Uploaded files of a test land in a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
