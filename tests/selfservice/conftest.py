"""Fixtures of the self-service tests: a directory page, the moderation workflow, forms."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from wagtail.models import Site

from wagtail_yhes.models import DirectoryPage, YhesSettings
from wagtail_yhes.selfservice.moderation import MODERATORS_GROUP_NAME, setup_moderation


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limits count in the cache: every test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def directory(region):
    """A published directory page at /yhdistykset/."""
    root = Site.objects.get(is_default_site=True).root_page
    page = DirectoryPage(title="Yhdistykset", slug="yhdistykset")
    root.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def moderation(db):
    """The "YhES moderation" workflow, assigned to associations."""
    setup_moderation()


@pytest.fixture
def moderator(django_user_model, moderation):
    """A member of the "YhES moderators" group."""
    user = django_user_model.objects.create_user(
        "moderaattori", "moderaattori@esavo.fi", "pw", first_name="Moni"
    )
    user.groups.add(Group.objects.get(name=MODERATORS_GROUP_NAME))
    return user


@pytest.fixture
def moderator_client(moderator):
    """A client logged in to the admin as the moderator."""
    moderator_client = Client()
    moderator_client.force_login(moderator)
    return moderator_client


@pytest.fixture
def moderator_addresses(directory):
    """The site settings send moderators' notifications to yhes@esavo.fi."""
    settings = YhesSettings.for_site(directory.get_site())
    settings.moderator_emails = "yhes@esavo.fi"
    settings.save()
    return ["yhes@esavo.fi"]
