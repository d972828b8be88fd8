"""The public directory of associations: a routable page."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from ..conf import get_setting
from ..selfservice.routes import SelfServiceRoutesMixin


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
        return self.render(request)
