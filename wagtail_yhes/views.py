"""Admin viewsets: the "Associations" menu with its snippets and vocabularies."""

from django.db.models import Q
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.ui.components import MediaContainer
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn
from wagtail.admin.utils import get_latest_str
from wagtail.snippets.side_panels import SnippetStatusSidePanel
from wagtail.snippets.views.snippets import (
    EditView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)
from wagtail_modeladmin.options import ModelAdmin

from . import finnish, spreadsheets
from .filters import AssociationFilterSet, LiaisonFilterSet
from .models import ActivityField, Association, EditorSearchEntry, Liaison, Municipality
from .search import Search
from .search.tolerance import revise
from .selfservice.admin_views import EraseContactPersonView, erase_contact_button
from .selfservice.review import AssociationStatusSidePanel

#: The submenu hook of the "Associations" menu; other parts of the package and host
#: sites can add items to the menu by registering a ``MenuItem`` with it.
MENU_HOOK = "register_wagtail_yhes_menu_item"

# Export headings are the import column names, so that an exported listing can be
# edited in a spreadsheet and imported back with ``yhes_import``.
ASSOCIATION_EXPORT_HEADINGS = {
    "name": "Yhdistyksen nimi",
    "abbreviation": "Lyhenne",
    "business_id": "Y-tunnus",
    "registration_number": "Rekisterinumero",
    "home_municipality": "Kotikunta",
    "municipality_names": "Toiminta-alue",
    "activity_field_names": "Toimiala",
    "description": "Kuvaus",
    "email": "Sähköposti",
    "phone": "Puhelin",
    "website": "Verkkosivut",
    "street_address": "Katuosoite",
    "postal_code": "Postinumero",
    "post_office": "Postitoimipaikka",
    "contact_name": "Yhteyshenkilö",
    "contact_email": "Yhteyshenkilön sähköposti",
    "contact_phone": "Yhteyshenkilön puhelin",
    "contact_consent_answer": "Yhteyshenkilön tiedot saa julkaista",
    "last_verified": "Vastausaika",
    "status_label": "Tila",
}


class CalendarDateColumn(Column):
    """A column of dates shown as dates, never as a time since: "5.3.2025", not "15 hours ago"."""

    cell_template_name = "wagtail_yhes/admin/tables/calendar_date_cell.html"


class AssociationIndexView(spreadsheets.FinnishExcelCsvMixin, IndexView):
    """The associations' listing, whose CSV and XLSX exports are safe to open.

    Much of the text comes from the public: none of it may run as a formula, or stop
    the export with a character that XLSX cannot hold (``wagtail_yhes.spreadsheets``).
    Its CSV opens in Excel in Finland as the open data does.
    """

    custom_value_preprocess = spreadsheets.VALUE_PREPROCESS
    custom_field_preprocess = {"home_municipality": spreadsheets.OBJECT_PREPROCESS}

    def search_queryset(self, queryset):
        """Search with the directory's Finnish analysis, drafts included.

        The words are found as the public directory finds them (inflected forms, words
        in any order, Swedish names, abbreviations, compound parts and typing errors), in
        ``EditorSearchEntry``, which holds every association; Wagtail's filters and
        ordering apply as before.
        """
        if not self.is_searching:
            return queryset
        text = " ".join(self.search_query.split())
        search = Search(words=tuple(finnish.query_words(text)), entry_model=EditorSearchEntry)
        if search.words and not search.exists():
            revision = revise(search, text)
            search = revision.search if revision else search
        # Register numbers and addresses are looked up as typed, as a part of the value.
        typed = Q()
        for field in ("business_id", "registration_number", "email"):
            typed |= Q(**{f"{field}__icontains": text})
        if search.words:
            typed |= Q(pk__in=search.matching_ids())
        return queryset.filter(typed)

    @cached_property
    def no_results_message(self):
        if self.is_searching or self.is_filtering:
            return _("No associations match the search.")
        return _("There are no associations yet.")


STALE_REVISION_ERROR = _(
    "The association was changed while you had it open, and nothing was saved. Open it "
    "again to see the latest version before approving or publishing."
)

# Wagtail's own messages name the model in a way that reads badly in Finnish.
SUCCESS_MESSAGES = {
    "edit": _("The association “%(name)s” was saved as a draft."),
    "publish": _("The association “%(name)s” was published."),
    "submit": _("The association “%(name)s” was sent for moderation."),
    "approve": _("The association “%(name)s” was approved."),
    "reject": _("Changes to the association “%(name)s” were asked for."),
}


