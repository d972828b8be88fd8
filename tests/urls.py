from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.documents import urls as wagtaildocs_urls

from wagtail_yhes.sitemaps import AssociationSitemap

# A sitemap index with the associations in a section of their own, as a large register
# has it (docs/developer-guide.md § Sitemap).
sitemap_sections = {"pages": Sitemap, "associations": AssociationSitemap}

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Django's set_language, for the directory's language switch.
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", sitemap_views.sitemap),
    path(
        "sitemap-index.xml",
        sitemap_views.index,
        {"sitemaps": sitemap_sections, "sitemap_url_name": "sitemap-section"},
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemap_sections},
        name="sitemap-section",
    ),
    path("", include(wagtail_urls)),
]
