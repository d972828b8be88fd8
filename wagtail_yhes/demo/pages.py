"""Pages of the example site that other demo content needs."""

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from wagtail.models import Site

from ..models import DirectoryPage


def default_root_page():
    """The root page of the default site, under which the demo pages are created."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise CommandError(
            _("The demo content needs a default site: add one under Settings > Sites.")
        )
    return site.root_page


def ensure_directory_page():
    """Return a directory page, creating "Yhdistyshaku" under the site's root if none exists."""
    page = DirectoryPage.objects.order_by("path").first()
    if page is not None:
        return page
    page = DirectoryPage(title="Yhdistyshaku", slug="yhdistyshaku")
    default_root_page().add_child(instance=page)
    page.save_revision().publish()
    return page


def serve_default_site_at(hostname, port):
    """Point the default site at ``hostname:port``, where the demo serves it.

    The site makes full links from them: in emails, open data and the sitemap.
    """
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        raise CommandError(
            _("The demo content needs a default site: add one under Settings > Sites.")
        )
    site.hostname = hostname
    site.port = port
    try:
        site.full_clean()
    except ValidationError as error:
        raise CommandError("; ".join(error.messages)) from None
    site.save()
    return site