class AssociationEditView(EditView):
    """The association's edit view, with "Erase contact person" among its actions.

    Its status side panel links to the changes that wait for approval.
    """

    erase_contact_url_name = None

    def is_valid(self, form):
        # Approving or publishing saves the form first: a form opened before a newer
        # revision arrived (an association's own update, say) would publish its older
        # content in place of the changes that the moderator has not seen.
        if self.action in {"publish", "workflow-action"} and self.loaded_revision_is_stale():
            self.produced_error_code = "invalid_revision"
            self.produced_error_message = STALE_REVISION_ERROR
            return False
        return super().is_valid(form)

    def loaded_revision_is_stale(self):
        """True when a newer revision was saved after the form was opened."""
        loaded = self.request.POST.get("loaded_revision_id")
        latest = self.object.latest_revision_id
        return bool(loaded) and latest is not None and loaded != str(latest)

    def get_success_message(self, instance=None):
        message = SUCCESS_MESSAGES.get(
            self.workflow_action if self.action == "workflow-action" else self.action
        )
        if message is None:
            return super().get_success_message(instance)
        return message % {"name": get_latest_str(instance or self.object)}

    def get_side_panels(self):
        return MediaContainer(
            AssociationStatusSidePanel.from_panel(panel)
            if type(panel) is SnippetStatusSidePanel
            else panel
            for panel in super().get_side_panels()
        )

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        button = erase_contact_button(
            self.object, self.request.user, self.erase_contact_url_name, check_revisions=True
        )
        if button is not None:
            buttons.append(button)
        return buttons


class AssociationSnippetViewSet(SnippetViewSet):
    """Associations in the admin: listing with filters and export, drafts and workflow."""

    model = Association
    index_view_class = AssociationIndexView
    edit_view_class = AssociationEditView
    erase_contact_view_class = EraseContactPersonView
    icon = "group"
    menu_label = _("Associations")
    menu_name = "associations"
    list_display = [
        "name",
        Column(
            "home_municipality", label=_("Home municipality"), sort_key="home_municipality__name"
        ),
        LiveStatusTagColumn(),
        CalendarDateColumn("last_verified", label=_("Details confirmed"), sort_key="last_verified"),
    ]
    list_per_page = 50
    filterset_class = AssociationFilterSet
    list_export = list(ASSOCIATION_EXPORT_HEADINGS)
    export_headings = ASSOCIATION_EXPORT_HEADINGS
    export_filename = "yhdistykset"
    ordering = ["name"]
    # The listing searches the directory's own analysis (``AssociationIndexView``).
    search_backend_name = None
    search_fields = ["name"]

    def get_queryset(self, request):
        return Association.objects.select_related(
            "home_municipality", "latest_revision"
        ).prefetch_related("municipalities", "activity_fields")

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            erase_contact_url_name=self.get_url_name("erase_contact"), **kwargs
        )

    @property
    def erase_contact_view(self):
        return self.construct_view(self.erase_contact_view_class)

    def get_urlpatterns(self):
        # Wagtail 7.0 has no pk_path_converter; its own snippet URLs take the pk as str.
        converter = getattr(self, "pk_path_converter", "str")
        return super().get_urlpatterns() + [
            path(
                f"erase-contact/<{converter}:pk>/",
                self.erase_contact_view,
                name="erase_contact",
            )
        ]


class LiaisonSnippetViewSet(SnippetViewSet):
    """Municipal liaisons, ordered within their municipality."""

    model = Liaison
    icon = "user"
    menu_label = _("Liaisons")
    menu_name = "liaisons"
    list_display = ["name", "municipality", "role", "email", "sort_order"]
    filterset_class = LiaisonFilterSet
    ordering = ["municipality__name", "sort_order", "name"]
    search_backend_name = None
    search_fields = ["name", "role", "email", "municipality__name"]

    def get_queryset(self, request):
        return Liaison.objects.select_related("municipality")


class AssociationsMenuGroup(SnippetViewSetGroup):
    """The "Associations" (Järjestöt) admin menu."""

    items = (AssociationSnippetViewSet, LiaisonSnippetViewSet)
    menu_label = pgettext_lazy("admin menu", "Associations")
    menu_name = "wagtail-yhes"
    menu_icon = "group"
    menu_order = 250
    submenu_hook = MENU_HOOK

    def get_menu_item(self, order=None):
        # Wagtail 7.0 ignores ``submenu_hook``: the submenu is built here so that the
        # items registered with MENU_HOOK join it on every supported Wagtail version.
        return SubmenuMenuItem(
            label=self.menu_label,
            menu=Menu(register_hook_name=self.submenu_hook, items=self.get_submenu_items()),
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=order if order is not None else self.menu_order,
        )


class MunicipalityAdmin(ModelAdmin):
    model = Municipality
    menu_label = _("Municipalities")
    menu_icon = "site"
    add_to_admin_menu = False
    list_display = ("name", "name_sv", "code")
    search_fields = ("name", "name_sv", "code")
    ordering = ("name",)


class ActivityFieldAdmin(ModelAdmin):
    model = ActivityField
    menu_label = _("Activity fields")
    menu_icon = "tag"
    add_to_admin_menu = False
    list_display = ("name", "name_sv", "slug")
    search_fields = ("name", "name_sv")
    ordering = ("name",)
