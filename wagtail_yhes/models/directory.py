"""The public directory of associations: a routable page."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page

from ..conf import get_setting
from ..selfservice.routes import SelfServiceRoutesMixin
from .associations import RESERVED_SLUGS, SLUG_PATTERN, Association

# An association's page: any slug but the directory's own paths ("submit/", "update/"),
# which the self-service views of a mixin serve. Routes of the class itself are tried
# before a mixin's, so this one must not match them.
ASSOCIATION_PATH = r"^(?!(?:{})/)(?P<slug>{})/$".format(
    "|".join(sorted(RESERVED_SLUGS)), SLUG_PATTERN
)


class DirectoryPage(SelfServiceRoutesMixin, RoutablePageMixin, Page):
    """Search and browse the published associations; one page per association below it."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    results_per_page = models.PositiveSmallIntegerField(
        _("results per page"),
        default=20,
        validators=[MinValueValidator(5), MaxValueValidator(100)],
    )
    show_municipality_filter = models.BooleanField(_("show the municipality filter"), default=True)
    show_activity_field_filter = models.BooleanField(
        _("show the activity field filter"), default=True
    )
    show_updated_filter = models.BooleanField(_('show the "updated since" filter'), default=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("results_per_page"),
                FieldPanel("show_municipality_filter"),
                FieldPanel("show_activity_field_filter"),
                FieldPanel("show_updated_filter"),
            ],
            heading=_("Search and filters"),
        ),
    ]

    subpage_types = []
    template = "wagtail_yhes/pages/directory_page.html"

    class Meta:
        verbose_name = _("association directory")
        verbose_name_plural = _("association directories")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["base_template"] = get_setting("BASE_TEMPLATE")
        return context

    @path("", name="index")
    def index(self, request):
        """Search and browse; with ``format``, the results as open data."""
        from ..directory.views import directory_index

        return directory_index(self, request)

    @path("suggest/", name="suggest")
    def suggest(self, request):
        """JSON: suggestions for what is being typed in the search field."""
        from ..directory.views import suggest

        return suggest(self, request)

    @re_path(ASSOCIATION_PATH, name="association")
    def association(self, request, slug):
        """One published association; anything else is "not found"."""
        from ..directory.views import association_detail

        return association_detail(self, request, slug)

    @path("unsubscribe/<str:token>/", name="unsubscribe")
    def unsubscribe(self, request, token):
        """Stop the council's messages to an association: a signed one-click link."""
        from ..messages.unsubscribe import unsubscribe_view

        return unsubscribe_view(request, self, token)

    def get_sitemap_urls(self, request=None):
        """The directory page, and the page of every published association.

        One sitemap file holds at most 50,000 addresses: a larger register lists the
        associations in a section of their own (``wagtail_yhes.sitemaps``).
        """
        urls = super().get_sitemap_urls(request)
        base_url = self.get_full_url(request)
        if base_url is None or not get_setting("SITEMAP_ASSOCIATIONS_WITH_DIRECTORY"):
            # Listed by a sitemap section of their own (``wagtail_yhes.sitemaps``).
            return urls
        associations = Association.objects.filter(live=True).order_by("slug")
        for slug, published_at in associations.values_list("slug", "last_published_at"):
            urls.append({"location": f"{base_url}{slug}/", "lastmod": published_at})
        return urls
