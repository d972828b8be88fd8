"""The association register: one ``Association`` snippet per registered association."""

from django import forms
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from ..conf import get_setting
from ..fields import BusinessIdField, PhoneNumberField, PostalCodeField, WebsiteField
from ..validators import format_phone, validate_has_letter


class AssociationSource(models.TextChoices):
    ADMIN = "admin", _("Entered in the admin")
    IMPORT = "import", _("Survey import")
    SUBMISSION = "submission", _("Submitted by the association")


#: Paths below a directory page that are its own views, never an association's slug.
RESERVED_SLUGS = frozenset({"submit", "update", "suggest", "unsubscribe"})
#: What an association's address in the directory reads as its slug.
SLUG_PATTERN = r"[-\w]+"


def unique_slug(model, name, instance_pk=None):
    """Return a slug for ``name`` that no other row of ``model`` uses."""
    base = slugify(name)[:240] or "yhdistys"
    slug, n = base, 1
    others = model._default_manager.exclude(pk=instance_pk)
    while slug in RESERVED_SLUGS or others.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


class Association(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """A registered association (yhdistys) in the regional directory.

    Only the live, published version is public; drafts, submissions and updates wait in
    revisions for moderation.
    """

    name = models.CharField(_("name"), max_length=255, validators=[validate_has_letter])
    abbreviation = models.CharField(
        _("abbreviation"),
        max_length=50,
        blank=True,
        help_text=_('A short name people search with, such as "MLL Mikkeli" or "SPR".'),
    )
    slug = models.SlugField(
        pgettext_lazy("address of a page", "slug"),
        max_length=255,
        unique=True,
        blank=True,
        help_text=_(
            "The last part of the address of the association's page. "
            "Made from the name if left empty."
        ),
    )
    description = models.TextField(_("description"), blank=True)
    business_id = BusinessIdField(
        _("business ID (Y-tunnus)"),
        blank=True,
        db_index=True,
        help_text=_("For example 1234567-1."),
    )
    registration_number = models.CharField(
        _("registration number"),
        max_length=20,
        blank=True,
        db_index=True,
        help_text=_("The number in the Finnish Register of Associations."),
    )
    home_municipality = models.ForeignKey(
        "wagtail_yhes.Municipality",
        verbose_name=_("home municipality"),
        on_delete=models.PROTECT,
        related_name="home_associations",
    )
    municipalities = ParentalManyToManyField(
        "wagtail_yhes.Municipality",
        verbose_name=_("area of operation"),
        blank=True,
        related_name="associations",
        help_text=_("Municipalities where the association operates."),
    )
    activity_fields = ParentalManyToManyField(
        "wagtail_yhes.ActivityField",
        verbose_name=_("activity fields"),
        blank=True,
        related_name="associations",
    )
    email = models.EmailField(_("email"), blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    website = WebsiteField(_("website"), blank=True)
    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    postal_code = PostalCodeField(_("postal code"), blank=True)
    post_office = models.CharField(_("post office"), max_length=100, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact person's email"), blank=True)
    contact_phone = PhoneNumberField(_("contact person's phone"), blank=True)
    contact_consent = models.BooleanField(
        _("contact person may be published"),
        default=False,
        help_text=_("Only with the person's consent are their details shown on the public page."),
    )
    last_verified = models.DateField(
        _("details last confirmed"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("The date when the association last confirmed that its details are correct."),
    )
    source = models.CharField(
        _("source"), max_length=20, choices=AssociationSource, default=AssociationSource.ADMIN
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="association")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="association",
        for_concrete_model=False,
    )

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("name"),
                    FieldPanel("abbreviation"),
                    FieldPanel("description"),
                    MultiFieldPanel(
                        [
                            FieldPanel("home_municipality"),
                            FieldPanel("municipalities", widget=forms.CheckboxSelectMultiple),
                            FieldPanel("activity_fields", widget=forms.CheckboxSelectMultiple),
                        ],
                        heading=_("Area and activity"),
                    ),
                    MultiFieldPanel(
                        [
                            FieldPanel("email"),
                            FieldPanel("phone"),
                            FieldPanel("website"),
                            FieldPanel("street_address"),
                            FieldPanel("postal_code"),
                            FieldPanel("post_office"),
                        ],
                        heading=_("Public contact details"),
                    ),
                ],
                heading=_("Details"),
            ),
            ObjectList(
                [
                    FieldPanel("contact_name"),
                    FieldPanel("contact_email"),
                    FieldPanel("contact_phone"),
                    FieldPanel("contact_consent"),
                ],
                heading=_("Contact person"),
            ),
            ObjectList(
                [
                    FieldPanel("slug"),
                    FieldPanel("business_id"),
                    FieldPanel("registration_number"),
                    FieldPanel("last_verified"),
                    FieldPanel("source"),
                ],
                heading=_("Register"),
            ),
        ]
    )

    #: The details that anyone may see, in the order of the open data formats: the
    #: directory's results and pages, its exports and its index read these, with the
    #: municipalities and activity fields.
    PUBLIC_FIELDS = (
        "name",
        "abbreviation",
        "slug",
        "description",
        "email",
        "phone",
        "website",
        "street_address",
        "postal_code",
        "post_office",
        "last_verified",
    )
    #: Details kept for the council: the registers' numbers, and the contact person, who
    #: is shown on the association's own page only with consent and is never in a listing.
    PRIVATE_FIELDS = (
        "business_id",
        "registration_number",
        "contact_name",
        "contact_email",
        "contact_phone",
    )
    #: What an association tells of itself, in its forms and in the survey's columns:
    #: every detail but the slug and the date of confirmation, which the site keeps.
    DETAIL_FIELDS = tuple(
        name for name in (*PUBLIC_FIELDS, *PRIVATE_FIELDS) if name not in ("slug", "last_verified")
    )

    search_fields = [
        index.SearchField("name", boost=5),
        index.AutocompleteField("name"),
        index.SearchField("abbreviation", boost=3),
        index.AutocompleteField("abbreviation"),
        index.SearchField("description"),
        index.SearchField("business_id"),
        index.SearchField("registration_number"),
        index.SearchField("email"),
        index.SearchField("post_office"),
        index.RelatedFields(
            "home_municipality", [index.SearchField("name"), index.SearchField("name_sv")]
        ),
        index.FilterField("home_municipality"),
        index.FilterField("live"),
        index.FilterField("last_verified"),
        index.FilterField("name"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("association")
        verbose_name_plural = _("associations")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("This address is reserved for the directory's own pages.")}
            )

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(type(self), self.name, self.pk)
        super().save(*args, **kwargs)

    def full_clean(self, *args, **kwargs):
        # The slug is made from the name before validation, so that the unique check and
        # the form see the value that will be saved.
        if not self.slug and self.name:
            self.slug = unique_slug(type(self), self.name, self.pk)
        super().full_clean(*args, **kwargs)

    @property
    def phone_display(self):
        """The phone number in readable international form."""
        return format_phone(self.phone)

    @property
    def contact_phone_display(self):
        """The contact person's phone number in readable international form."""
        return format_phone(self.contact_phone)

    @property
    def public_contact_person(self):
        """True when a contact person is named and has consented to being published."""
        return bool(self.contact_consent and self.contact_name)

    @property
    def municipality_names(self):
        """The area of operation as a comma-separated list, as in the survey export."""
        return ", ".join(m.name for m in self.municipalities.all())

    @property
    def activity_field_names(self):
        """The activity fields as a comma-separated list, as in the survey export."""
        return ", ".join(f.name for f in self.activity_fields.all())

    @property
    def contact_consent_answer(self):
        """The consent as the survey asks it: "Kyllä" or "Ei"."""
        return "Kyllä" if self.contact_consent else "Ei"

    @property
    def status_label(self):
        """Published or draft, in the active language."""
        return self.status_string

    def get_preview_template(self, request, mode_name):
        return "wagtail_yhes/associations/association_preview.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context["association"] = self
        context["base_template"] = get_setting("BASE_TEMPLATE")
        return context
