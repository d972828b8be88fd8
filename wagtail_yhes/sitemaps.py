"""The associations' pages as a sitemap section of their own.

By default the directory page lists the page of every published association with its
own address (``DirectoryPage.get_sitemap_urls``), so they are in the sitemap of
``wagtail.contrib.sitemaps`` without anything more. A sitemap file holds at most 50,000
addresses, though, and Wagtail's sitemap does not split what one page lists. A register
that could grow near that size lists its associations with ``AssociationSitemap``, a
section of a sitemap index, which Django splits into files of 50,000; and sets
``WAGTAIL_YHES_SITEMAP_ASSOCIATIONS_WITH_DIRECTORY = False``, so that the directory page
does not list them too. See docs/developer-guide.md § Sitemap.
"""

from django.db.models import Max
from django.utils.functional import cached_property
from wagtail.contrib.sitemaps import Sitemap

from .models import Association, DirectoryPage

#: The most addresses in one sitemap file, as the sitemap protocol allows.
MAX_URLS_PER_FILE = 50_000


class AssociationSitemap(Sitemap):
    """The page of every published association, in each directory of the site."""

    @property
    def limit(self):
        """Associations per file: each is listed once in every directory."""
        return MAX_URLS_PER_FILE // max(1, len(self.directory_urls))

    def items(self):
        return (
            Association.objects.filter(live=True).order_by("slug").only("slug", "last_published_at")
        )

    def lastmod(self, association):
        return association.last_published_at

    def get_latest_lastmod(self):
        # Django's default reads every item for the newest date: one aggregate instead.
        return self.items().aggregate(latest=Max("last_published_at"))["latest"]

    @cached_property
    def directory_urls(self):
        """The full address of each live, public directory page of the site."""
        root = self.get_wagtail_site().root_page
        pages = DirectoryPage.objects.live().public().descendant_of(root, inclusive=True)
        urls = (page.get_full_url(self.request) for page in pages.order_by("path"))
        return [url for url in urls if url]

    def _urls(self, page, protocol, domain):
        urls = []
        for association in self.paginator.page(page).object_list:
            for directory_url in self.directory_urls:
                urls.append(
                    {
                        "location": f"{directory_url}{association.slug}/",
                        "lastmod": association.last_published_at,
                    }
                )
        dates = [url["lastmod"] for url in urls]
        if dates and None not in dates:
            self.latest_lastmod = max(dates)
        return urls
